from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet):
    def due(self, *, now=None):
        """Waiting to be sent: pending and due, or claimed by a worker that went quiet
        (its lease, OUTBOX_LEASE_SECONDS, has run out)."""
        now = now or timezone.now()
        abandoned = now - timezone.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
        return self.filter(
            models.Q(status=Notification.Status.PENDING, next_try_at__lte=now)
            | models.Q(status=Notification.Status.SENDING, claimed_at__lt=abandoned)
        )


class Notification(models.Model):
    """One message in the outbox. Its key (kind, subject, period) is unique, so a reminder
    found again by the next sweep is never queued twice."""

    owning_scheme = ""  # the shared person record (volunteers.ownership)

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    kind = models.CharField(max_length=40)
    subject_ref = models.CharField(
        max_length=80, help_text="What it is about, e.g. vetting:123 or duty:45."
    )
    period = models.CharField(max_length=20, help_text="e.g. 2026-11, or d30 for 30 days.")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField()
    # A file sent with the message (an interview's calendar invitation): name, type, text.
    attachment_name = models.CharField(max_length=80, blank=True)
    attachment_type = models.CharField(max_length=60, blank=True)
    attachment = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_ref", "period"], name="notification_once_per_key"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_try_at"], name="notification_due_idx"),
        ]

    def __str__(self):
        return f"{self.kind} to {self.to} ({self.get_status_display()})"


class ReminderOptOut(models.Model):
    """An optional kind of reminder a person has turned off."""

    owning_scheme = ""  # the shared person record (volunteers.ownership)

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="reminder_opt_outs"
    )
    kind = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "kind"], name="opt_out_once_per_kind"),
        ]

    def __str__(self):
        return f"{self.volunteer} turned off {self.kind}"
