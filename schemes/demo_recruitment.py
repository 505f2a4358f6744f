"""Demo roles to apply for in every scheme, and applicants at every stage of them.

Deterministic for a seed, and run once (skipped when roles exist). Imported by
schemes/demo.py, so seed_demo finds it with the other steps.
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from volunteers.catalogue import SchemeSlug
from volunteers.dates import anniversary
from volunteers.demo import STEPS, DemoStep
from volunteers.models import District, Membership, Scheme, Volunteer

from .models import Application, Opportunity, Question, Stage, Step

Activity = Opportunity.Activity
ALL = [stage.value for stage in Stage]
NO_VETTING = ["received", "screening"]
# scheme -> [(title, district slug or None, place, activity, time asked, stages, summary,
#             and, for adults' roles in young people's schemes, the youngest age)]
ROLES = {
    SchemeSlug.SPECIAL_CONSTABULARY: [
        ("Special Constable", None, "", Activity.PATROL, "16 hours a month", ALL,
         "Warranted police officers who volunteer: patrol, respond and keep people safe."),
        ("Special Constable, rural crime team", "north-hertfordshire", "Hitchin Police Station",
         Activity.PATROL, "16 hours a month", ALL,
         "Tackle farm theft, hare coursing and fly-tipping across the north of the county."),
    ],
    SchemeSlug.VOLUNTEER_POLICE_CADETS: [
        ("Volunteer Police Cadet", None, "Your nearest cadet unit", Activity.YOUNG_PEOPLE,
         "A weekly evening and 3 hours' volunteering a month",
         ["received", "interview", "training"],
         "For 13 to 18 year olds: learn about policing, gain confidence, help at events."),
        ("Cadet leader", None, "Your nearest cadet unit", Activity.YOUNG_PEOPLE,
         "A weekly evening", ALL, "Adults who run cadet units with police officers.", 18),
    ],
    SchemeSlug.POLICE_SUPPORT_VOLUNTEERS: [
        ("Front counter volunteer, Stevenage", "stevenage", "Stevenage Police Station",
         Activity.OFFICE, "One morning a week", ["received", "interview", "vetting"],
         "Greet visitors, take found property and help people report crime."),
        ("Puppy fosterer", None, "Your own home", Activity.ANIMALS, "Full-time, for a year",
         ["received", "screening", "vetting"],
         "Bring up a future police dog at home, with the dog section's support."),
    ],
    SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS: [
        ("Emergency Services Volunteer", None, "", Activity.COMMUNITY, "8 hours a month",
         ["received", "interview", "vetting", "training"],
         "Police and fire together: safe and well checks, crime prevention advice, patrols."),
    ],
    SchemeSlug.INDEPENDENT_CUSTODY_VISITORS: [
        ("Independent Custody Visitor", None, "Hatfield and Stevenage custody suites",
         Activity.SCRUTINY, "Two visits a month", ALL,
         "Check, unannounced, that people held in police custody are treated well."),
    ],
    SchemeSlug.DOG_WELFARE: [
        ("Dog welfare visitor", None, "Police dog section kennels", Activity.ANIMALS,
         "One visit a month", ["received", "interview", "vetting"],
         "Visit the force's dogs at work and at their handlers' homes, and report on welfare."),
    ],
    SchemeSlug.STOP_SEARCH_SCRUTINY_PANEL: [
        ("Stop and search scrutiny panel member", None, "OPCC offices, Welwyn Garden City",
         Activity.SCRUTINY, "An evening every two months", ["received", "interview"],
         "Review body-worn video and records of stop and search, and question the force."),
    ],
    SchemeSlug.COMMUNITY_DRIVESAFE: [
        ("Community DriveSafe volunteer", None, "Your own village or street", Activity.ROADS,
         "Two hours a month", ["received", "training"],
         "Check speeds with a detection device where residents worry, with letters to drivers."),
    ],
    SchemeSlug.NEIGHBOURHOOD_WATCH: [
        ("Neighbourhood Watch coordinator", None, "Your own street", Activity.COMMUNITY,
         "An hour or two a month", NO_VETTING,
         "Keep neighbours in touch and pass on police alerts; no vetting needed."),
    ],
    SchemeSlug.MINI_POLICE: [
        ("Mini Police leader", None, "A primary school near you", Activity.YOUNG_PEOPLE,
         "An afternoon a week for eight weeks", ALL,
         "Run the eight-week Mini Police programme with a school and local officers.", 18),
    ],
}  # fmt: skip
QUESTIONS = [
    ("Why would you like to volunteer in this role?", Question.Kind.TEXT, "", True),
    (
        "How did you hear about us?",
        Question.Kind.CHOICE,
        "A friend or family member\nSocial media\nAn event\nMy employer\nSomewhere else",
        False,
    ),
]
DECLINE_REASONS = [
    "We have all the volunteers we need in your area just now; we will keep your details.",
    "The role needs more evenings than you said you could give.",
]


def seed_roles_and_applications(*, seed: int) -> str:
    if Opportunity.objects.exists():
        return "already in the database; adding none."
    rng = random.Random(seed + 4)
    today = timezone.localdate()
    now = timezone.now()
    schemes = {scheme.slug: scheme for scheme in Scheme.objects.filter(slug__in=ROLES)}
    rows_of = {slug: rows for slug, rows in ROLES.items() if slug in schemes}
    districts = {district.slug: district for district in District.objects.all()}
    with transaction.atomic():
        roles = []
        for slug, rows in rows_of.items():
            for title, district, place, activity, time_asked, stages, summary, *adult in rows:
                role = Opportunity.objects.create(
                    min_age=adult[0] if adult else None,
                    scheme=schemes[slug],
                    title=title,
                    slug=slugify(title),
                    summary=summary,
                    description=_what_you_do(title, schemes[slug].name, time_asked, place),
                    district=districts.get(district) if district else None,
                    place=place,
                    activity=activity,
                    time_asked=time_asked,
                    stages=stages,
                    closes_on=today + timedelta(days=rng.randint(20, 120))
                    if rng.random() < 0.3
                    else None,
                )
                for position, (text, kind, choices, required) in enumerate(QUESTIONS):
                    Question.objects.create(
                        opportunity=role,
                        text=text,
                        kind=kind,
                        choices=choices,
                        required=required,
                        position=position,
                    )
                roles.append(role)
        made = _applicants(rng, roles, now)
        joined = _joiners_who_applied(rng, roles, now)
    return (
        f"{len(roles)} roles open in {len(schemes)} schemes, {made} applications in progress "
        f"or ended, {joined} accepted (this year's joiners)."
    )


STEPS.register(DemoStep("Roles and applications", seed_roles_and_applications))


def _what_you_do(title: str, scheme: str, time_asked: str, place: str) -> str:
    """A role page's "What you do", in a few plain lines that add to its summary."""
    where = f" at {place}" if place else " near where you live"
    return (
        f"As a {title.split(',')[0].lower()} you give {time_asked.lower()}{where}, alongside "
        f"officers, staff and other volunteers.\n\nYou get the training the role needs, a "
        f"named contact in {scheme} to turn to, your expenses paid, and the thanks of the "
        "county."
    )


