from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from volunteers.models import Vetting

# A duty booked below its minimum this close to its start is flagged "short of people".
SHORT_NOTICE_DAYS = 7


def start_of(day: date) -> datetime:
    """Midnight at the start of a local day, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


class DutyQuerySet(models.QuerySet):
    def visible_to(self, user):
        from volunteers.models import Scheme

        return self.filter(scheme__in=Scheme.objects.visible_to(user))

    def scheduled(self):
        return self.filter(status=Duty.Status.SCHEDULED)

    def upcoming(self, *, now=None):
        return self.filter(starts_at__gte=now or timezone.now())

    def between(self, first: date, last: date):
        """Duties starting on any day from `first` to `last` (local dates, inclusive)."""
        return self.filter(
            starts_at__gte=start_of(first), starts_at__lt=start_of(last + timedelta(1))
        )

    def overlapping(self, starts_at, ends_at):
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class Duty(models.Model):
    """A time, a place, a scheme and a number of places: patrols, events, visits, sessions."""

    class Kind(models.TextChoices):
        PATROL = "patrol", "Patrol"
        EVENT = "event", "Event"
        TRAINING = "training", "Training"
        VISIT = "visit", "Visit"
        SESSION = "session", "Session"
        MEETING = "meeting", "Meeting"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    scheme = models.ForeignKey("volunteers.Scheme", models.PROTECT, related_name="duties")
    title = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.PATROL)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(
        max_length=160, help_text="Where to report, e.g. Stevenage Police Station."
    )
    district = models.ForeignKey(
        "volunteers.District", models.PROTECT, null=True, blank=True, related_name="duties"
    )
    min_people = models.PositiveSmallIntegerField(
        "minimum people", default=1, help_text="Fewer booked than this a week ahead is flagged."
    )
    places = models.PositiveSmallIntegerField("maximum people")
    signup_deadline = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to take bookings until it starts."
    )
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        "cancellation cut-off (hours)",
        default=24,
        help_text="Volunteers can cancel up to this many hours before the start.",
    )
    required_vetting = models.CharField(
        "vetting needed",
        max_length=5,
        blank=True,
        choices=[("", "None beyond membership"), *Vetting.Level.choices],
    )
    required_course = models.ForeignKey(
        "volunteers.Course",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="training needed",
        help_text="Must be current on the day of the duty.",
    )
    requirement = models.CharField(
        "also needs",
        max_length=40,
        blank=True,
        help_text="Something a scheme checks before booking, e.g. Independent Patrol Status.",
    )
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.SCHEDULED)
    cancel_reason = models.CharField(max_length=200, blank=True)
    # Places taken (booked, attended or no-show). Changed only by a conditional UPDATE in
    # the booking service; the constraint below makes overbooking impossible at any speed.
    booked_count = models.PositiveSmallIntegerField(default=0, editable=False)
    series = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    # Raised on every change, so calendar apps replace their copy (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DutyQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name_plural = "duties"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="duty_ends_after_it_starts",
                violation_error_message="The end must be after the start.",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1) & Q(min_people__gte=1) & Q(places__gte=F("min_people")),
                name="duty_places_cover_the_minimum",
                violation_error_message="The maximum must be at least the minimum, and at least 1.",
            ),
            models.CheckConstraint(
                condition=Q(booked_count__lte=F("places")),
                name="duty_never_overbooked",
                violation_error_message="The maximum cannot be below the number already booked.",
            ),
        ]
        indexes = [models.Index(fields=["scheme", "starts_at"], name="duty_scheme_start_idx")]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d %b %Y %H:%M})"

    def get_absolute_url(self):
        return reverse("schemes:duty-detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def free_places(self) -> int:
        return max(self.places - self.booked_count, 0)

    @property
    def is_full(self) -> bool:
        return self.booked_count >= self.places

    @property
    def duration_hours(self):
        """Length in hours, rounded to the nearest quarter hour, as hours are logged."""
        from schemes.models.hours import quarter_hours

        return quarter_hours((self.ends_at - self.starts_at).total_seconds() / 3600)

    def is_short(self, now=None) -> bool:
        """Fewer than the minimum booked, and starting within a week."""
        now = now or timezone.now()
        soon = self.starts_at - now <= timedelta(days=SHORT_NOTICE_DAYS)
        return (
            not self.is_cancelled
            and self.starts_at > now
            and soon
            and (self.booked_count < self.min_people)
        )

    def bookings_close_at(self):
        return self.signup_deadline or self.starts_at

    def cancellation_closes_at(self):
        return self.starts_at - timedelta(hours=self.cancel_cutoff_hours)


class SignupQuerySet(models.QuerySet):
    def taking_places(self):
        return self.filter(status__in=Signup.PLACE_STATUSES)

    def waiting(self):
        return self.filter(status=Signup.Status.WAITLISTED).order_by("created_at", "pk")

    def live(self):
        """Not cancelled: what stops the same person signing up twice."""
        return self.exclude(status=Signup.Status.CANCELLED)


class Signup(models.Model):
    """A person's place on a duty, or in its queue."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "Did not attend"

    PLACE_STATUSES = (Status.BOOKED, Status.ATTENDED, Status.NO_SHOW)

    duty = models.ForeignKey("schemes.Duty", models.PROTECT, related_name="signups")
    volunteer = models.ForeignKey("volunteers.Volunteer", models.PROTECT, related_name="signups")
    status = models.CharField(max_length=10, choices=Status)
    # The queue order of the waiting list: first come, first served.
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)

    objects = SignupQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["duty", "volunteer"],
                condition=~Q(status="cancelled"),
                name="signup_once_per_duty",
                violation_error_message="You are already signed up for this duty.",
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "status"], name="signup_volunteer_status_idx"),
            models.Index(fields=["duty", "status", "created_at"], name="signup_queue_idx"),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.duty} ({self.get_status_display()})"

    @property
    def owning_scheme(self) -> str:
        return self.duty.scheme.slug

    @property
    def takes_a_place(self) -> bool:
        return self.status in self.PLACE_STATUSES
