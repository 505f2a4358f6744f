from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from volunteers.dates import whole_years_between
from volunteers.validators import validate_person_name, validate_uk_phone

ADULT_AGE = 18
FUTURE_BIRTH_DATE = "Date of birth must be in the past."
GUARDIAN_NEEDED = "Give a parent or guardian's name and phone number for anyone under 18."
DUPLICATE_EMAIL = "Someone is already registered with this e-mail address."


# A person's own details: what the details forms edit and the audit trail compares.
DETAIL_FIELDS = [
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "email",
    "phone",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "district",
    "emergency_contact_name",
    "emergency_contact_phone",
    "emergency_contact_relationship",
    "guardian_name",
    "guardian_phone",
    "guardian_email",
]


class VolunteerQuerySet(models.QuerySet):
    def lock(self, pk) -> None:
        """Hold this person's row lock until the transaction ends, so their bookings and
        hours are changed one request at a time."""
        self.select_for_update().filter(pk=pk).first()

    def visible_to(self, user):
        from volunteers import permissions

        return permissions.volunteers_visible_to(user, self)

    def search(self, text: str):
        """Match names, e-mail or postcode; a postcode matches with or without its space."""
        text = text.strip()
        if not text:
            return self
        compact = text.replace(" ", "").upper()
        query = Q(email__icontains=text) | Q(postcode_compact__startswith=compact)
        for word in text.split():
            query |= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(preferred_name__icontains=word)
            )
        return self.filter(query)

    def in_scheme(self, scheme, *, status: str | None = None):
        memberships = Membership.objects.filter(scheme=scheme)
        if status:
            memberships = memberships.filter(status=status)
        return self.filter(pk__in=memberships.values("volunteer_id"))

    def with_status(self, status: str, *, memberships=None):
        """People with a membership at `status`, among `memberships` when given (a
        coordinator's "active" means active in a scheme they run, not anywhere)."""
        memberships = Membership.objects.all() if memberships is None else memberships
        return self.filter(pk__in=memberships.filter(status=status).values("volunteer_id"))

    def vetting_expiring_within(self, days: int, *, today: date | None = None):
        from .records import Vetting

        today = today or timezone.localdate()
        expiring = Vetting.objects.granted().filter(
            expires_on__gte=today, expires_on__lte=today + timedelta(days=days)
        )
        return self.filter(pk__in=expiring.values("volunteer_id"))


