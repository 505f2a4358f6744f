"""The Special Constabulary Long Service Medal, worked out from duty records.

A service year runs from one anniversary of attestation to the next. It qualifies when the
Special attended at least 50 duties in it. Nine qualifying years earn the medal, and each
further ten a clasp. A Special is "due" when the service year they are in now would earn
the next award if it qualifies.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from schemes.models import Signup
from volunteers import catalogue
from volunteers.dates import anniversary, years_before
from volunteers.models import Volunteer
from volunteers.permissions import refuse_own_record

from .models import Award, ServiceRecord
from .services import audit

DUTIES_A_YEAR = 50
MEDAL_YEARS = 9
CLASP_EVERY = 10
NOT_EARNED = "They have not earned this award yet."


def awards_for(qualifying_years: int) -> int:
    """How many long-service awards (the medal, then clasps) these years earn."""
    if qualifying_years < MEDAL_YEARS:
        return 0
    return 1 + (qualifying_years - MEDAL_YEARS) // CLASP_EVERY


def years_needed(award_number: int) -> int:
    return MEDAL_YEARS + (award_number - 1) * CLASP_EVERY


def award_name(award_number: int) -> str:
    if award_number == 1:
        return Award.Category.LONG_SERVICE_MEDAL.label
    return f"{Award.Category.LONG_SERVICE_CLASP.label} ({award_number - 1})"


@dataclass
class Standing:
    volunteer: Volunteer
    attested_on: date
    qualifying_years: int
    completed_years: int
    duties_this_year: int
    year_ends_on: date
    awards_recorded: int
    earned: int

    @property
    def eligible(self) -> bool:
        return self.earned > self.awards_recorded

    @property
    def next_award(self) -> int:
        return self.awards_recorded + 1

    @property
    def next_award_name(self) -> str:
        return award_name(self.next_award)

    @property
    def due_within_a_year(self) -> bool:
        """The year they are in now would earn the next award if it qualifies."""
        return not self.eligible and self.qualifying_years + 1 >= years_needed(self.next_award)


def standings(*, today: date | None = None, only=None) -> list[Standing]:
    """Long-service standing of every Special attested long enough ago to be eligible or
    due within a year (or of `only` these people)."""
    today = today or timezone.localdate()
    cutoff = years_before(today, MEDAL_YEARS - 1)
    candidates = ServiceRecord.objects.filter(
        attested_on__lte=cutoff, volunteer__in=catalogue.specials()
    )
    if only is not None:
        candidates = candidates.filter(volunteer_id__in=only)
    records = {r.volunteer_id: r for r in candidates.select_related("volunteer__district")}
    if not records:
        return []
    per_day = (
        Signup.objects.filter(
            volunteer_id__in=records,
            status=Signup.Status.ATTENDED,
            duty__scheme__slug=catalogue.SPECIAL_CONSTABULARY,
        )
        .annotate(day=TruncDate("duty__starts_at"))
        .values("volunteer_id", "day")
        .annotate(n=Count("pk"))
    )
    duties: dict[int, Counter] = {}
    for row in per_day:
        duties.setdefault(row["volunteer_id"], Counter())[row["day"]] += row["n"]
    recorded = Counter(
        Award.objects.filter(
            volunteer_id__in=records,
            category__in=[Award.Category.LONG_SERVICE_MEDAL, Award.Category.LONG_SERVICE_CLASP],
        ).values_list("volunteer_id", flat=True)
    )
    result = []
    for volunteer_id, record in records.items():
        start = record.attested_on
        counts = duties.get(volunteer_id, Counter())
        completed = 0
        while anniversary(start, completed + 1) <= today:
            completed += 1
        per_year = Counter()
        for day, n in counts.items():
            for year in range(completed + 1):
                if anniversary(start, year) <= day < anniversary(start, year + 1):
                    per_year[year] += n
                    break
        qualifying = sum(1 for year in range(completed) if per_year[year] >= DUTIES_A_YEAR)
        result.append(
            Standing(
                volunteer=record.volunteer,
                attested_on=start,
                qualifying_years=qualifying,
                completed_years=completed,
                duties_this_year=per_year[completed],
                year_ends_on=anniversary(start, completed + 1),
                awards_recorded=recorded[volunteer_id],
                earned=awards_for(qualifying),
            )
        )
    result.sort(key=lambda s: (s.volunteer.last_name, s.volunteer.first_name, s.volunteer.pk))
    return result


@transaction.atomic
def record_award(*, actor, volunteer, awarded_on: date) -> Award:
    """Put the next long-service award they have earned on their record."""
    Volunteer.objects.lock(volunteer.pk)
    found = standings(only=[volunteer.pk])
    if not found or not found[0].eligible:
        raise ValidationError(NOT_EARNED)
    standing = found[0]
    category = (
        Award.Category.LONG_SERVICE_MEDAL
        if standing.next_award == 1
        else Award.Category.LONG_SERVICE_CLASP
    )
    citation = (
        f"{standing.qualifying_years} qualifying years of service "
        f"(at least {DUTIES_A_YEAR} duties in each)."
    )
    return add_award(
        actor=actor,
        volunteer=volunteer,
        category=category,
        awarded_on=awarded_on,
        citation=citation,
    )


@transaction.atomic
def add_award(*, actor, volunteer, category: str, awarded_on: date, citation: str) -> Award:
    """Any award or commendation, recorded by a manager."""
    refuse_own_record(actor, volunteer)
    Volunteer.objects.lock(volunteer.pk)
    if awarded_on > timezone.localdate():
        raise ValidationError({"awarded_on": "This date is in the future."})
    award = Award.objects.create(
        volunteer=volunteer,
        category=category,
        awarded_on=awarded_on,
        citation=citation.strip(),
        recorded_by=actor,
    )
    audit(actor, award, f"Award: {award.get_category_display()}")
    return award
