"""Demo service records for the county's Specials: ranks, postings and the pathway to
Independent Patrol Status at every stage, and some duties for independent patrol only.

Bulk inserts, deterministic for a seed, and run once (skipped when records exist).
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from schemes.models import Duty
from volunteers import catalogue
from volunteers.catalogue import SPECIAL_CONSTABULARY
from volunteers.demo import STEPS, DemoStep
from volunteers.models import Course, Membership, TrainingRecord, Volunteer

from .models import (
    STEP_ORDER,
    CompetenceSignOff,
    LeaveOfAbsence,
    Posting,
    Rank,
    RankChange,
    ServiceRecord,
    Suggestion,
    Team,
)

# Of a hundred Specials, how many hold each rank above constable.
SENIOR = [(Rank.SERGEANT, 8), (Rank.INSPECTOR, 3), (Rank.CHIEF_INSPECTOR, 1)]
SPECIALIST_SHARE = 0.25  # posted to a specialist team as well as their district's NPT
DAYS_PER_STEP = 90  # roughly a quarter between sign-offs
# What every attested Special has done: the initial learning programme before attestation.
INITIAL_LEARNING = "Special Constable initial learning programme"
# What a Special on independent patrol keeps current: (course, done within so many days).
KEPT_CURRENT = [("Personal safety training", 330), ("First aid at work", 900)]


def seed_special_constabulary(*, seed: int) -> str:
    if ServiceRecord.objects.exists():
        return "already in the database; adding none."
    rng = random.Random(seed + 2)
    today = timezone.localdate()
    members = list(
        catalogue.members_of(SPECIAL_CONSTABULARY).select_related("volunteer").order_by("pk")
    )
    npt = {team.district_id: team for team in Team.objects.filter(district__isnull=False)}
    specialist = list(Team.objects.filter(district__isnull=True))
    records, ranks, postings, sign_offs = [], [], [], []
    demo_special = Volunteer.objects.filter(email="volunteer@demo.cip.example").first()
    for membership in members:
        person = membership.volunteer
        joined = membership.joined_on or membership.applied_on or today - timedelta(days=30)
        rank = Rank.CONSTABLE
        roll = rng.randint(1, 100)
        for senior, share in SENIOR:
            if roll <= share and (today - joined).days > 3 * 365:
                rank = senior
        # A step a quarter from attestation; long-serving Specials have them all.
        quarters = (today - joined).days // DAYS_PER_STEP
        steps_done = len(STEP_ORDER) if person == demo_special else min(len(STEP_ORDER), quarters)
        signed_days = [joined + timedelta(days=DAYS_PER_STEP * (i + 1)) for i in range(steps_done)]
        signed_days = [min(day, today) for day in signed_days]
        records.append(
            ServiceRecord(
                volunteer=person,
                rank=rank,
                attested_on=joined,
                warrant_number=f"HSC{person.pk:06d}",
                independent_patrol_on=signed_days[-1] if steps_done == len(STEP_ORDER) else None,
            )
        )
        if rank != Rank.CONSTABLE:
            ranks.append(
                RankChange(
                    volunteer=person,
                    rank=rank,
                    effective_on=joined + timedelta(days=3 * 365),
                    note="Promotion board",
                )
            )
        sign_offs += [
            CompetenceSignOff(
                volunteer=person,
                step=step,
                signed_off_on=day,
                evidence="Demo: tutored and assessed shifts recorded in the PDR.",
            )
            for step, day in zip(STEP_ORDER, signed_days, strict=False)
        ]
        if person.district_id in npt:
            postings.append(
                Posting(volunteer=person, team=npt[person.district_id], starts_on=joined)
            )
        if specialist and rng.random() < SPECIALIST_SHARE and steps_done == len(STEP_ORDER):
            postings.append(
                Posting(
                    volunteer=person,
                    team=rng.choice(specialist),
                    starts_on=min(today, signed_days[-1] + timedelta(days=60)),
                )
            )
    with transaction.atomic():
        ServiceRecord.objects.bulk_create(records, batch_size=2000)
        RankChange.objects.bulk_create(ranks, batch_size=2000)
        CompetenceSignOff.objects.bulk_create(sign_offs, batch_size=5000)
        Posting.objects.bulk_create(postings, batch_size=5000)
        # A third of the Specials' coming patrols are for independent patrol only.
        upcoming = Duty.objects.filter(
            scheme__slug=SPECIAL_CONSTABULARY, starts_at__gt=timezone.now(), kind=Duty.Kind.PATROL
        ).values_list("pk", flat=True)
        marked = Duty.objects.filter(pk__in=[pk for pk in upcoming if pk % 3 == 0]).update(
            requirement="independent_patrol"
        )
    _training_that_adds_up(rng, records, today)
    _suggestions_and_leave(rng, [m.volunteer for m in members], today)
    with_status = sum(1 for r in records if r.independent_patrol_on)
    return (
        f"{len(records):,} service records ({with_status:,} with Independent Patrol Status), "
        f"{len(postings):,} postings, {marked:,} duties for independent patrol."
    )


STEPS.register(DemoStep("Special Constabulary", seed_special_constabulary))


def _training_that_adds_up(rng, records, today) -> None:
    """Training that agrees with each service record: the initial learning programme before
    attestation, and for those on independent patrol the courses they must keep current."""
    courses = {course.name: course for course in Course.objects.all()}
    # (person, course) of every record still in date: an expired one is done again.
    have = set(
        TrainingRecord.objects.filter(volunteer__in=[r.volunteer for r in records])
        .exclude(expires_on__lt=today)
        .values_list("volunteer_id", "course__name")
    )
    made = []

    def add(person, name, done):
        course = courses.get(name)
        if course is None or (person.pk, name) in have:
            return
        have.add((person.pk, name))
        months = course.valid_for_months
        expires = done + timedelta(days=30 * months) if months else None
        made.append(
            TrainingRecord(volunteer=person, course=course, completed_on=done, expires_on=expires)
        )

    for record in records:
        if record.attested_on <= today:
            add(record.volunteer, INITIAL_LEARNING, record.attested_on - timedelta(days=14))
        if record.independent_patrol_on:
            for name, within in KEPT_CURRENT:
                add(record.volunteer, name, today - timedelta(days=rng.randint(10, within)))
    TrainingRecord.objects.bulk_create(made, batch_size=5000)


SUGGESTIONS = [
    (
        "Brief night-time economy shifts earlier",
        "Briefings at 21:30 leave no time to kit up before the bars empty.",
        "Night-time economy briefings now start at 20:45.",
    ),
    (
        "Radio refresher before nights",
        "A ten-minute radio refresher would help newer Specials.",
        "Tutor constables now run a radio refresher on the first Friday of each month.",
    ),
    ("Parking at Stevenage station", "Specials struggle to park for early shifts.", ""),
]


def _suggestions_and_leave(rng, specials, today) -> None:
    """A few suggestions (two adopted, for "you said, we did") and a leave of absence."""
    if not specials:
        return
    coordinator = (
        Membership.objects.coordinators()
        .filter(scheme__slug=SPECIAL_CONSTABULARY)
        .select_related("volunteer__user")
        .first()
    )
    answerer = coordinator.volunteer.user if coordinator else None
    for (title, body, we_did), person in zip(SUGGESTIONS, rng.sample(specials, 3), strict=False):
        Suggestion.objects.create(
            volunteer=person,
            title=title,
            body=body,
            hide_name=not we_did,
            status=Suggestion.Status.ADOPTED if we_did else Suggestion.Status.OPEN,
            answer="Thank you: a good idea, and we have acted on it." if we_did else "",
            we_did=we_did,
            answered_by=answerer if we_did else None,
            answered_at=timezone.now() - timedelta(days=20) if we_did else None,
        )
    LeaveOfAbsence.objects.create(
        volunteer=rng.choice(specials),
        kind=LeaveOfAbsence.Kind.STUDY,
        starts_on=today - timedelta(days=40),
        ends_on=today + timedelta(days=30),
        note="University exams",
    )
