"""Who may book a duty, checked on the page and again inside the booking transaction.

What matters about a person is read once into `Facts` (a handful of queries, whatever the
number of duties), and each rule is a plain function of (facts, duty) returning the reason
the person may not book, or None. Scheme apps add rules (`RULES.register`), what their
rules need to know (`LOADERS.register`) and named requirements a coordinator can put on a
duty (`REQUIREMENTS.register`: the Special Constabulary's Independent Patrol Status) from
their own `eligibility.py`; booking never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from volunteers.formats import long_date
from volunteers.models import Membership, TrainingRecord, Vetting
from volunteers.plugins import Registry

NOT_A_MEMBER = "Only active members of {scheme} can book this duty."
NEEDS_VETTING = "This duty needs {level} vetting that is current on {day}."
NEEDS_TRAINING = "This duty needs “{course}” training that is current on {day}."
UNKNOWN_REQUIREMENT = "This duty needs something we cannot check here; ask its coordinator."

# Which clearances satisfy a duty's requirement. Management Vetting is the highest;
# Recruitment Vetting covers up to NPPV level 2.
SATISFIES = {
    Vetting.Level.NPPV1: {"NPPV1", "NPPV2", "NPPV3", "RV", "MV"},
    Vetting.Level.NPPV2: {"NPPV2", "NPPV3", "RV", "MV"},
    Vetting.Level.NPPV3: {"NPPV3", "MV"},
    Vetting.Level.RV: {"RV", "MV"},
    Vetting.Level.MV: {"MV"},
}


@dataclass
class Facts:
    """What the rules need to know about one person."""

    volunteer: object
    active_scheme_ids: set[int]
    vettings: list[tuple[str, date | None]]  # (level, expires_on) of granted vettings
    training: list[tuple[int, date, date | None]]  # (course id, completed_on, expires_on)
    extra: dict = field(default_factory=dict)  # what registered loaders add


Rule = Callable[[Facts, object], str | None]
RULES: Registry[Rule] = Registry("booking rules")
# Functions that put what a scheme's own rules need into `facts.extra`.
LOADERS: Registry[Callable[[Facts], None]] = Registry("booking facts")


@dataclass(frozen=True)
class Requirement:
    """Something a coordinator can ask of the people on a duty ("also needs")."""

    code: str
    label: str  # on the duty form, e.g. "Independent Patrol Status (Specials)"
    check: Rule  # (facts, duty) -> the reason the person may not book, or None


REQUIREMENTS: Registry[Requirement] = Registry(
    "duty requirements", key=lambda requirement: requirement.code
)


def requirement_choices() -> list[tuple[str, str]]:
    return [(r.code, r.label) for r in REQUIREMENTS]


def requirement_label(code: str) -> str:
    requirement = REQUIREMENTS.get(code)
    return requirement.label if requirement else code


def load_facts(volunteer) -> Facts:
    facts = Facts(
        volunteer=volunteer,
        active_scheme_ids=set(
            Membership.objects.filter(
                volunteer=volunteer, status=Membership.Status.ACTIVE
            ).values_list("scheme_id", flat=True)
        ),
        vettings=list(
            Vetting.objects.granted().filter(volunteer=volunteer).values_list("level", "expires_on")
        ),
        training=list(
            TrainingRecord.objects.filter(volunteer=volunteer).values_list(
                "course_id", "completed_on", "expires_on"
            )
        ),
    )
    for loader in LOADERS:
        loader(facts)
    return facts


def day_of(duty) -> date:
    return timezone.localtime(duty.starts_at).date()


@RULES.register
def active_member(facts: Facts, duty) -> str | None:
    if duty.scheme_id in facts.active_scheme_ids:
        return None
    return NOT_A_MEMBER.format(scheme=duty.scheme)


@RULES.register
def vetting_current_on_the_day(facts: Facts, duty) -> str | None:
    if not duty.required_vetting:
        return None
    day = day_of(duty)
    allowed = SATISFIES[duty.required_vetting]
    if any(level in allowed and (ends is None or ends >= day) for level, ends in facts.vettings):
        return None
    return NEEDS_VETTING.format(level=duty.required_vetting, day=long_date(day))


@RULES.register
def training_current_on_the_day(facts: Facts, duty) -> str | None:
    if not duty.required_course_id:
        return None
    day = day_of(duty)
    if any(
        course == duty.required_course_id and done <= day and (ends is None or ends >= day)
        for course, done, ends in facts.training
    ):
        return None
    return NEEDS_TRAINING.format(course=duty.required_course, day=long_date(day))


@RULES.register
def what_the_duty_also_needs(facts: Facts, duty) -> str | None:
    if not duty.requirement:
        return None
    requirement = REQUIREMENTS.get(duty.requirement)
    return requirement.check(facts, duty) if requirement else UNKNOWN_REQUIREMENT


def reasons_not_eligible(facts: Facts, duty) -> list[str]:
    """Every rule the person fails for this duty; an empty list means they may book."""
    return [reason for rule in RULES if (reason := rule(facts, duty))]
