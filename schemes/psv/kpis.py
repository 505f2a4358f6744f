"""What the Police Support Volunteers and Emergency Services Volunteers measure: people,
hours (up year on year), the distinct roles in use (up year on year: the strategy reported
“+36%”), the PSVs' ages, and the ESVs' activities by kind."""

from decimal import Decimal

from django.db.models import Count, Sum

from schemes.kpi_registry import KPIS, Kpi
from schemes.kpis import (
    ZERO,
    active_people,
    approved_between,
    approved_in,
    counted_until,
    hours_by_district,
    people_by_district,
    shares_of_answers,
)
from volunteers import dates
from volunteers.catalogue import PSV, SchemeSlug
from volunteers.services import AGE_BANDS, age_breakdown

from .models import EsvActivity, Placement

ESV = SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS


def psv_hours(period):
    return hours_by_district(approved_in(period).filter(scheme__slug=PSV))


def psv_hours_a_year_earlier(period) -> Decimal:
    """The same stretch of the month a year before (the whole month, once it is over): the
    ambition is hours up year on year."""
    end = counted_until(period)
    first = dates.years_before(period, 1)
    last = dates.month_end(first) if end == dates.month_end(period) else dates.years_before(end, 1)
    total = approved_between(first, last).filter(scheme__slug=PSV).aggregate(t=Sum("hours"))
    return total["t"] or ZERO


def psv_headcount(period):
    return people_by_district(active_people(period, scheme_slug=PSV))


def roles_in_use_on(day) -> int:
    """How many distinct catalogue roles have someone placed in them on `day`."""
    return Placement.objects.current_on(day).values("role_id").distinct().count()


def roles_in_use(period):
    return {None: Decimal(roles_in_use_on(counted_until(period)))}


def roles_in_use_a_year_earlier(period) -> Decimal:
    return Decimal(roles_in_use_on(dates.years_before(counted_until(period), 1)))


def psv_ages(period):
    """The PSVs' ages: each band's share of those active, small bands hidden."""
    people = active_people(period, scheme_slug=PSV)
    counts = age_breakdown(people, today=counted_until(period))
    return {band: {None: share} for band, share in shares_of_answers(counts).items()}


def esv_activities(period):
    done = EsvActivity.objects.filter(done_on__gte=period, done_on__lte=counted_until(period))
    counts = dict(done.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return {kind: {None: Decimal(counts.get(kind, 0))} for kind in EsvActivity.Kind.values}


for kpi in [
    Kpi(
        "psv_headcount",
        "Police Support Volunteers",
        "deliver",
        "people",
        psv_headcount,
        by_district=True,
    ),
    Kpi(
        "psv_hours",
        "Police Support Volunteer hours",
        "deliver",
        "hours",
        psv_hours,
        ambition="Police Support Volunteer hours up year on year",
        target_from=psv_hours_a_year_earlier,
    ),
    Kpi(
        "psv_roles_in_use",
        "Police Support Volunteer roles in use",
        "grow",
        "roles",
        roles_in_use,
        ambition="More kinds of role for Police Support Volunteers, year on year",
        target_from=roles_in_use_a_year_earlier,
    ),
    Kpi(
        "psv_ages",
        "Police Support Volunteers by age",
        "grow",
        "%",
        psv_ages,
        groups=lambda: [(label, label) for label, _, _ in AGE_BANDS],
        ambition="Volunteers who reflect the communities they serve",
    ),
    Kpi(
        "esv_activities",
        "Emergency Services Volunteer activities",
        "deliver",
        "activities",
        esv_activities,
        groups=lambda: EsvActivity.Kind.choices,
    ),
]:
    KPIS.register(kpi)
