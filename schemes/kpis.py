"""The KPIs the core data answers: people by scheme and district, joiners and leavers,
hours, cadets, Police Support Volunteers, vetting, and the diversity of volunteers against
the county's population. Each scheme app adds its own in its own kpis.py."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from django.db.models import Count, Q, Sum
from django.utils import timezone

from volunteers import dates, disclosure
from volunteers.catalogue import SchemeSlug
from volunteers.models import DiversityProfile, Membership, Scheme, Vetting, Volunteer
from volunteers.models.diversity import PREFER_NOT
from volunteers.services import AGE_BANDS, age_breakdown

from . import census
from .kpi_registry import KPIS, Kpi
from .models import Application, HoursEntry
from .services.funnel import answer_groups

ZERO = Decimal("0")
ALL_SCHEMES = ""  # the group holding everyone, counted once however many schemes they are in
TENTH = Decimal("0.1")


def counted_until(period: date) -> date:
    """The last day the month's figures count: its end, or today for this month."""
    return min(dates.month_end(period), timezone.localdate())


def _active_memberships(period: date, *, scheme_slug: str | None = None):
    end = counted_until(period)
    memberships = (
        Membership.objects.filter(joined_on__lte=end, role=Membership.Role.MEMBER)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=end))
        .exclude(status__in=[Membership.Status.PAUSED, Membership.Status.APPLIED])
    )
    if scheme_slug:
        memberships = memberships.filter(scheme__slug=scheme_slug)
    return memberships


def active_people(period: date, *, scheme_slug: str | None = None):
    members = _active_memberships(period, scheme_slug=scheme_slug)
    return Volunteer.objects.filter(pk__in=members.values("volunteer_id"))


def people_by_district(volunteers) -> dict[int | None, Decimal]:
    """Counts of people per district, and the county total under None."""
    rows = volunteers.values("district_id").annotate(n=Count("pk", distinct=True))
    counts = {row["district_id"]: Decimal(row["n"]) for row in rows if row["district_id"]}
    counts[None] = Decimal(volunteers.count())
    return counts


def scheme_groups() -> list[tuple[str, str]]:
    return [(ALL_SCHEMES, "All schemes"), *Scheme.objects.values_list("slug", "name")]


def _by_scheme(rows, *, scheme_key: str, district_key: str, value_key: str, county) -> dict:
    """{scheme slug: {district: value, None: county value}}, every scheme present."""
    slugs = dict(Scheme.objects.values_list("pk", "slug"))
    grouped = defaultdict(dict, {slug: {None: ZERO} for slug in slugs.values()})
    for row in rows:
        if row[district_key]:
            grouped[slugs[row[scheme_key]]][row[district_key]] = Decimal(row[value_key])
    for scheme_id, value in county:
        grouped[slugs[scheme_id]][None] = Decimal(value or 0)
    return grouped


def _people_by_scheme(memberships) -> dict:
    """Distinct people in each scheme by district, and in all schemes together."""
    count = Count("volunteer_id", distinct=True)
    grouped = _by_scheme(
        memberships.values("scheme_id", "volunteer__district_id").annotate(n=count),
        scheme_key="scheme_id",
        district_key="volunteer__district_id",
        value_key="n",
        county=memberships.values("scheme_id").annotate(n=count).values_list("scheme_id", "n"),
    )
    everyone = Volunteer.objects.filter(pk__in=memberships.values("volunteer_id"))
    grouped[ALL_SCHEMES] = people_by_district(everyone)
    return grouped


def active_volunteers(period):
    return _people_by_scheme(_active_memberships(period))


def joiners(period):
    members = Membership.objects.filter(role=Membership.Role.MEMBER)
    joined = members.filter(joined_on__gte=period, joined_on__lte=counted_until(period))
    return _people_by_scheme(joined)


def leavers(period):
    members = Membership.objects.filter(role=Membership.Role.MEMBER)
    left = members.filter(left_on__gte=period, left_on__lte=counted_until(period))
    return _people_by_scheme(left)


def hours_by_district(entries) -> dict[int | None, Decimal]:
    rows = entries.values("volunteer__district_id").annotate(total=Sum("hours"))
    totals = {r["volunteer__district_id"]: r["total"] for r in rows if r["volunteer__district_id"]}
    totals[None] = entries.aggregate(total=Sum("hours"))["total"] or ZERO
    return totals


def approved_between(first: date, last: date):
    return HoursEntry.objects.approved().filter(worked_on__gte=first, worked_on__lte=last)


def approved_in(period):
    return approved_between(period, counted_until(period))