def _applicants(rng, roles, now) -> int:
    """People who are not yet in each role's scheme apply, some weeks ago: most are at a
    stage of it, some were declined or withdrew."""
    today = timezone.localdate()
    people = list(Volunteer.objects.filter(user__isnull=True).order_by("pk"))
    members = set(Membership.objects.values_list("volunteer_id", "scheme_id"))
    made = 0
    for role in roles:
        youngest = role.youngest or 16
        oldest = role.oldest or 120
        fits = [
            p
            for p in people
            if (p.pk, role.scheme_id) not in members
            and youngest <= p.age(today) <= oldest
            and anniversary(p.date_of_birth, youngest) <= today - timedelta(days=60)
        ]
        for person in rng.sample(fits, min(len(fits), rng.randint(3, 6))):
            applied = now - timedelta(days=rng.randint(2, 60), hours=rng.randint(0, 8))
            stages = role.stage_list
            reached = stages[: rng.randint(1, len(stages))]
            ending = rng.choices(
                [
                    Application.Status.OPEN,
                    Application.Status.DECLINED,
                    Application.Status.WITHDRAWN,
                ],
                [80, 12, 8],
            )[0]
            application = Application.objects.create(
                opportunity=role,
                volunteer=person,
                stage=reached[-1],
                status=ending,
                answers=[
                    {"question": QUESTIONS[0][0], "answer": "To give something back locally."},
                    {
                        "question": QUESTIONS[1][0],
                        "answer": rng.choice(QUESTIONS[1][2].split("\n")),
                    },
                ],
                created_at=applied,
                reason=rng.choice(DECLINE_REASONS) if ending == Application.Status.DECLINED else "",
            )
            moments = sorted(  # received the moment they applied, then a stage or so a week
                applied + timedelta(days=(rng.randint(0, 1) + i * 3) if i else 0)
                for i in range(len(reached))
            )
            moments = [min(moment, now) for moment in moments]
            for stage, moment in zip(reached, moments, strict=True):
                Step.objects.create(
                    application=application, stage=stage, status=Application.Status.OPEN, at=moment
                )
            application.stage_changed_at = moments[-1]
            if ending != Application.Status.OPEN:
                application.closed_at = min(now, moments[-1] + timedelta(days=2))
                Step.objects.create(
                    application=application,
                    stage=reached[-1],
                    status=ending,
                    at=application.closed_at,
                    reason=application.reason,
                )
            application.save(update_fields=["stage_changed_at", "closed_at"])
            made += 1
    return made


