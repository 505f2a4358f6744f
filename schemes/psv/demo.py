"""The demo county's Police Support Volunteers in placements across every setting of the
catalogue, and its Emergency Services Volunteers' activities.

Every PSV has a placement from when they joined (ended when they left); between them every
setting has someone, and some roles were taken up only this year, so the roles in use are
up on a year ago as the strategy reports. The PSV hours already logged are tied to the
placement they were given in. Each ESV's activities carry approved hours, as the hours
engine would after their coordinator approved them. Deterministic for a seed; run once.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from schemes.demo import DISTRICT_TOWNS
from schemes.models import HoursEntry
from schemes.services import month_totals
from volunteers import catalogue, dates
from volunteers.demo import STEPS, DemoStep
from volunteers.models import Membership, Scheme

from .models import EsvActivity, Placement, PlacementHours, Role

SUPERVISORS = [
    "Sgt Karen Doyle",
    "PS Raj Patel",
    "Inspector Helen Price",
    "Mark Ellis (volunteer manager)",
    "Priya Shah (team leader)",
    "PC Dan Hale",
    "Sue Clarke (station manager)",
    "DS Owen Griffiths",
]
# The share of the catalogue's roles that were in use a year ago; the rest began this year.
IN_USE_A_YEAR_AGO = 0.75
OUTCOMES = {
    EsvActivity.Kind.SAFE_AND_WELL: [
        (EsvActivity.Outcome.ADVICE_GIVEN, 5),
        (EsvActivity.Outcome.EQUIPMENT_FITTED, 4),
        (EsvActivity.Outcome.REFERRED, 2),
        (EsvActivity.Outcome.NO_ANSWER, 2),
    ],
    EsvActivity.Kind.CRIME_PREVENTION: [
        (EsvActivity.Outcome.ADVICE_GIVEN, 6),
        (EsvActivity.Outcome.REFERRED, 1),
        (EsvActivity.Outcome.NO_ANSWER, 1),
    ],
    EsvActivity.Kind.PATROL: [
        (EsvActivity.Outcome.REASSURANCE, 6),
        (EsvActivity.Outcome.REPORTED, 1),
    ],
}
PLACES = ["the town centre", "the high street", "the estate by the park", "the station area"]


def _placements(rng, today) -> list[Placement]:
    members = list(
        Membership.objects.filter(
            scheme__slug=catalogue.PSV, role=Membership.Role.MEMBER, joined_on__isnull=False
        )
        .select_related("volunteer")
        .order_by("pk")
    )
    roles = list(
        Role.objects.filter(is_active=True)
        .exclude(service="both")  # the ESVs' own role
        .order_by("setting__name", "title")
    )
    rng.shuffle(roles)
    year_ago = dates.years_before(today, 1)
    cut = round(len(roles) * IN_USE_A_YEAR_AGO)
    # The roles taken up within the last year, each from a day this year.
    began = {role: year_ago + timedelta(days=rng.randint(30, 300)) for role in roles[cut:]}
    veterans = [m for m in members if m.joined_on < year_ago] or members
    # Every role gets someone (a role in use a year ago, someone who was there then), then
    # the PSVs not yet placed a role each.
    pairs = [(veterans[n % len(veterans)], role) for n, role in enumerate(roles[:cut])]
    staying = [m for m in members if m.status != Membership.Status.LEFT] or members
    pairs += [(staying[(n * 7) % len(staying)], role) for n, role in enumerate(roles[cut:])]
    placed = {m.pk for m, _ in pairs}
    pairs += [(m, rng.choice(roles)) for m in members if m.pk not in placed]
    made = []
    for membership, role in pairs:
        start = min(max(membership.joined_on, began.get(role, membership.joined_on)), today)
        end = membership.left_on if membership.status == Membership.Status.LEFT else None
        if end is not None and end < start:
            end = start
        made.append(
            Placement(
                volunteer=membership.volunteer,
                role=role,
                starts_on=start,
                ends_on=end,
                supervisor=rng.choice(SUPERVISORS),
            )
        )
    return Placement.objects.bulk_create(made)


def _tie_hours(placements) -> int:
    """Each PSV hours entry to the placement it was given in (the latest that had begun)."""
    by_person: dict[int, list[Placement]] = {}
    for placement in sorted(placements, key=lambda p: p.starts_on):
        by_person.setdefault(placement.volunteer_id, []).append(placement)
    ties = []
    entries = HoursEntry.objects.filter(
        scheme__slug=catalogue.PSV, volunteer_id__in=by_person
    ).only("pk", "volunteer_id", "worked_on")
    for entry in entries.iterator(chunk_size=5000):
        open_then = [
            p
            for p in by_person[entry.volunteer_id]
            if p.starts_on <= entry.worked_on
            and (p.ends_on is None or entry.worked_on <= p.ends_on)
        ]
        if open_then:
            ties.append(PlacementHours(placement=open_then[-1], entry=entry))
    PlacementHours.objects.bulk_create(ties, batch_size=5000)
    return len(ties)


def _activities(rng, today) -> int:
    esv = Scheme.objects.get(slug=catalogue.SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS)
    members = Membership.objects.filter(
        scheme=esv, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE
    ).select_related("volunteer__district")
    activities, hours = [], []
    for membership in members.order_by("pk"):
        person = membership.volunteer
        if person.district is None:
            continue
        first = max(membership.joined_on or today, today - timedelta(days=180))
        for _ in range(rng.randint(3, 9)):
            day = first + timedelta(days=rng.randint(0, max(0, (today - first).days)))
            kind = rng.choice(list(OUTCOMES))
            outcomes, weights = zip(*OUTCOMES[kind], strict=True)
            given = Decimal(rng.choice(["1", "1.5", "2", "2.5", "3"]))
            town = DISTRICT_TOWNS.get(person.district.slug, "Stevenage")
            activity = EsvActivity(
                volunteer=person,
                kind=kind,
                done_on=day,
                district=person.district,
                place=f"{town}, {rng.choice(PLACES)}",
                outcome=rng.choices(outcomes, weights)[0],
                hours=given,
            )
            activities.append(activity)
            hours.append(
                HoursEntry(
                    volunteer=person,
                    scheme=esv,
                    worked_on=day,
                    hours=given,
                    kind=HoursEntry.Kind.DUTY,
                    description=f"{activity.get_kind_display()}, {activity.place}"[:200],
                    status=HoursEntry.Status.APPROVED,
                    decided_at=timezone.now(),
                )
            )
    EsvActivity.objects.bulk_create(activities, batch_size=5000)
    HoursEntry.objects.bulk_create(hours, batch_size=5000)
    return len(activities)


@transaction.atomic
def seed_psv(*, seed: int) -> str:
    if Placement.objects.exists():
        return "already in the database; adding none."
    rng = random.Random(seed + 11)
    today = timezone.localdate()
    placements = _placements(rng, today)
    tied = _tie_hours(placements)
    activities = _activities(rng, today)
    month_totals.rebuild()  # the ESVs' hours went in bulk, past the services
    settings = len({p.role.setting_id for p in placements})
    return (
        f"{len(placements):,} placements across {settings} settings ({tied:,} hours entries "
        f"tied to them), {activities:,} ESV activities."
    )


STEPS.register(DemoStep("Police Support Volunteers", seed_psv))
