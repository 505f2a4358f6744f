from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    def for_volunteer(self, volunteer):
        return self.filter(volunteer=volunteer).select_related("actor")

    def seen_by(self, user):
        """The lines this user may read: OPCC staff all of them; a coordinator those about
        the shared person record and the schemes they coordinate (volunteers.ownership)."""
        from ..permissions import coordinated_slugs, is_opcc_staff

        if is_opcc_staff(user):
            return self
        return self.filter(models.Q(scheme="") | models.Q(scheme__in=coordinated_slugs(user)))


class AuditEvent(models.Model):
    """Who did what to whom, when: every change to a person and every sensitive read.

    Rows are only ever added. The person is kept as a label too, so the trail still reads
    after a person record is erased.
    """

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"
        STATUS_CHANGED = "status_changed", "Status changed"
        VIEWED_DIVERSITY = "viewed_diversity", "Viewed diversity data"
        EXPORTED = "exported", "Exported"
        READ = "read", "Read a sensitive report"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    volunteer_label = models.CharField(max_length=200, blank=True)
    scheme = models.CharField(
        max_length=60,
        blank=True,
        db_index=True,
        help_text="The scheme the record belongs to (its slug); empty for the shared "
        "person record. Coordinators read only their schemes' lines.",
    )
    action = models.CharField(max_length=20, choices=Action)
    record_type = models.CharField(max_length=60)
    record_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["volunteer", "-at"], name="audit_volunteer_at_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor or 'system'}: {self.summary}"
