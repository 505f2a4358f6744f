"""The KPIs the core data answers: people, joiners and leavers, hours, cadets, Police
Support Volunteers and vetting. Each scheme app adds its own in its own kpis.py."""

import calendar
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from volunteers.models import Membership, Vetting, Volunteer

from .kpi_registry import Kpi, register
from .models import HoursEntry

ZERO = Decimal("0")


def _end(period: date) -> date:
    """The last day the month's figures count: its end, or today for this month."""
    last = period.replace(day=calendar.monthrange(period.year, period.month)[1])
    return min(last, timezone.localdate())


def _active_memberships(period: date, *, scheme_slug: str | None = None):
    end = _end(period)
    memberships = (
        Membership.objects.filter(joined_on__lte=end, role=Membership.Role.MEMBER)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=end))
        .exclude(status__in=[Membership.Status.PAUSED, Membership.Status.APPLIED])
    )
    if scheme_slug:
        memberships = memberships.filter(scheme__slug=scheme_slug)
    return memberships


def _people_by_district(volunteers) -> dict[int | None, Decimal]:
    """Counts of people per district, and the county total under None."""
    rows = volunteers.values("district_id").annotate(n=Count("pk", distinct=True))
    counts = {row["district_id"]: Decimal(row["n"]) for row in rows if row["district_id"]}
    counts[None] = Decimal(volunteers.count())
    return counts


def active_volunteers(period):
    people = Volunteer.objects.filter(pk__in=_active_memberships(period).values("volunteer_id"))
    return _people_by_district(people)


def cadets(period):
    members = _active_memberships(period, scheme_slug="volunteer-police-cadets")
    return _people_by_district(Volunteer.objects.filter(pk__in=members.values("volunteer_id")))


def joiners(period):
    joined = Membership.objects.filter(joined_on__gte=period, joined_on__lte=_end(period))
    return _people_by_district(Volunteer.objects.filter(pk__in=joined.values("volunteer_id")))


def leavers(period):
    left = Membership.objects.filter(left_on__gte=period, left_on__lte=_end(period))
    return _people_by_district(Volunteer.objects.filter(pk__in=left.values("volunteer_id")))


def _hours_by_district(entries) -> dict[int | None, Decimal]:
    rows = entries.values("volunteer__district_id").annotate(total=Sum("hours"))
    totals = {r["volunteer__district_id"]: r["total"] for r in rows if r["volunteer__district_id"]}
    totals[None] = entries.aggregate(total=Sum("hours"))["total"] or ZERO
    return totals


def _approved_in(period):
    return HoursEntry.objects.approved().filter(worked_on__gte=period, worked_on__lte=_end(period))


def hours_given(period):
    return _hours_by_district(_approved_in(period))


def psv_hours(period):
    return _hours_by_district(_approved_in(period).filter(scheme__slug="police-support-volunteers"))


def psv_headcount(period):
    members = _active_memberships(period, scheme_slug="police-support-volunteers")
    return _people_by_district(Volunteer.objects.filter(pk__in=members.values("volunteer_id")))


def vetting_current_share(period):
    """Of the people active at the month's end, the share whose vetting was current then."""
    end = _end(period)
    active = Volunteer.objects.filter(pk__in=_active_memberships(period).values("volunteer_id"))
    current = Vetting.objects.granted().filter(expires_on__gte=end, granted_on__lte=end)
    vetted = active.filter(pk__in=current.values("volunteer_id"))
    people = _people_by_district(active)
    with_vetting = _people_by_district(vetted)
    return {
        district: (with_vetting.get(district, ZERO) * 100 / total).quantize(Decimal("0.1"))
        for district, total in people.items()
        if total
    }


for kpi in [
    Kpi(
        "active_volunteers",
        "Active volunteers",
        "grow",
        "people",
        active_volunteers,
        by_district=True,
    ),
    Kpi("joiners", "Joiners this month", "grow", "people", joiners, by_district=True),
    Kpi("leavers", "Leavers this month", "value", "people", leavers, by_district=True),
    Kpi(
        "cadets",
        "Volunteer Police Cadets",
        "grow",
        "people",
        cadets,
        target=Decimal("280"),
        target_on=date(2026, 12, 31),
        by_district=True,
        ambition="Over 280 cadets, with a unit in all ten districts",
    ),
    Kpi("hours_given", "Hours given", "deliver", "hours", hours_given, by_district=True),
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
        ambition="Hours up year on year",
    ),
    Kpi(
        "vetting_current_share",
        "Active volunteers with current vetting",
        "assure",
        "%",
        vetting_current_share,
        target=Decimal("100"),
        by_district=True,
    ),
]:
    register(kpi)
