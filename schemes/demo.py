"""Demo duties, sign-ups and hours: eight weeks back and five ahead, for every scheme.

Bulk inserts, deterministic for a seed, and run once (skipped when duties exist).
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from volunteers import dates
from volunteers.catalogue import SchemeSlug
from volunteers.dates import months_up_to
from volunteers.demo import STEPS, DemoStep
from volunteers.models import Membership, Scheme, Volunteer

from . import kpi_registry
from .kpi_registry import rollup
from .kpis import active_people
from .models import Duty, HoursEntry, KpiSnapshot, KpiTarget, Signup
from .services import booking, month_totals

WEEKS_BACK, WEEKS_AHEAD = 8, 5
# The town where each district's local duties happen (its police station, cadet unit,
# community centre): people are booked on duties in their own district.
DISTRICT_TOWNS = {
    "broxbourne": "Cheshunt",
    "dacorum": "Hemel Hempstead",
    "east-hertfordshire": "Hertford",
    "hertsmere": "Borehamwood",
    "north-hertfordshire": "Hitchin",
    "st-albans": "St Albans",
    "stevenage": "Stevenage",
    "three-rivers": "Rickmansworth",
    "watford": "Watford",
    "welwyn-hatfield": "Hatfield",
}

# scheme slug -> [(title, kind, place, min people, places, hours, start hour)]
DUTY_TEMPLATES = {
    SchemeSlug.SPECIAL_CONSTABULARY: [
        ("Town centre patrol", "patrol", "{town} Police Station", 2, 4, 5, 18),
        ("Night-time economy patrol", "patrol", "{town} Police Station", 3, 6, 6, 21),
        ("Football match policing", "event", "Vicarage Road, Watford", 4, 8, 5, 13),
        (
            "Personal safety refresher",
            "training",
            "Police Headquarters, Welwyn Garden City",
            4,
            12,
            3,
            9,
        ),
    ],
    SchemeSlug.VOLUNTEER_POLICE_CADETS: [
        ("Cadet unit meeting", "meeting", "{town} cadet unit", 2, 20, 2, 18),
        ("Community event support", "event", "{town} town centre", 3, 10, 4, 10),
    ],
    # No custody visits here: they are unannounced, allocated to pairs on the custody
    # visiting rota (scrutiny/custody), never published or bookable as duties.
    SchemeSlug.COMMUNITY_DRIVESAFE: [
        ("Roadside speed check", "session", "{town}, residential road", 3, 4, 2, 8)
    ],
    SchemeSlug.DOG_WELFARE: [("Kennel visit", "visit", "Police dog section kennels", 1, 2, 2, 14)],
    SchemeSlug.POLICE_SUPPORT_VOLUNTEERS: [
        ("Front counter", "session", "{town} Police Station", 1, 2, 4, 9)
    ],
    SchemeSlug.MINI_POLICE: [
        ("Mini Police session", "session", "{town} primary school", 2, 4, 1.5, 13)
    ],
    SchemeSlug.STOP_SEARCH_SCRUTINY_PANEL: [
        ("Scrutiny panel meeting", "meeting", "OPCC offices, Welwyn Garden City", 5, 15, 2, 18)
    ],
    SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS: [
        ("Community safety day", "event", "{town} fire station", 2, 8, 5, 10)
    ],
    SchemeSlug.NEIGHBOURHOOD_WATCH: [
        (
            "Neighbourhood Watch coordinators' meeting",
            "meeting",
            "{town} community centre",
            3,
            20,
            2,
            19,
        )
    ],
}
REJECT_REASONS = [
    "That was a rostered duty, so it is already counted.",
    "Please log this against Police Support Volunteers.",
]


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_duties_and_hours(*, seed: int) -> str:
    if Duty.objects.exists():
        return "already in the database; adding none."
    rng = random.Random(seed + 1)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    now = timezone.now()
    duties_made = signups_made = hours_made = 0
    with transaction.atomic():
        for scheme in Scheme.objects.filter(slug__in=DUTY_TEMPLATES):
            where = dict(
                Membership.objects.filter(scheme=scheme, status=Membership.Status.ACTIVE)
                .values_list("volunteer_id", "volunteer__district__slug")
                .distinct()
            )
            members = sorted(where)
            if not members:
                continue
            nearby: dict[str, list[int]] = {}
            for person in members:
                nearby.setdefault(where[person], []).append(person)
            local = {}  # duty's position -> the people of its district
            per_week = max(1, min(40, len(members) // 25))
            busy: set[tuple[int, object]] = set()  # (person, day): one duty a day each
            duties, plans = [], []
            for week in range(-WEEKS_BACK, WEEKS_AHEAD + 1):
                for _ in range(per_week):
                    title, kind, place, low, places, hours, hour = rng.choice(
                        DUTY_TEMPLATES[scheme.slug]
                    )
                    day = monday + timedelta(weeks=week, days=rng.randint(0, 6))
                    starts = _at(day, hour)
                    town = place
                    if "{town}" in place:  # local: where one of the members lives
                        district = where[rng.choice(members)]
                        town = place.format(town=DISTRICT_TOWNS.get(district, "Stevenage"))
                        local[len(duties)] = nearby[district]
                    duties.append(
                        Duty(
                            scheme=scheme,
                            title=title,
                            kind=kind,
                            place=town,
                            starts_at=starts,
                            ends_at=starts + timedelta(hours=hours),
                            min_people=low,
                            places=places,
                            cancel_cutoff_hours=24,
                        )
                    )
                    plans.append(rng.randint(max(0, low - 1), places + 1))
            Duty.objects.bulk_create(duties, batch_size=2000)
            signups, credits = [], []
            for number, (duty, wanted) in enumerate(zip(duties, plans, strict=True)):
                day = timezone.localtime(duty.starts_at).date()
                pool = local.get(number, members)
                free = [
                    p for p in rng.sample(pool, min(len(pool), wanted * 3)) if (p, day) not in busy
                ][:wanted]
                past = duty.ends_at < now
                for position, person in enumerate(free):
                    busy.add((person, day))
                    if position >= duty.places:
                        if past:
                            continue
                        status = Signup.Status.WAITLISTED
                    elif past:
                        status = (
                            Signup.Status.ATTENDED if rng.random() < 0.85 else Signup.Status.NO_SHOW
                        )
                    else:
                        status = Signup.Status.BOOKED
                    signups.append(
                        Signup(
                            duty=duty,
                            volunteer_id=person,
                            status=status,
                            created_at=duty.starts_at - timedelta(days=10 - position),
                        )
                    )
                duty.booked_count = min(len(free), duty.places)
            Signup.objects.bulk_create(signups, batch_size=2000)
            Duty.objects.bulk_update(duties, ["booked_count"], batch_size=2000)
            for signup in signups:
                if signup.status == Signup.Status.ATTENDED:
                    credits.append(
                        HoursEntry(
                            volunteer_id=signup.volunteer_id,
                            scheme=scheme,
                            worked_on=timezone.localtime(signup.duty.starts_at).date(),
                            hours=signup.duty.duration_hours,
                            kind=HoursEntry.Kind.DUTY,
                            description=signup.duty.title,
                            signup=signup,
                            status=HoursEntry.Status.APPROVED,
                            decided_at=now,
                        )
                    )
            HoursEntry.objects.bulk_create(credits, batch_size=5000)
            logged = _logged_hours(rng, scheme, members, busy, today)
            HoursEntry.objects.bulk_create(logged, batch_size=5000)
            duties_made += len(duties)
            signups_made += len(signups)
            hours_made += len(credits) + len(logged)
    _book_for_the_demo_volunteer()
    month_totals.rebuild()  # the entries above went in bulk, past the services
    return f"{duties_made:,} duties, {signups_made:,} sign-ups, {hours_made:,} hours entries."


STEPS.register(DemoStep("Duties and hours", seed_duties_and_hours))


# What a member of each scheme gives in a typical month, beside any rostered duties: the
# scheme's minimum where it has one (Specials 16 h, cadets 3 h), else these.
TYPICAL_MONTH = {
    SchemeSlug.POLICE_SUPPORT_VOLUNTEERS: 8,
    SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS: 6,
    SchemeSlug.DOG_WELFARE: 4,
    SchemeSlug.COMMUNITY_DRIVESAFE: 4,
    SchemeSlug.INDEPENDENT_CUSTODY_VISITORS: 3,
    SchemeSlug.NEIGHBOURHOOD_WATCH: 2,
    SchemeSlug.STOP_SEARCH_SCRUTINY_PANEL: 2,
    SchemeSlug.MINI_POLICE: 2,
}
MONTHS_OF_HOURS = 13  # this month and a year back, so "on a year before" has figures
# Of every hundred member-months: at or over the typical month, short of it, or nothing.
MONTH_KINDS = [("regular", 72), ("short", 20), ("nothing", 8)]


def _logged_hours(rng, scheme, members, busy, today) -> list[HoursEntry]:
    """Hours people logged themselves this month and the year before it: most give their
    scheme's minimum or more, some fall short, a few give nothing (red on the grid)."""
    typical = scheme.monthly_minimum_hours or TYPICAL_MONTH.get(scheme.slug)
    if not typical:
        return []
    entries = []
    for person in members:
        for months_back in range(MONTHS_OF_HOURS):
            kind = rng.choices([k for k, _ in MONTH_KINDS], [w for _, w in MONTH_KINDS])[0]
            if kind == "nothing":
                continue
            share = rng.uniform(1.0, 1.5) if kind == "regular" else rng.uniform(0.25, 0.9)
            quarters = max(2, round(float(typical) * share * 4))  # in quarter hours
            first = dates.add_months(today, -months_back).replace(day=1)
            pieces = min(max(1, quarters // 24), 6)  # days of up to about six hours
            for piece in range(pieces):
                day = first + timedelta(days=rng.randint(0, 27))
                if day > today or (person, day) in busy:
                    continue
                busy.add((person, day))
                hours = Decimal(quarters // pieces + (quarters % pieces if piece == 0 else 0)) / 4
                status = HoursEntry.Status.APPROVED
                reason = ""
                if months_back == 0 and rng.random() < 0.3:
                    status = HoursEntry.Status.PENDING
                elif rng.random() < 0.03:
                    status, reason = HoursEntry.Status.REJECTED, rng.choice(REJECT_REASONS)
                entries.append(
                    HoursEntry(
                        volunteer_id=person,
                        scheme=scheme,
                        worked_on=day,
                        hours=min(hours, Decimal(12)),
                        kind=rng.choice(
                            [HoursEntry.Kind.ADMIN, HoursEntry.Kind.TRAINING, HoursEntry.Kind.EVENT]
                        ),
                        description=rng.choice(
                            ["Station admin", "Online learning", "Community event", "Briefing"]
                        ),
                        status=status,
                        rejection_reason=reason,
                    )
                )
    return entries


def _book_for_the_demo_volunteer() -> None:
    """The demo volunteer starts with a couple of duties booked, through the real service."""
    person = Volunteer.objects.filter(email="volunteer@demo.cip.example").first()
    if person is None:
        return
    upcoming = Duty.objects.filter(
        scheme__slug=SchemeSlug.SPECIAL_CONSTABULARY,
        starts_at__gt=timezone.now() + timedelta(days=2),
    )
    home = DISTRICT_TOWNS.get(person.district.slug if person.district else "")
    elsewhere = tuple(town for town in DISTRICT_TOWNS.values() if town != home)
    booked = 0
    for duty in upcoming.order_by("starts_at")[:60]:
        if duty.place.startswith(elsewhere):
            continue  # another district's station: hers, or the county's shared duties
        try:
            booking.book_duty(volunteer=person, duty=duty, join_waiting_list=False)
        except ValidationError:
            continue  # full, or overlapping one already booked
        booked += 1
        if booked == 2:
            break


def seed_strategy_figures(*, seed: int) -> str:
    """A year of KPI snapshots, so the strategy dashboard has a trend from the start."""
    if KpiSnapshot.objects.exists():
        return "already worked out; the nightly job keeps them fresh."
    months = months_up_to(timezone.localdate(), 12)
    _targets_for_the_demo_size()
    written = sum(rollup(period=month) for month in months)
    return f"{written:,} KPI snapshots for {months[0]:%B %Y} to {months[-1]:%B %Y}."


STEPS.register(DemoStep("Strategy figures", seed_strategy_figures, last=True))

# The strategy's "over 280 cadets" is Hertfordshire's; the demo county is smaller, so its
# target is its own: about a sixth more cadets than it has, a county short of its ambition.
CADET_GROWTH = Decimal("1.15")
CADET_AMBITION = "Over {n} cadets, with a unit in all ten districts (the demo county's ambition)"


def _targets_for_the_demo_size() -> None:
    cadets = active_people(timezone.localdate(), scheme_slug=SchemeSlug.VOLUNTEER_POLICE_CADETS)
    goal = int(cadets.count() * CADET_GROWTH / 5 + 1) * 5  # up to the next five
    for code, value in [("cadets", goal), ("cadet_districts", 10)]:
        KpiTarget.objects.update_or_create(
            kpi=code,
            defaults={
                "value": value,
                "target_on": kpi_registry.get(code).target_on,
                "ambition": CADET_AMBITION.format(n=goal),
            },
        )


# The roles to apply for, and their applicants: a step of their own.
from . import demo_recruitment  # noqa: E402, F401
