from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Mod
from django.db.models.lookups import Exact
from django.urls import reverse

from volunteers import dates, permissions

QUARTER = Decimal("0.25")


def quarter_hours(value) -> Decimal:
    """A number of hours rounded to the nearest quarter hour, as an exact Decimal."""
    quarters = (Decimal(str(value)) / QUARTER).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return (quarters * QUARTER).quantize(Decimal("0.01"))


class HoursEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff: all; a coordinator: their schemes' entries; a volunteer: their own."""
        return permissions.records_visible_to(user, self)

    def approved(self):
        return self.filter(status=HoursEntry.Status.APPROVED)

    def counting(self):
        """Entries that count towards the 24-hour day: everything not rejected."""
        return self.exclude(status=HoursEntry.Status.REJECTED)

    def in_month(self, month: date):
        first = month.replace(day=1)
        return self.filter(worked_on__gte=first, worked_on__lt=dates.next_month(first))

    def total(self) -> Decimal:
        return self.aggregate(total=Sum("hours"))["total"] or Decimal("0")


class HoursEntry(models.Model):
    """Time a person gave: logged by them and approved, or credited by attending a duty."""

    class Kind(models.TextChoices):
        DUTY = "duty", "Duty"
        TRAINING = "training", "Training"
        ADMIN = "admin", "Admin"
        EVENT = "event", "Event"
        ESP_RELEASE = "esp_release", "On release from my employer"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not approved"

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.PROTECT, related_name="hours_entries"
    )
    scheme = models.ForeignKey("volunteers.Scheme", models.PROTECT, related_name="hours_entries")
    worked_on = models.DateField("date")
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.DUTY)
    description = models.CharField(max_length=200, blank=True)
    # Set when attendance at a rostered duty credited these hours.
    signup = models.OneToOneField(
        "schemes.Signup", models.PROTECT, null=True, blank=True, related_name="hours_entry"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HoursEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-worked_on", "-pk"]
        verbose_name_plural = "hours entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=24),
                name="hoursentry_hours_within_a_day",
                violation_error_message="Enter between a quarter of an hour and 24 hours.",
            ),
            models.CheckConstraint(
                condition=Exact(Mod(F("hours") * 100, 25), 0),
                name="hoursentry_quarter_hours",
                violation_error_message="Enter hours in quarter hours, like 2.25 or 3.5.",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="hoursentry_rejection_has_reason",
                violation_error_message="Say why the hours are not approved.",
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "worked_on"], name="hours_volunteer_day_idx"),
            models.Index(fields=["scheme", "status", "worked_on"], name="hours_scheme_status_idx"),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.hours} h on {self.worked_on}"

    def get_absolute_url(self):
        return reverse("schemes:my-hours")

    @property
    def is_editable(self) -> bool:
        """Pending or rejected entries can be corrected; approved ones are locked."""
        return self.status != self.Status.APPROVED and self.signup_id is None


class MonthlyHours(models.Model):
    """A person's approved hours in one scheme and month, kept beside the entries by
    `schemes.services.month_totals` so that pages counting a whole scheme's months read one
    row per person and month instead of adding up every entry."""

    volunteer = models.ForeignKey("volunteers.Volunteer", models.CASCADE, related_name="+")
    scheme = models.ForeignKey("volunteers.Scheme", models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month.")
    hours = models.DecimalField(max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = "monthly hours"
        verbose_name_plural = "monthly hours"
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "month", "volunteer"], name="monthly_hours_one_per_person"
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="monthly_hours_first_day"),
        ]

    def __str__(self):
        return f"{self.volunteer_id} · {self.scheme_id} · {self.month:%B %Y}: {self.hours} h"
