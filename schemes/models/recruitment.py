"""Joining a scheme: the roles people can apply for (an opportunity), their applications,
and each step an application takes through its scheme's stages.

An application ends one of three ways: accepted (the membership it creates takes over,
with the vetting, training and duties that already exist), declined with a reason, or
withdrawn by the person. Until then it is open, and a person has one open application per
role at most (a constraint, so two submissions at once cannot make two).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from volunteers.catalogue import JOINED_BY_SCHOOLS


class Stage(models.TextChoices):
    """The stages of recruitment, in the order they come; a role uses some of them."""

    RECEIVED = "received", "Application received"
    SCREENING = "screening", "Screening call"
    INTERVIEW = "interview", "Interview"
    REFERENCES = "references", "References"
    VETTING = "vetting", "Vetting"
    TRAINING = "training", "Training"


# Every stage, for a role that does not say otherwise.
ALL_STAGES = [stage.value for stage in Stage]


def check_stages(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError("Choose the stages this role's applications go through.")
    unknown = [code for code in value if code not in ALL_STAGES]
    if unknown:
        raise ValidationError(f"Not a stage: {', '.join(map(str, unknown))}.")
    if value[0] != Stage.RECEIVED or value != sorted(set(value), key=ALL_STAGES.index):
        raise ValidationError(
            "Stages start with “Application received”, keep the order they come in, and "
            "come once each."
        )


# Addresses under /roles/ the site uses itself, which no role may take as its slug.
RESERVED_SLUGS = frozenset({"for-partners"})
ADULTS_ONLY = (
    "Children join {scheme} through their school, so a role here is for the adults who "
    "run it: give a youngest age of 18 or more."
)


class OpportunityQuerySet(models.QuerySet):
    def open_on(self, day):
        """Roles taking applications on `day`: open, and not past their closing date."""
        return self.filter(is_open=True).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=day))


class Opportunity(models.Model):
    """A role within a scheme that people can apply for."""

    class Activity(models.TextChoices):
        PATROL = "patrol", "Patrol and policing"
        OFFICE = "office", "Front counter and office"
        YOUNG_PEOPLE = "young_people", "Working with young people"
        ANIMALS = "animals", "Animals"
        SCRUTINY = "scrutiny", "Scrutiny and independent visiting"
        ROADS = "roads", "Road safety"
        COMMUNITY = "community", "Community safety"

    class Residence(models.TextChoices):
        ANYONE = "anyone", "Anyone"
        LIVE_OR_WORK = "live_or_work", "People who live or work in Hertfordshire"
        LIVE = "live", "People who live in Hertfordshire"

    scheme = models.ForeignKey("volunteers.Scheme", models.PROTECT, related_name="opportunities")
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    summary = models.CharField(max_length=240, help_text="One or two lines for the list.")
    description = models.TextField(help_text="What the role is, what you do, what you get.")
    district = models.ForeignKey(
        "volunteers.District",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave empty for a role anywhere in the county.",
    )
    place = models.CharField(
        max_length=120, blank=True, help_text="Where, in a few words: “Stevenage Police Station”."
    )
    activity = models.CharField(max_length=20, choices=Activity)
    time_asked = models.CharField(
        "time asked", max_length=120, help_text="For example “16 hours a month”."
    )
    min_age = models.PositiveSmallIntegerField(
        "youngest age",
        null=True,
        blank=True,
        help_text="Leave both ages empty to use the scheme's; give one or both for the role's "
        "own (an empty one is then no limit).",
    )
    max_age = models.PositiveSmallIntegerField("oldest age", null=True, blank=True)
    residence = models.CharField(
        "who can apply", max_length=20, choices=Residence, default=Residence.LIVE_OR_WORK
    )
    must_be_independent = models.BooleanField(
        "independent of the police",
        default=False,
        help_text="Serving police officers and police staff cannot apply (custody visiting).",
    )
    stages = models.JSONField(
        default=list,
        validators=[check_stages],
        help_text="The stages applications go through, in order (a scheme may skip some).",
    )
    is_open = models.BooleanField("taking applications", default=True)
    closes_on = models.DateField("closing date", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["scheme__name", "title"]
        verbose_name = "role to apply for"
        verbose_name_plural = "roles to apply for"

    def __str__(self):
        return f"{self.title} ({self.scheme})"

    def get_absolute_url(self):
        return reverse("schemes:role", args=[self.slug])

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": "This address is the site's own: choose another."})
        adults_only = self.scheme_id and self.scheme.slug in JOINED_BY_SCHOOLS
        if adults_only and (self.min_age is None or self.min_age < 18):
            raise ValidationError({"min_age": ADULTS_ONLY.format(scheme=self.scheme)})

    @property
    def own_ages(self) -> bool:
        """A role with an age of its own (a cadet leader's 18 or over) takes neither of its
        scheme's: the other, left empty, is no limit."""
        return self.min_age is not None or self.max_age is not None

    @property
    def youngest(self) -> int | None:
        return self.min_age if self.own_ages else self.scheme.min_age

    @property
    def oldest(self) -> int | None:
        return self.max_age if self.own_ages else self.scheme.max_age

    @property
    def stage_list(self) -> list[Stage]:
        return [Stage(code) for code in (self.stages or ALL_STAGES)]

    def takes_applications(self, day) -> bool:
        return self.is_open and (self.closes_on is None or self.closes_on >= day)


class Question(models.Model):
    """A question a role asks its applicants, besides their details."""

    class Kind(models.TextChoices):
        TEXT = "text", "Their own words"
        CHOICE = "choice", "One of several answers"
        YES_NO = "yes_no", "Yes or no"

    opportunity = models.ForeignKey(Opportunity, models.CASCADE, related_name="questions")
    text = models.CharField("question", max_length=240)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.TEXT)
    choices = models.TextField(
        blank=True, help_text="For “one of several answers”: one answer a line."
    )
    required = models.BooleanField("needs an answer", default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": "Give at least two answers, one a line."})

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Application(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "In progress"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Not taken forward"
        WITHDRAWN = "withdrawn", "Withdrawn"

    opportunity = models.ForeignKey(Opportunity, models.PROTECT, related_name="applications")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="applications"
    )
    stage = models.CharField(max_length=12, choices=Stage, default=Stage.RECEIVED)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    # [{"question": text, "answer": text}], as asked when they applied.
    answers = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(
        max_length=300, blank=True, help_text="Why it was declined or withdrawn."
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "volunteer"],
                condition=Q(status="open"),
                name="application_one_open_per_role",
                violation_error_message="You have already applied for this role.",
            )
        ]
        indexes = [models.Index(fields=["status", "stage"], name="application_status_stage")]

    def __str__(self):
        return f"{self.volunteer} · {self.opportunity.title}"

    @property
    def owning_scheme(self):
        return self.opportunity.scheme.slug

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Step(models.Model):
    """One move of an application: a stage reached, or how it ended; who, when and why."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="steps")
    stage = models.CharField(max_length=12, choices=Stage)
    status = models.CharField(max_length=10, choices=Application.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.get_stage_display()} ({self.get_status_display()})"

    @property
    def owning_scheme(self):
        return self.application.opportunity.scheme.slug


class Interview(models.Model):
    """An application's interview: when, where and who sits on the panel. Arranging it
    again keeps the same interview, one version on (so the applicant's calendar updates
    the event rather than adding a second)."""

    application = models.OneToOneField(Application, models.CASCADE, related_name="interview")
    starts_at = models.DateTimeField("date and time")
    minutes = models.PositiveSmallIntegerField(
        "length in minutes", default=45, validators=[MinValueValidator(10), MaxValueValidator(240)]
    )
    place = models.CharField(
        max_length=200,
        help_text="Where, so they can find it: “Stevenage Police Station, Lytton Way”.",
    )
    panel = models.CharField(
        "the panel",
        max_length=200,
        help_text="Who will be there, as the applicant should read it: “Sgt Amy Cole and "
        "Tom Reid (volunteer coordinator)”.",
    )
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Interview: {self.application}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def owning_scheme(self):
        return self.application.opportunity.scheme.slug
