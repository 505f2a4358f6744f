"""The Special Constabulary's KPIs: headcount, joiners and leavers (with the Home Office's
published cuts by sex and ethnicity, small groups hidden), hours given, the share meeting
the monthly minimum, Independent Patrol Status, and pathway postings by team."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from schemes.kpi_registry import KPIS, Kpi
from schemes.kpis import active_people, approved_in, counted_until, people_by_district
from volunteers import catalogue, disclosure
from volunteers.models import DiversityProfile, Membership, Volunteer

from . import attendance
from .models import Posting, ServiceRecord, Team

SC = catalogue.SPECIAL_CONSTABULARY
MINORITY = ["asian", "black", "mixed", "other"]  # ethnic minorities, excluding White ones
CUTS = [
    ("", "All Specials"),
    ("female", "Women"),
    ("male", "Men"),
    ("minority", "Ethnic minority (excluding White minorities)"),
    ("white", "White"),
]
TENTH = Decimal("0.1")


def cut_groups():
    return CUTS


def _with_cuts(people) -> dict:
    """Everyone by district, then the Home Office's cuts county-wide, small groups hidden."""
    profiles = DiversityProfile.objects.filter(volunteer__in=people)
    counts = profiles.aggregate(
        female=Count("pk", filter=Q(sex="female")),
        male=Count("pk", filter=Q(sex="male")),
        minority=Count("pk", filter=Q(ethnicity__in=MINORITY)),
        white=Count("pk", filter=Q(ethnicity="white")),
    )
    # Each pair is one table (with the unanswered, it adds up to the total).
    hidden = set()
    for pair in [("female", "male"), ("minority", "white")]:
        hidden |= disclosure.hidden_groups({cut: counts[cut] for cut in pair})
    shown = {cut: None if cut in hidden else Decimal(n) for cut, n in counts.items()}
    return {"": people_by_district(people), **{cut: {None: n} for cut, n in shown.items()}}


def headcount(period):
    return _with_cuts(active_people(period, scheme_slug=SC))


def _specials_where(**dates):
    members = Membership.objects.filter(scheme__slug=SC, role=Membership.Role.MEMBER, **dates)
    return Volunteer.objects.filter(pk__in=members.values("volunteer_id"))


def joiners(period):
    return _with_cuts(_specials_where(joined_on__gte=period, joined_on__lte=counted_until(period)))


def leavers(period):
    return _with_cuts(_specials_where(left_on__gte=period, left_on__lte=counted_until(period)))


def hours(period):
    entries = approved_in(period).filter(scheme__slug=SC)
    return {None: entries.aggregate(total=Sum("hours"))["total"] or Decimal("0")}


def meeting_minimum(period):
    """Of the active Specials, the share whose counted hours met the monthly minimum."""
    ids = list(active_people(period, scheme_slug=SC).values_list("pk", flat=True))
    if not ids:
        return {None: Decimal("0")}
    given = attendance.monthly_hours(ids, [period])
    floor = attendance.minimum()
    met = sum(1 for pk in ids if given.get((pk, period), Decimal("0")) >= floor)
    return {None: (Decimal(met) * 100 / len(ids)).quantize(TENTH)}


def independent_patrol(period):
    people = active_people(period, scheme_slug=SC).filter(
        pk__in=ServiceRecord.objects.filter(
            independent_patrol_on__lte=counted_until(period)
        ).values("volunteer_id")
    )
    return people_by_district(people)


def team_groups():
    teams = Team.objects.filter(pathways__isnull=False).distinct().order_by("name")
    return [("", "All pathway teams"), *teams.values_list("slug", "name")]


def pathway_postings(period):
    """Specials on a posting that came from a pathway application, by team, at month end."""
    end = counted_until(period)
    current = Posting.objects.filter(application__isnull=False, starts_on__lte=end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=end)
    )
    counts = dict(current.values_list("team__slug").annotate(n=Count("pk")))
    by_team = {slug: {None: Decimal(counts.get(slug, 0))} for slug, _ in team_groups() if slug}
    return {"": {None: Decimal(sum(counts.values()))}, **by_team}


for kpi in [
    Kpi(
        "specials_headcount",
        "Special Constables",
        "grow",
        "people",
        headcount,
        by_district=True,
        groups=cut_groups,
    ),
    Kpi(
        "specials_joiners",
        "Specials joining this month",
        "grow",
        "people",
        joiners,
        by_district=True,
        groups=cut_groups,
    ),
    Kpi(
        "specials_leavers",
        "Specials leaving this month",
        "value",
        "people",
        leavers,
        by_district=True,
        groups=cut_groups,
        higher_is_better=False,
    ),
    Kpi("specials_hours", "Hours given by Specials", "deliver", "hours", hours),
    Kpi(
        "specials_meeting_minimum",
        "Specials meeting 16 hours a month",
        "value",
        "%",
        meeting_minimum,
        target=Decimal("100"),
        ambition="Specials managed in parity with regular officers",
    ),
    Kpi(
        "specials_independent_patrol",
        "Specials with Independent Patrol Status",
        "assure",
        "people",
        independent_patrol,
        by_district=True,
    ),
    Kpi(
        "specials_pathway_postings",
        "Specials on specialist pathway postings",
        "value",
        "people",
        pathway_postings,
        groups=team_groups,
        ambition="Career pathways into specialist work",
    ),
]:
    KPIS.register(kpi)
