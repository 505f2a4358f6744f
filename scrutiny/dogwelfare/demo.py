"""The demo's Dog Welfare scheme, run by Hertfordshire for three forces: each force's dog
unit and manager, 60 police dogs, last period's and this period's visits (a few dogs not
seen for over six months, so overdue), concerns with their answers, a serious concern,
and the scheme's last two meetings. Rows are made directly (the services would e-mail
everyone). Deterministic for a seed; run once."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from volunteers.demo import DEMO_DOMAIN, STEPS, DemoStep, demo_account
from volunteers.models import Force, ForceStaff

from . import services
from .checklist import DOG_CHECKLIST
from .models import Assignment, Dog, DogIssue, DogUnit, DogVisit, Meeting
from .periods import period_end, period_of

DOGS_PER_FORCE = 20
# force slug -> (unit, base, manager's name, phone, visits in pairs)
UNITS = {
    "bedfordshire": (
        "Bedfordshire Dog Unit",
        "Kempston, Bedford MK43 9AX",
        "Sgt Neil Curtis",
        "01234 841212",
        False,
    ),
    "cambridgeshire": (
        "Cambridgeshire Dog Unit",
        "Hinchingbrooke Park, Huntingdon PE29 6NP",
        "Sgt Helen Ward",
        "01480 456111",
        True,
    ),
    "hertfordshire": (
        "Hertfordshire Dog Unit",
        "Stanborough Road, Welwyn Garden City AL8 6XF",
        "Sgt Amir Hussain",
        "01707 354200",
        False,
    ),
}
NAMES = [
    "Rex",
    "Bruno",
    "Kaiser",
    "Odin",
    "Zeus",
    "Diesel",
    "Bear",
    "Thor",
    "Storm",
    "Blue",
    "Sasha",
    "Luna",
    "Nala",
    "Poppy",
    "Bella",
    "Willow",
    "Skye",
    "Fern",
    "Jet",
    "Echo",
    "Finn",
    "Murphy",
    "Toby",
    "Archie",
    "Alfie",
    "Ziggy",
    "Ranger",
    "Scout",
    "Jago",
    "Max",
]
# breed -> roles such a dog does
BREEDS = {
    "German Shepherd": ["general-purpose"],
    "Belgian Malinois": ["general-purpose", "firearms"],
    "Dutch Herder": ["general-purpose"],
    "English Springer Spaniel": ["drugs", "explosives", "cash"],
    "Cocker Spaniel": ["drugs", "cash", "digital"],
    "Labrador Retriever": ["explosives", "victim-recovery", "drugs"],
}
CONCERNS = {
    "vehicle-clean": (
        "The dog's compartment had not been cleaned after a wet search.",
        "The van was valeted the same week; handlers reminded to clean after each wet job.",
    ),
    "bedding": (
        "The kennel bedding was worn thin and damp.",
        "New raised beds bought for every base kennel.",
    ),
    "weight-trend": (
        "The dog looks to have lost weight since the last visit.",
        "The vet checked him: a change of food, weighed monthly since.",
    ),
    "temperature-control": (
        "The van's heat alarm did not sound when tested.",
        "The alarm's sensor was replaced and every van's alarm tested.",
    ),
    "exercise-area": (
        "The exercise paddock's fence has a gap by the gate.",
        "Fence repaired by the estates team.",
    ),
}
SERIOUS = (
    "injuries",
    "A deep cut on the left forepaw, untreated and the dog lame.",
    "The handler took the dog to the vet that afternoon; stitched and rested for two weeks.",
)


# (months ago, minutes, actions agreed)
MEETINGS = [
    (
        11,
        "Coverage for the period reviewed force by force: Cambridgeshire's pairs of visitors "
        "work well. Van heat alarms discussed after a concern at Bedfordshire; the Dogs Trust "
        "offered its guidance on vehicle temperatures.",
        "Each unit to test its vans' heat alarms monthly and log it.",
    ),
    (
        5,
        "Coverage reviewed: three Hertfordshire dogs missed last period and were visited early "
        "in this one. New raised beds fitted at Kempston. Two retired dogs rehomed with their "
        "handlers; visits to retired dogs discussed.",
        "Each unit to send its updated dog list before the next period.",
    ),
]


def _unit(force, rng):
    name, base, manager_name, phone, pairs = UNITS[force.slug]
    user = demo_account(f"dog.unit.{force.slug}@{DEMO_DOMAIN}", manager_name.replace("Sgt ", ""))
    manager, _ = ForceStaff.objects.get_or_create(
        user=user, role=ForceStaff.Role.DOG_UNIT_MANAGER, defaults={"force": force, "phone": phone}
    )
    unit, _ = DogUnit.objects.get_or_create(
        force=force,
        name=name,
        defaults={"base_address": base, "manager": manager, "visits_in_pairs": pairs},
    )
    return unit


def _dogs(rng, force, unit, today):
    dogs = []
    names = rng.sample(NAMES, DOGS_PER_FORCE)
    for number, name in enumerate(names):
        breed = rng.choice(sorted(BREEDS))
        retired = number >= DOGS_PER_FORCE - 2  # two retired dogs a force, still homed
        years = (9, 11) if retired else (2, 8)
        born = today - timedelta(days=rng.randint(365 * years[0], 365 * years[1]))
        dogs.append(
            Dog(
                name=name,
                force=force,
                unit=unit,
                collar_number=str(rng.randint(1000, 9999)),
                breed=breed,
                born_on=born,
                role=rng.choice(BREEDS[breed]),
                kennelled=Dog.Kennel.BASE if rng.random() < 0.25 else Dog.Kennel.HOME,
                is_retired=retired,
                retired_on=today - timedelta(days=rng.randint(30, 300)) if retired else None,
            )
        )
    return Dog.objects.bulk_create(dogs)


def _answers(concern_code=None, note=""):
    return {
        check.code: {"result": "concern", "note": note}
        if check.code == concern_code
        else {"result": "ok", "note": ""}
        for _, check in DOG_CHECKLIST.checks()
    }


def _visit(rng, assignment, day, *, concern=None, serious=False):
    tz = timezone.get_current_timezone()
    code, note, answer = concern if concern else (None, "", "")
    visit = DogVisit.objects.create(
        dog=assignment.dog,
        assignment=assignment,
        visited_on=day,
        visitor=assignment.visitor,
        partner=assignment.partner,
        kennel_seen=assignment.dog.kennelled,
        checks=_answers(code, note),
        is_serious=serious,
        phoned_manager_at=datetime.combine(day, time(15, 20), tz) if serious else None,
        submitted_at=datetime.combine(day, time(17), tz),
    )
    if code:
        section = next(s.code for s, c in DOG_CHECKLIST.checks() if c.code == code)
        raised = visit.submitted_at
        days = services.SERIOUS_RESPONSE_DAYS if serious else services.RESPONSE_DAYS
        issue = DogIssue(
            visit=visit,
            section=section,
            check_code=code,
            concern=note,
            raised_at=raised,
            due_on=day + timedelta(days=days),
        )
        age = (timezone.localdate() - day).days
        if serious or age > 10:
            issue.response = answer
            issue.responded_at = issue.closed_at = raised + timedelta(
                days=min(rng.randint(1, 9), max(age, 1))
            )
            issue.responded_by = assignment.dog.unit.manager.user
            issue.status = DogIssue.Status.CLOSED
        issue.save()
    return visit


def _left_for_the_demo(assignment) -> bool:
    """The demo visitor (who signs in) has visits still to make."""
    return assignment.visitor.email == f"visitor@{DEMO_DOMAIN}"


@transaction.atomic
def seed_dog_welfare(*, seed: int) -> str:
    if DogUnit.objects.exists():
        return "already there."
    rng = random.Random(seed + 61)
    today = timezone.localdate()
    dogs = []
    for force in Force.objects.filter(slug__in=UNITS).order_by("slug"):
        dogs += _dogs(rng, force, _unit(force, rng), today)
    if not services.visitors_now().exists():
        return f"{len(dogs)} dogs; no Dog Welfare visitors to assign visits to."
    this = period_of(today)
    last = period_of(this - timedelta(days=1))
    made = 0
    for period in (last, this):
        services.assign_period(actor=None, period=period)
        assignments = list(
            Assignment.objects.filter(period=period)
            .select_related("dog__unit__manager__user", "visitor", "partner")
            .order_by("dog__force__slug", "dog__name")
        )
        span = (min(period_end(period), today - timedelta(days=1)) - period).days
        concerns = iter(sorted(CONCERNS.items()))
        for number, assignment in enumerate(assignments):
            if span < 1:
                break
            if period == last and number % 9 == 4:
                continue  # missed last period: overdue now unless seen already this one
            if period == this and (rng.random() < 0.12 or _left_for_the_demo(assignment)):
                continue  # still to visit this period
            day = period + timedelta(days=rng.randint(0, span))
            concern, serious = None, False
            if period == this and number == 7:
                concern, serious = (SERIOUS[0], SERIOUS[1], SERIOUS[2]), True
            elif rng.random() < 0.15:
                found = next(concerns, None)
                concern = (found[0], *found[1]) if found else None
            _visit(rng, assignment, day, concern=concern, serious=serious)
            made += 1
    for months_ago, minutes, actions in MEETINGS:
        Meeting.objects.create(
            held_on=today - timedelta(days=30 * months_ago),
            attendees="Scheme administrator (OPCC Hertfordshire)\nSgt Neil Curtis, Bedfordshire\n"
            "Sgt Helen Ward, Cambridgeshire\nSgt Amir Hussain, Hertfordshire\n"
            "Dogs Trust representative",
            minutes=minutes,
            actions=actions,
        )
    return (
        f"{len(dogs)} dogs in 3 forces, {made} visits; "
        f"dog unit manager sign-in: dog.unit.hertfordshire@{DEMO_DOMAIN}."
    )


STEPS.register(DemoStep("Dog welfare", seed_dog_welfare))