def hours_given(period):
    entries = approved_in(period)
    grouped = _by_scheme(
        entries.values("scheme_id", "volunteer__district_id").annotate(total=Sum("hours")),
        scheme_key="scheme_id",
        district_key="volunteer__district_id",
        value_key="total",
        county=entries.values("scheme_id").annotate(t=Sum("hours")).values_list("scheme_id", "t"),
    )
    grouped[ALL_SCHEMES] = hours_by_district(entries)
    return grouped


# --- Interim: the Volunteer Police Cadets' KPIs ----------------------------------------
# They belong to the cadets' scheme app (schemes/cadets in the map), which does not exist
# yet; they move to its kpis.py when it is built (the PSV's moved to schemes/psv).


def cadets(period):
    return people_by_district(active_people(period, scheme_slug=SchemeSlug.VOLUNTEER_POLICE_CADETS))


def cadet_districts(period):
    """In how many districts cadets are active: the ambition is all ten."""
    people = active_people(period, scheme_slug=SchemeSlug.VOLUNTEER_POLICE_CADETS)
    return {None: Decimal(people.exclude(district=None).values("district_id").distinct().count())}


# --- End of the interim KPIs -------------------------------------------------------------


def vetting_current_share(period):
    """Of the people active at the month's end, the share whose vetting was current then."""
    end = counted_until(period)
    active = active_people(period)
    current = Vetting.objects.granted().filter(expires_on__gte=end, granted_on__lte=end)
    vetted = active.filter(pk__in=current.values("volunteer_id"))
    people = people_by_district(active)
    with_vetting = people_by_district(vetted)
    return {
        district: (with_vetting.get(district, ZERO) * 100 / total).quantize(TENTH)
        for district, total in people.items()
        if total
    }


# --- Diversity against the county ------------------------------------------------------


def shares_of_answers(counts: dict[str, int]) -> dict[str, Decimal | None]:
    """Each answer's share of those who answered, in percent.

    The groups volunteers.disclosure hides are None: small ones, and enough others that
    100% less the rest gives none of them away.
    """
    hidden = disclosure.hidden_groups(counts)
    answered = sum(counts.values())
    return {
        answer: None
        if answer in hidden
        else ((Decimal(n) * 100 / answered).quantize(TENTH) if answered else ZERO)
        for answer, n in counts.items()
    }


def _answer_choices(characteristic: str) -> list[tuple[str, str]]:
    if characteristic == "age":
        return [(label, label) for label, _, _ in AGE_BANDS]
    field = DiversityProfile._meta.get_field(characteristic)
    return [(value, str(label)) for value, label in field.choices if value != PREFER_NOT[0]]


def _answer_counts(characteristic: str, period: date) -> dict[str, int]:
    people = active_people(period)
    if characteristic == "age":
        return age_breakdown(people, today=counted_until(period))
    profiles = DiversityProfile.objects.filter(volunteer__in=people)
    tallies = dict(
        profiles.values_list(characteristic)
        .annotate(n=Count("pk"))
        .values_list(characteristic, "n")
    )
    return {code: tallies.get(code, 0) for code, _ in _answer_choices(characteristic)}


def _diversity_kpi(characteristic: str) -> Kpi:
    if characteristic == "age":
        title = "Age"
    else:
        title = str(DiversityProfile._meta.get_field(characteristic).verbose_name).capitalize()
    return Kpi(
        f"diversity_{characteristic}",
        f"{title}: active volunteers against the county",
        "grow",
        "%",
        lambda period: {
            answer: {None: share}
            for answer, share in shares_of_answers(_answer_counts(characteristic, period)).items()
        },
        groups=lambda: _answer_choices(characteristic),
        group_targets=census.shares(characteristic),
        source=census.source(characteristic),
        ambition="Volunteers who reflect the communities they serve",
    )


# --- Fair recruitment --------------------------------------------------------------------


def applications_received(period):
    made = Application.objects.filter(
        created_at__date__gte=period, created_at__date__lte=counted_until(period)
    )
    count = Count("pk")
    grouped = _by_scheme(
        made.values("opportunity__scheme_id", "volunteer__district_id").annotate(n=count),
        scheme_key="opportunity__scheme_id",
        district_key="volunteer__district_id",
        value_key="n",
        county=made.values("opportunity__scheme_id")
        .annotate(n=count)
        .values_list("opportunity__scheme_id", "n"),
    )
    by_district = made.values("volunteer__district_id").annotate(n=count)
    grouped[ALL_SCHEMES] = {
        row["volunteer__district_id"]: Decimal(row["n"])
        for row in by_district
        if row["volunteer__district_id"]
    }
    grouped[ALL_SCHEMES][None] = Decimal(made.count())
    return grouped


