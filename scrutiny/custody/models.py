"""Independent custody visiting: the suites, the quarter's unannounced rota of pairs,
what each pair found, and the follow-ups to the force.

A visit is never a duty: no one books it and it is never published. The rota is planned
by the scheme manager and shown only to the pair allocated; the force sees a visit only
once its report is submitted."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from schemes.models.followups import FollowUp
from volunteers.catalogue import SchemeSlug
from volunteers.models import Membership

from .checklist import CUSTODY_CHECKLIST
from .validators import check_custody_number

ANOTHER_FORCES_INSPECTOR = (
    "That inspector works for another force: choose one of the suite's force."
)


class Suite(models.Model):
    class Frequency(models.IntegerChoices):
        WEEKLY = 1, "Every week"
        FORTNIGHTLY = 2, "Every two weeks"
        THREE_WEEKLY = 3, "Every three weeks"
        MONTHLY = 4, "Every four weeks"

    name = models.CharField(max_length=80, unique=True)  # "Hatfield custody suite"
    address = models.TextField()
    district = models.ForeignKey("volunteers.District", models.PROTECT, related_name="+")
    force = models.ForeignKey("volunteers.Force", models.PROTECT, related_name="custody_suites")
    is_24_hour = models.BooleanField("open 24 hours", default=True)
    visit_every = models.PositiveSmallIntegerField(
        choices=Frequency, default=Frequency.FORTNIGHTLY, help_text="The scheme's target."
    )
    inspector = models.ForeignKey(
        "volunteers.ForceStaff",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="custody_suites",
        limit_choices_to={"role": "custody-inspector"},
        help_text="The custody inspector who receives the visits' reports and concerns.",
    )
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.inspector_id and self.force_id and self.inspector.force_id != self.force_id:
            raise ValidationError({"inspector": ANOTHER_FORCES_INSPECTOR})


class Availability(models.Model):
    """The weeks of a quarter a visitor cannot visit, and how many visits they can make."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="custody_availability"
    )
    quarter = models.DateField(help_text="The quarter's first day.")
    weeks_away = models.JSONField(default=list, blank=True)  # ISO dates of the weeks' Mondays
    most_visits = models.PositiveSmallIntegerField(default=3)
    note = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "availability"
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "quarter"], name="availability_once"),
            models.CheckConstraint(
                condition=Q(most_visits__lte=13), name="availability_most_visits_in_quarter"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} · quarter from {self.quarter:%-d %b %Y}"


class Rota(models.Model):
    """A quarter's rota: planned (seen by the manager only), then published to the pairs."""

    quarter = models.DateField(unique=True, help_text="The quarter's first day.")
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    planned_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    gaps = models.JSONField(default=list, blank=True)  # [[suite id, week]] no pair could fill

    class Meta:
        ordering = ["-quarter"]

    def __str__(self):
        return f"Custody visits rota, quarter from {self.quarter:%-d %B %Y}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AllocationQuerySet(models.QuerySet):
    def of(self, volunteer):
        """The visits this person is allocated to, and no one else's."""
        return self.filter(Q(first_visitor=volunteer) | Q(second_visitor=volunteer))

    def published(self):
        return self.filter(rota__published_at__isnull=False)


class Allocation(models.Model):
    """A pair allocated to visit a suite, unannounced, some time in a week."""

    rota = models.ForeignKey(Rota, models.CASCADE, related_name="allocations")
    suite = models.ForeignKey(Suite, models.PROTECT, related_name="allocations")
    week_starting = models.DateField()
    first_visitor = models.ForeignKey(
        "volunteers.Volunteer", models.PROTECT, related_name="custody_visits_first"
    )
    second_visitor = models.ForeignKey(
        "volunteers.Volunteer", models.PROTECT, related_name="custody_visits_second"
    )
    is_training = models.BooleanField(
        default=False, help_text="A new visitor learning with an experienced one."
    )

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["week_starting", "suite__name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(first_visitor=models.F("second_visitor")),
                name="allocation_a_pair",
            ),
            models.UniqueConstraint(
                fields=["rota", "suite", "week_starting"], name="allocation_one_per_suite_week"
            ),
        ]

    def __str__(self):
        return f"{self.suite}, week of {self.week_starting:%-d %b %Y}"

    def get_absolute_url(self):
        return reverse("custody:my-visit", args=[self.pk])

    @property
    def pair(self) -> tuple:
        return (self.first_visitor, self.second_visitor)

    def partner_of(self, volunteer):
        return self.second_visitor if volunteer.pk == self.first_visitor_id else self.first_visitor


