"""Dog Welfare visiting, run by Hertfordshire's office for three forces: each force's dog
units and police dogs, the visits assigned to visitors each six months, what the visitors
found, the follow-ups to the force, and the scheme's six-monthly meetings.

Every dog, unit and visit belongs to a force (through its dog); a force's dog unit
manager sees only their force's."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from schemes.models.followups import FollowUp
from volunteers.catalogue import SchemeSlug
from volunteers.models import Membership

from .checklist import DOG_CHECKLIST

UNIT_OF_ANOTHER_FORCE = "That unit belongs to another force."
ANOTHER_FORCES_MANAGER = "That manager works for another force: choose one of the unit's force."


class DogUnit(models.Model):
    force = models.ForeignKey("volunteers.Force", models.PROTECT, related_name="dog_units")
    name = models.CharField(max_length=100)  # "Hertfordshire Dog Unit, Stevenage"
    base_address = models.TextField(blank=True)
    manager = models.ForeignKey(
        "volunteers.ForceStaff",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="dog_units",
        limit_choices_to={"role": "dog-unit-manager"},
        help_text="The Dog Unit Manager: receives concerns, and is phoned about a serious one.",
    )
    visits_in_pairs = models.BooleanField(
        default=False, help_text="The force wants its dogs visited by two visitors together."
    )

    class Meta:
        ordering = ["force__short_name", "name"]
        constraints = [models.UniqueConstraint(fields=["force", "name"], name="dogunit_once")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.manager_id and self.force_id and self.manager.force_id != self.force_id:
            raise ValidationError({"manager": ANOTHER_FORCES_MANAGER})

    @property
    def manager_phone(self) -> str:
        return self.manager.phone if self.manager else ""


class DogQuerySet(models.QuerySet):
    def working(self):
        return self.filter(is_retired=False)

    def of_force(self, force_id):
        return self.filter(force_id=force_id)


class Dog(models.Model):
    class Role(models.TextChoices):
        GENERAL_PURPOSE = "general-purpose", "General purpose"
        DRUGS = "drugs", "Drugs detection"
        EXPLOSIVES = "explosives", "Explosives detection"
        CASH = "cash", "Cash and currency detection"
        FIREARMS = "firearms", "Firearms and ammunition detection"
        VICTIM_RECOVERY = "victim-recovery", "Victim recovery"
        DIGITAL = "digital", "Digital media detection"

    class Kennel(models.TextChoices):
        HOME = "home", "At the handler's home"
        BASE = "base", "At a base"

    name = models.CharField(max_length=60)
    force = models.ForeignKey("volunteers.Force", models.PROTECT, related_name="dogs")
    unit = models.ForeignKey(DogUnit, models.PROTECT, related_name="dogs")
    collar_number = models.CharField(
        "handler's collar number",
        max_length=20,
        help_text="The handler's collar number only: never their name or address.",
    )
    breed = models.CharField(max_length=60)
    born_on = models.DateField(null=True, blank=True)
    role = models.CharField(max_length=20, choices=Role)
    kennelled = models.CharField(max_length=10, choices=Kennel, default=Kennel.HOME)
    is_retired = models.BooleanField(default=False)
    retired_on = models.DateField(null=True, blank=True)
    added_on = models.DateField(auto_now_add=True)

    objects = DogQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "name", "collar_number"], name="dog_once_per_handler"
            ),
        ]

    def __str__(self):
        return f"PD {self.name}"

    def get_absolute_url(self):
        return reverse("dogwelfare:dog", args=[self.pk])

    def clean(self):
        if self.unit_id and self.force_id and self.unit.force_id != self.force_id:
            raise ValidationError({"unit": UNIT_OF_ANOTHER_FORCE})


class Assignment(models.Model):
    """A dog to visit in a six-month period, by a visitor (with a partner where the force
    wants pairs)."""

    dog = models.ForeignKey(Dog, models.CASCADE, related_name="assignments")
    period = models.DateField(help_text="The period's first day.")
    visitor = models.ForeignKey(
        "volunteers.Volunteer", models.PROTECT, related_name="dog_assignments"
    )
    partner = models.ForeignKey(
        "volunteers.Volunteer",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="dog_assignments_as_partner",
    )
    due_by = models.DateField()
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_by", "dog__name"]
        constraints = [
            models.UniqueConstraint(fields=["dog", "period"], name="assignment_once_a_period"),
            models.CheckConstraint(
                condition=~Q(visitor=models.F("partner")), name="assignment_two_people"
            ),
        ]

    def __str__(self):
        return f"{self.dog}, by {self.due_by:%-d %b %Y}"

    def people(self) -> list:
        return [p for p in (self.visitor, self.partner) if p is not None]


class DogVisit(models.Model):
    """What a visitor found on a visit to a dog, filed once (a retry makes no second)."""

    dog = models.ForeignKey(Dog, models.PROTECT, related_name="visits")
    assignment = models.OneToOneField(
        Assignment, models.PROTECT, null=True, blank=True, related_name="visit"
    )
    visited_on = models.DateField()
    visitor = models.ForeignKey("volunteers.Volunteer", models.PROTECT, related_name="dog_visits")
    partner = models.ForeignKey(
        "volunteers.Volunteer", models.PROTECT, null=True, blank=True, related_name="+"
    )
    kennel_seen = models.CharField(max_length=10, choices=Dog.Kennel)
    checks = models.JSONField(default=dict)  # {check code: {"result", "note"}}
    notes = models.TextField("anything else", blank=True)
    is_serious = models.BooleanField(
        "a serious concern", default=False, help_text="The dog is at risk now."
    )
    phoned_manager_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["dog", "visited_on"], name="dogvisit_dog_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_serious=False) | Q(phoned_manager_at__isnull=False),
                name="dogvisit_serious_phoned",
            )
        ]

    def __str__(self):
        return f"Visit to {self.dog} on {self.visited_on:%-d %b %Y}"

    def get_absolute_url(self):
        return reverse("dogwelfare:visit", args=[self.pk])

    def people(self) -> list:
        return [p for p in (self.visitor, self.partner) if p is not None]


class DogIssue(FollowUp):
    """A concern from a dog welfare visit, followed until the force answers it."""

    visit = models.ForeignKey(DogVisit, models.PROTECT, related_name="issues")

    checklist = DOG_CHECKLIST

    class Meta(FollowUp.Meta):
        verbose_name = "dog welfare concern"

    def get_absolute_url(self):
        return reverse("dogwelfare:issue", args=[self.pk])

    @property
    def is_serious(self) -> bool:
        return self.visit.is_serious

    @property
    def phoned_at(self):
        return self.visit.phoned_manager_at

    def where(self) -> str:
        return f"{self.visit.dog}, {self.visit.dog.force}"

    def visitors(self) -> list:
        return self.visit.people()

    def force_contacts(self) -> list:
        manager = self.visit.dog.unit.manager
        return [(manager.user.get_full_name(), manager.user.email)] if manager else []

    def managers(self) -> list:
        coordinators = Membership.objects.coordinators().filter(scheme__slug=SchemeSlug.DOG_WELFARE)
        return [
            (m.volunteer.display_name, m.volunteer.email)
            for m in coordinators.select_related("volunteer")
            if m.volunteer.email
        ]


class Meeting(models.Model):
    """The six-monthly meeting of the scheme's administrator, the forces' dog unit
    managers and the Dogs Trust's representative, with its minutes."""

    held_on = models.DateField()
    attendees = models.TextField(help_text="Who was there, one a line.")
    minutes = models.TextField()
    actions = models.TextField("actions agreed", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self):
        return f"Dog welfare meeting, {self.held_on:%-d %B %Y}"


class DogImport(models.Model):
    """A CSV of dogs a force's dog unit sent, checked before anything is written."""

    class Status(models.TextChoices):
        CHECKED = "checked", "Checked: ready to bring in"
        PROBLEMS = "problems", "Has problems to fix"
        DONE = "done", "Brought in"

    force = models.ForeignKey("volunteers.Force", models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    rows = models.JSONField(default=list)  # [{column: text}] as read
    problems = models.JSONField(default=list)  # [[row number, [problem, ...]]]
    file_problems = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.file_name} ({self.force})"