def _ended_in(first: date, last: date):
    return Application.objects.exclude(status=Application.Status.OPEN).filter(
        closed_at__date__gte=first, closed_at__date__lte=last
    )


def _accepted_share(accepted: int, ended: int) -> Decimal:
    return (Decimal(accepted) * 100 / ended).quantize(TENTH)


def accepted_share(period):
    """Of the applications that ended this month, the share accepted, by scheme."""
    ended = _ended_in(period, counted_until(period))
    accepted = Count("pk", filter=Q(status=Application.Status.ACCEPTED))
    rows = ended.values("opportunity__scheme__slug").annotate(n=Count("pk"), yes=accepted)
    grouped = {row["opportunity__scheme__slug"]: {None: _accepted_share(row["yes"], row["n"])}
               for row in rows}  # fmt: skip
    total = ended.aggregate(n=Count("pk"), yes=accepted)
    if total["n"]:
        grouped[ALL_SCHEMES] = {None: _accepted_share(total["yes"], total["n"])}
    return grouped


def days_to_accept(period):
    """The median days from applying to being accepted, of those accepted this month."""
    accepted = _ended_in(period, counted_until(period)).filter(status=Application.Status.ACCEPTED)
    days = [(a.closed_at - a.created_at).days for a in accepted.only("created_at", "closed_at")]
    return {None: Decimal(median(days)).quantize(TENTH)} if days else {}


def _accepted_by_answer_kpi(characteristic: str) -> Kpi:
    """Of the applications that ended in the year to this month, the share accepted in
    each group of applicants; small groups hidden (volunteers.disclosure)."""

    def compute(period):
        end = counted_until(period)
        ended = _ended_in(dates.years_before(end, 1) + timedelta(days=1), end)
        answer = f"volunteer__diversity__{characteristic}"
        rows = ended.values(answer).annotate(
            n=Count("pk"), yes=Count("pk", filter=Q(status=Application.Status.ACCEPTED))
        )
        counts, accepted = defaultdict(int), defaultdict(int)
        for row in rows:
            group = row[answer] if row[answer] and row[answer] != PREFER_NOT[0] else ""
            counts[group] += row["n"]
            accepted[group] += row["yes"]
        hidden = disclosure.hidden_groups(counts)
        return {
            group: {None: None if group in hidden else _accepted_share(accepted[group], n)}
            for group, n in counts.items()
            if n
        }

    title = str(DiversityProfile._meta.get_field(characteristic).verbose_name).capitalize()
    return Kpi(
        f"recruitment_accepted_{characteristic}",
        f"{title}: share of applicants accepted (year to date)",
        "grow",
        "%",
        compute,
        groups=lambda: answer_groups(characteristic),
        ambition="Recruitment that is fair, transparent and robust",
    )


for kpi in [
    Kpi(
        "applications",
        "Applications received",
        "grow",
        "people",
        applications_received,
        by_district=True,
        groups=scheme_groups,
        ambition="Recruitment that is fair, transparent and robust",
    ),
    Kpi(
        "applications_accepted_share",
        "Applications that ended this month: share accepted",
        "grow",
        "%",
        accepted_share,
        groups=scheme_groups,
        ambition="Recruitment that is fair, transparent and robust",
    ),
    Kpi(
        "days_to_accept",
        "Days from applying to being accepted (median)",
        "grow",
        "days",
        days_to_accept,
        higher_is_better=False,
        ambition="Recruitment that is fair, transparent and robust",
    ),
    *(_accepted_by_answer_kpi(c) for c in ("sex", "ethnicity", "disability")),
    Kpi(
        "active_volunteers",
        "Active volunteers",
        "grow",
        "people",
        active_volunteers,
        by_district=True,
        groups=scheme_groups,
    ),
    Kpi(
        "joiners",
        "Joiners this month",
        "grow",
        "people",
        joiners,
        by_district=True,
        groups=scheme_groups,
    ),
    Kpi(
        "leavers",
        "Leavers this month",
        "value",
        "people",
        leavers,
        by_district=True,
        groups=scheme_groups,
        higher_is_better=False,
    ),
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
    Kpi(
        "cadet_districts",
        "Districts with active cadets",
        "grow",
        "districts",
        cadet_districts,
        target=Decimal("10"),
        target_on=date(2026, 12, 31),
        ambition="Over 280 cadets, with a unit in all ten districts",
    ),
    Kpi(
        "hours_given",
        "Hours given",
        "deliver",
        "hours",
        hours_given,
        by_district=True,
        groups=scheme_groups,
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
    *(_diversity_kpi(characteristic) for characteristic in census.characteristics()),
]:
    KPIS.register(kpi)