class SwapRequest(models.Model):
    """A visitor asks to hand their place on a visit to a colleague; the manager decides."""

    class Status(models.TextChoices):
        ASKED = "asked", "Waiting for the manager"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Declined"

    allocation = models.ForeignKey(Allocation, models.CASCADE, related_name="swaps")
    asked_by = models.ForeignKey("volunteers.Volunteer", models.CASCADE, related_name="+")
    colleague = models.ForeignKey("volunteers.Volunteer", models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status, default=Status.ASKED)
    asked_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "asked_by"],
                condition=Q(status="asked"),
                name="swap_one_open_request",
            )
        ]

    def __str__(self):
        return f"{self.asked_by} → {self.colleague}: {self.allocation}"


class VisitReportQuerySet(models.QuerySet):
    def for_force(self, force_id):
        """Submitted reports about the force's suites: a force sees nothing before."""
        return self.filter(suite__force_id=force_id)


class VisitReport(models.Model):
    """What a pair found on a visit, filed once (a retry or double tap makes no second)."""

    allocation = models.OneToOneField(Allocation, models.PROTECT, related_name="report")
    suite = models.ForeignKey(Suite, models.PROTECT, related_name="reports")
    arrived_at = models.DateTimeField()
    left_at = models.DateTimeField()
    staff_seen = models.CharField(
        "custody staff who received you", max_length=200, help_text="Names and ranks."
    )
    detainees_held = models.PositiveSmallIntegerField("people held when you arrived")
    detainees_offered = models.PositiveSmallIntegerField("people offered a visit")
    checks = models.JSONField(default=dict)  # {check code: {"result", "note"}}
    raised_at_the_time = models.TextField(
        "concerns raised with the custody sergeant, and what they said", blank=True
    )
    for_independent_reviewer = models.BooleanField(
        default=False, help_text="Someone held under terrorism legislation was visited."
    )
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submitted_by = models.ForeignKey(
        "volunteers.Volunteer", models.PROTECT, related_name="custody_reports"
    )
    submitted_at = models.DateTimeField()

    objects = VisitReportQuerySet.as_manager()

    class Meta:
        ordering = ["-arrived_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_at__gt=models.F("arrived_at")), name="report_left_after_arriving"
            ),
            models.CheckConstraint(
                condition=Q(detainees_offered__lte=models.F("detainees_held")),
                name="report_offered_at_most_held",
            ),
        ]
        indexes = [models.Index(fields=["suite", "arrived_at"], name="report_suite_arrived_idx")]

    def __str__(self):
        return f"Visit to {self.suite} on {self.arrived_at:%-d %b %Y}"

    @property
    def visitors(self) -> tuple:
        return self.allocation.pair

    def concerns(self):
        return CUSTODY_CHECKLIST.concerns(self.checks)


class DetaineeVisit(models.Model):
    """One person offered a visit, known only by their custody number: never a name."""

    report = models.ForeignKey(VisitReport, models.CASCADE, related_name="detainees")
    custody_number = models.CharField(max_length=30, validators=[check_custody_number])
    consented = models.BooleanField("agreed to the visit")
    is_child = models.BooleanField("a child (under 18)", default=False)
    is_vulnerable_adult = models.BooleanField("a vulnerable adult", default=False)
    held_under_terrorism_act = models.BooleanField(
        "held under terrorism legislation", default=False
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.custody_number


class CustodyIssue(FollowUp):
    """A concern from a custody visit, followed until the force answers it."""

    report = models.ForeignKey(VisitReport, models.PROTECT, related_name="issues")

    checklist = CUSTODY_CHECKLIST

    class Meta(FollowUp.Meta):
        verbose_name = "custody visit concern"

    def get_absolute_url(self):
        return reverse("custody:issue", args=[self.pk])

    def where(self) -> str:
        return self.report.suite.name

    def visitors(self) -> list:
        return list(self.report.visitors)

    def force_contacts(self) -> list:
        inspector = self.report.suite.inspector
        if inspector is None:
            return []
        return [(inspector.user.get_full_name(), inspector.user.email)]

    def managers(self) -> list:
        coordinators = Membership.objects.coordinators().filter(
            scheme__slug=SchemeSlug.INDEPENDENT_CUSTODY_VISITORS
        )
        return [
            (m.volunteer.display_name, m.volunteer.email)
            for m in coordinators.select_related("volunteer")
            if m.volunteer.email
        ]