class Volunteer(models.Model):
    """One person, whatever schemes they belong to."""

    owning_scheme = ""  # the shared person record (volunteers.ownership)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer",
        help_text="The sign-in this person uses, if they have one.",
    )
    first_name = models.CharField(max_length=80, validators=[validate_person_name])
    last_name = models.CharField(max_length=80, validators=[validate_person_name])
    preferred_name = models.CharField(
        max_length=80,
        blank=True,
        validators=[validate_person_name],
        help_text="What you like to be called, if not your first name.",
    )
    date_of_birth = models.DateField()
    email = models.EmailField("e-mail address")
    phone = models.CharField(max_length=20, validators=[validate_uk_phone])
    address_line_1 = models.CharField("address line 1", max_length=120)
    address_line_2 = models.CharField("address line 2", max_length=120, blank=True)
    town = models.CharField("town or city", max_length=80)
    postcode = models.CharField(max_length=8)
    # Kept without spaces so "AL109AB" and "AL10 9AB" find the same person fast.
    postcode_compact = models.GeneratedField(
        expression=Upper(Replace("postcode", Value(" "), Value(""))),
        output_field=models.CharField(max_length=8),
        db_persist=True,
    )
    district = models.ForeignKey(
        "volunteers.District",
        models.PROTECT,
        related_name="volunteers",
        null=True,
        blank=True,
        help_text="Leave empty if you live outside Hertfordshire.",
    )
    emergency_contact_name = models.CharField(max_length=120, validators=[validate_person_name])
    emergency_contact_phone = models.CharField(max_length=20, validators=[validate_uk_phone])
    emergency_contact_relationship = models.CharField(max_length=60, blank=True)
    guardian_name = models.CharField(
        "parent or guardian's name",
        max_length=120,
        blank=True,
        validators=[validate_person_name],
    )
    guardian_phone = models.CharField(
        "parent or guardian's phone", max_length=20, blank=True, validators=[validate_uk_phone]
    )
    guardian_email = models.EmailField("parent or guardian's e-mail", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="volunteer_email_unique_ignoring_case",
                violation_error_message=DUPLICATE_EMAIL,
            ),
        ]
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="volunteer_name_pk_idx"),
            models.Index(fields=["postcode_compact"], name="volunteer_postcode_idx"),
            models.Index(fields=["created_at"], name="volunteer_created_idx"),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("volunteers:person-detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}"

    @cached_property
    def all_memberships(self) -> list["Membership"]:
        """Every membership of this person with its scheme, in the usual order, read once
        per object: the portal home, its panels and the hours summary all want them."""
        return list(self.memberships.select_related("scheme"))

    @property
    def member_of(self) -> frozenset[str]:
        """Slugs of the schemes this person is a member of now (at any stage but left)."""
        return frozenset(
            m.scheme.slug
            for m in self.all_memberships
            if m.role == Membership.Role.MEMBER and m.status != Membership.Status.LEFT
        )

    def age(self, today: date | None = None) -> int:
        return whole_years_between(self.date_of_birth, today or timezone.localdate())

    def is_under_18(self, today: date | None = None) -> bool:
        return self.age(today) < ADULT_AGE

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        if self.date_of_birth and self.date_of_birth > today:
            errors["date_of_birth"] = FUTURE_BIRTH_DATE
        elif self.date_of_birth and self.is_under_18(today):
            if not self.guardian_name:
                errors["guardian_name"] = GUARDIAN_NEEDED
            if not self.guardian_phone:
                errors["guardian_phone"] = GUARDIAN_NEEDED
        if errors:
            raise ValidationError(errors)


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        from volunteers import permissions

        return permissions.records_visible_to(user, self)

    def current(self):
        return self.exclude(status=Membership.Status.LEFT)

    def coordinators(self):
        return self.filter(role=Membership.Role.COORDINATOR, status=Membership.Status.ACTIVE)


class Membership(models.Model):
    """A person's place in a scheme, with a role and where they are in joining it."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        LEADER = "leader", "Leader"
        COORDINATOR = "coordinator", "Coordinator"

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        VETTING = "vetting", "Vetting"
        TRAINING = "training", "Training"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        LEFT = "left", "Left"

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="memberships"
    )
    scheme = models.ForeignKey("volunteers.Scheme", models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role, default=Role.MEMBER)
    status = models.CharField(max_length=10, choices=Status, default=Status.APPLIED)
    applied_on = models.DateField(default=timezone.localdate)
    joined_on = models.DateField(
        null=True, blank=True, help_text="The day they first became active."
    )
    left_on = models.DateField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_reason = models.CharField(max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["scheme__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "scheme", "role"],
                name="membership_one_per_person_scheme_role",
                violation_error_message="This person already has that role in this scheme.",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(status="left"),
                name="membership_left_on_only_when_left",
            ),
        ]
        indexes = [models.Index(fields=["scheme", "status"], name="membership_scheme_status_idx")]

    def __str__(self):
        role, status = self.get_role_display(), self.get_status_display()
        return f"{self.volunteer} · {self.scheme} ({role}, {status})"

    def get_absolute_url(self):
        return self.volunteer.get_absolute_url()

    @property
    def milestones(self) -> list[tuple[str, object]]:
        """(what happened, when) in the order it happened: someone who joined, left and
        applied again reads "Joined …, Applied again …", never "Applied …, Joined …"."""
        again = self.joined_on is not None and self.applied_on > self.joined_on
        events = [
            ("Applied again" if again else "Applied", self.applied_on),
            ("Joined", self.joined_on),
            ("Left", self.left_on),
        ]
        return sorted(((words, day) for words, day in events if day), key=lambda e: e[1])
