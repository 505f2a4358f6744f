"""Police Support Volunteers' role catalogue and placements, and the activities of
Emergency Services Volunteers (police and fire together).

PSVs work in over 30 organisational settings, from school and gangs support to puppy
fostering. A setting holds roles; a placement puts a person in a role, from a start to an
end, with a supervisor. Hours given in a placement go through the hours engine (an
`HoursEntry` of the PSV scheme), tied to the placement by `PlacementHours`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from volunteers.catalogue import SchemeSlug


class Service(models.TextChoices):
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    BOTH = "both", "Police and fire together"


class Setting(models.Model):
    """An organisational setting PSVs work in: “Schools and gangs support”."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(max_length=240, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.Model):
    """A role in the catalogue: what a volunteer does in a setting."""

    setting = models.ForeignKey(Setting, models.PROTECT, related_name="roles")
    title = models.CharField(max_length=120)
    service = models.CharField(max_length=10, choices=Service, default=Service.POLICE)
    description = models.TextField(blank=True)
    is_active = models.BooleanField("in use", default=True)

    class Meta:
        ordering = ["setting__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["setting", "title"], name="psv_role_once_per_setting")
        ]

    def __str__(self):
        return f"{self.title} ({self.setting})"


class PlacementQuerySet(models.QuerySet):
    def current_on(self, day):
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Placement(models.Model):
    """A person in a catalogue role, from a start to an end, with their supervisor."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="psv_placements"
    )
    role = models.ForeignKey(Role, models.PROTECT, related_name="placements")
    starts_on = models.DateField("starts")
    ends_on = models.DateField("ends", null=True, blank=True)
    supervisor = models.CharField(
        max_length=120, help_text="Who they report to, as the volunteer knows them."
    )
    notes = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="psv_placement_ends_after_start",
                violation_error_message="A placement cannot end before it starts.",
            )
        ]
        indexes = [models.Index(fields=["role", "starts_on"], name="psv_placement_role_start")]

    def __str__(self):
        return f"{self.volunteer} · {self.role}"

    def is_current(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class PlacementHours(models.Model):
    """Hours given in a placement: the entry is the hours engine's own."""

    placement = models.ForeignKey(Placement, models.CASCADE, related_name="hours")
    entry = models.OneToOneField("schemes.HoursEntry", models.CASCADE, related_name="+")

    def __str__(self):
        return f"{self.entry.hours} hours · {self.placement}"

    @property
    def volunteer(self):
        return self.placement.volunteer


class EsvActivity(models.Model):
    """One thing an Emergency Services Volunteer did, and how it ended."""

    owning_scheme = SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS

    class Kind(models.TextChoices):
        SAFE_AND_WELL = "safe_and_well", "Safe and well check"
        CRIME_PREVENTION = "crime_prevention", "Crime prevention advice"
        PATROL = "patrol", "Patrol"

    class Outcome(models.TextChoices):
        ADVICE_GIVEN = "advice_given", "Advice given"
        EQUIPMENT_FITTED = "equipment_fitted", "Smoke alarm or equipment fitted"
        REFERRED = "referred", "Referred on for more help"
        NO_ANSWER = "no_answer", "No one at home"
        REASSURANCE = "reassurance", "Reassurance given"
        REPORTED = "reported", "Something reported to the police"

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="esv_activities"
    )
    kind = models.CharField("what", max_length=20, choices=Kind)
    done_on = models.DateField("date")
    district = models.ForeignKey("volunteers.District", models.PROTECT, related_name="+")
    place = models.CharField("where", max_length=120, help_text="A street or area, not an address.")
    outcome = models.CharField(max_length=20, choices=Outcome)
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    notes = models.CharField(max_length=300, blank=True, help_text="No names or addresses.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-done_on", "-pk"]
        verbose_name = "ESV activity"
        verbose_name_plural = "ESV activities"

    def __str__(self):
        return f"{self.get_kind_display()}, {self.done_on:%d %b %Y}"
