"""What an employer gets back: its consenting Specials' hours this quarter and year,
training, time on release against the pledge, and the skills that come back to work.

Only Specials with a current, employer-confirmed link who consent to share their hours are
ever counted or named here. Rank is what the Special Constabulary app provides when it is
installed (`volunteers.providers`: scheme apps never import each other).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from schemes.models import HoursEntry
from volunteers import providers
from volunteers.catalogue import SPECIAL_CONSTABULARY
from volunteers.models import TrainingRecord

from .models import EmployerLink

ZERO = Decimal("0")
# What Special Constable training brings back to a workplace, shown in the impact summary.
TRANSFERABLE_SKILLS = [
    "First aid and looking after people in an emergency",
    "Calming conflict and communicating under pressure",
    "Decision-making, leadership and taking responsibility",
    "Safeguarding, data protection and confidentiality",
    "Report writing and careful record keeping",
]


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@dataclass
class Row:
    volunteer: object
    rank: str
    hours_quarter: Decimal
    hours_year: Decimal
    released_year: Decimal
    training_days: int


@dataclass
class Impact:
    rows: list[Row]
    year_start: date
    quarter_start: date
    pledged: int
    released: Decimal = ZERO
    hours: Decimal = ZERO
    training_days: int = 0
    courses: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=lambda: list(TRANSFERABLE_SKILLS))


def sharing_links(employer):
    return (
        EmployerLink.objects.seen_by(employer)
        .filter(confirmed_at__isnull=False, shares_hours=True)
        .select_related("volunteer")
    )


def impact_for(employer, *, today: date | None = None) -> Impact:
    today = today or timezone.localdate()
    year_start, q_start = date(today.year, 1, 1), quarter_start(today)
    people = [link.volunteer for link in sharing_links(employer).order_by("volunteer__last_name")]
    ids = [p.pk for p in people]
    entries = HoursEntry.objects.approved().filter(
        volunteer_id__in=ids,
        scheme__slug=SPECIAL_CONSTABULARY,
        worked_on__gte=year_start,
        worked_on__lte=today,
    )
    per_person = {
        row["volunteer_id"]: row
        for row in entries.values("volunteer_id").annotate(
            year=Sum("hours"),
            quarter=Sum("hours", filter=Q(worked_on__gte=q_start)),
            released=Sum("hours", filter=Q(kind=HoursEntry.Kind.ESP_RELEASE)),
            training_days=Count(
                "worked_on", filter=Q(kind=HoursEntry.Kind.TRAINING), distinct=True
            ),
        )
    }
    ranks = providers.ask(providers.SPECIAL_RANKS, ids, default={})
    rows = [
        Row(
            volunteer=person,
            rank=ranks.get(person.pk, "Special Constable"),
            hours_quarter=per_person.get(person.pk, {}).get("quarter") or ZERO,
            hours_year=per_person.get(person.pk, {}).get("year") or ZERO,
            released_year=per_person.get(person.pk, {}).get("released") or ZERO,
            training_days=per_person.get(person.pk, {}).get("training_days") or 0,
        )
        for person in people
    ]
    courses = sorted(
        set(
            # The Specials' own courses and shared ones: no other scheme's training.
            TrainingRecord.objects.filter(volunteer_id__in=ids, completed_on__gte=year_start)
            .filter(Q(course__scheme__isnull=True) | Q(course__scheme__slug=SPECIAL_CONSTABULARY))
            .values_list("course__name", flat=True)
        )
    )
    return Impact(
        rows=rows,
        year_start=year_start,
        quarter_start=q_start,
        pledged=employer.pledged_hours,
        released=sum((r.released_year for r in rows), ZERO),
        hours=sum((r.hours_year for r in rows), ZERO),
        training_days=sum(r.training_days for r in rows),
        courses=courses,
    )