def _joiners_who_applied(rng, roles, now) -> int:
    """This year's joiners came in through the pipeline: each has the application that was
    accepted the day they joined, having gone through every stage of the scheme's
    county-wide role (so the funnel ends somewhere, as a working county's does)."""
    role_of = {}
    for role in sorted(roles, key=lambda r: r.district_id is not None):
        role_of.setdefault(role.scheme_id, role)  # a role anywhere in the county first
    since = timezone.localdate() - timedelta(days=330)
    joiners = (
        Membership.objects.filter(
            role=Membership.Role.MEMBER, joined_on__gte=since, scheme_id__in=role_of
        )
        .select_related("volunteer")
        .order_by("pk")
    )
    made = 0
    for membership in joiners:
        role = role_of[membership.scheme_id]
        accepted = timezone.make_aware(
            datetime.combine(membership.joined_on, time(10, rng.randint(0, 59)))
        )
        accepted = min(accepted, now)
        applied = accepted - timedelta(days=rng.randint(28, 70))
        if role.youngest:  # no one applied before they were old enough
            old_enough = anniversary(membership.volunteer.date_of_birth, role.youngest)
            first = timezone.make_aware(datetime.combine(old_enough, time(9)))
            applied = min(max(applied, first), accepted - timedelta(hours=1))
        stages = role.stage_list
        application = Application.objects.create(
            opportunity=role,
            volunteer=membership.volunteer,
            stage=stages[-1],
            status=Application.Status.ACCEPTED,
            answers=[{"question": QUESTIONS[0][0], "answer": "To help where I live."}],
            created_at=applied,
            stage_changed_at=applied,
            closed_at=accepted,
        )
        gap = (accepted - applied) / (len(stages) + 1)
        steps = [
            Step(application=application, stage=stage, status="open", at=applied + gap * i)
            for i, stage in enumerate(stages)
        ]
        steps.append(
            Step(application=application, stage=stages[-1], status="accepted", at=accepted)
        )
        Step.objects.bulk_create(steps)
        application.stage_changed_at = steps[-2].at
        application.save(update_fields=["stage_changed_at"])
        made += 1
    return made
