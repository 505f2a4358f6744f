from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ..formats import long_date

EXPIRY_WARNING_DAYS = 60


class ExpiringQuerySet(models.QuerySet):
    """Shared by records that lapse on an `expires_on` date (vetting, training)."""

    def current(self, *, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))

    def expiring_within(self, days: int, *, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=days))


class ExpiringRecord(models.Model):
    """What a vetting clearance and a training record share: a date on which it lapses."""

    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    def days_left(self, today: date | None = None) -> int | None:
        if self.expires_on is None:
            return None
        return (self.expires_on - (today or timezone.localdate())).days

    def expiry_state(self, today: date | None = None) -> str:
        """'expired', 'expiring' (within 60 days), 'current' or 'no-expiry', for the pages."""
        days = self.days_left(today)
        if days is None:
            return "no-expiry"
        if days < 0:
            return "expired"
        if days <= EXPIRY_WARNING_DAYS:
            return "expiring"
        return "current"


class VettingQuerySet(ExpiringQuerySet):
    def granted(self):
        return self.filter(status=Vetting.Status.GRANTED)

    def current(self, *, today: date | None = None):
        return super().current(today=today).granted()

    def visible_to(self, user):
        from .people import Volunteer

        return self.filter(volunteer__in=Volunteer.objects.visible_to(user))


class Vetting(ExpiringRecord):
    """A vetting clearance. Only the outcome is kept, never the reasons behind it."""

    owning_scheme = ""  # the shared person record (volunteers.ownership)

    class Level(models.TextChoices):
        RV = "RV", "Recruitment Vetting (RV)"
        MV = "MV", "Management Vetting (MV)"
        NPPV1 = "NPPV1", "Non-Police Personnel Vetting level 1"
        NPPV2 = "NPPV2", "Non-Police Personnel Vetting level 2"
        NPPV3 = "NPPV3", "Non-Police Personnel Vetting level 3"

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        IN_PROGRESS = "in_progress", "In progress"
        GRANTED = "granted", "Granted"
        REFUSED = "refused", "Not granted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    volunteer = models.ForeignKey("volunteers.Volunteer", models.CASCADE, related_name="vettings")
    level = models.CharField(max_length=5, choices=Level)
    status = models.CharField(max_length=12, choices=Status, default=Status.APPLIED)
    granted_on = models.DateField(null=True, blank=True)
    force_reference = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VettingQuerySet.as_manager()

    class Meta:
        ordering = ["-expires_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(granted_on__isnull=True)
                | Q(expires_on__gt=models.F("granted_on")),
                name="vetting_expires_after_granted",
                violation_error_message="The expiry date must be after the date it was granted.",
            ),
            models.CheckConstraint(
                condition=~Q(status="granted") | Q(granted_on__isnull=False),
                name="vetting_granted_has_date",
                violation_error_message="Give the date the vetting was granted.",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_on"], name="vetting_status_expiry_idx")]

    def __str__(self):
        return f"{self.get_level_display()} · {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("volunteers:person-detail", args=[self.volunteer_id])


class Course(models.Model):
    """A training course or qualification that people complete (catalogue)."""

    class Kind(models.TextChoices):
        TRAINING = "training", "Training"
        QUALIFICATION = "qualification", "Qualification"

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=14, choices=Kind, default=Kind.TRAINING)
    scheme = models.ForeignKey(
        "volunteers.Scheme",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        help_text="Leave empty for training every scheme uses (first aid, safeguarding).",
    )
    valid_for_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty if it never needs renewing."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TrainingRecordQuerySet(ExpiringQuerySet):
    def visible_to(self, user):
        from .people import Volunteer

        return self.filter(volunteer__in=Volunteer.objects.visible_to(user))

    def seen_by(self, user):
        """On a person's staff page: shared training, and a coordinator's own schemes'."""
        from ..permissions import coordinated_scheme_ids, is_opcc_staff

        if is_opcc_staff(user):
            return self
        return self.filter(
            models.Q(course__scheme__isnull=True)
            | models.Q(course__scheme_id__in=coordinated_scheme_ids(user))
        )


class TrainingRecord(ExpiringRecord):
    """A course someone completed, and until when it counts."""

    volunteer = models.ForeignKey("volunteers.Volunteer", models.CASCADE, related_name="training")
    course = models.ForeignKey("volunteers.Course", models.PROTECT, related_name="records")
    completed_on = models.DateField()
    certificate_reference = models.CharField(max_length=60, blank=True)

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("completed_on")),
                name="training_expires_after_completed",
                violation_error_message="The expiry date must be after the date it was completed.",
            ),
        ]

    def __str__(self):
        return f"{self.course} ({long_date(self.completed_on)})"

    @property
    def owning_scheme(self) -> str:
        """A scheme's own course belongs to that scheme; shared training to everyone."""
        return self.course.scheme.slug if self.course.scheme_id else ""
