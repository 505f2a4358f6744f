"""Demo employers for Employer Supported Policing: over thirty across sectors and
districts at every stage, Specials linked to them (most sharing their hours), some hours on
release, engagement with businesses, and an employer account to sign in with.

Deterministic for a seed, and run once (skipped when employers exist).
"""

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from schemes.models import HoursEntry
from volunteers.catalogue import SPECIAL_CONSTABULARY
from volunteers.demo import DEMO_DOMAIN, STEPS, DemoStep, demo_account
from volunteers.models import District, Membership, Volunteer
from volunteers.permissions import EMPLOYER_GROUP

from .models import (
    Employer,
    EmployerAccount,
    EmployerLink,
    EmployerStatusChange,
    Engagement,
    Sector,
    SizeBand,
)

DEMO_EMPLOYER_EMAIL = f"employer@{DEMO_DOMAIN}"
# (name, sector, town, district, postcode district): every place in its real district.
NAMES = [
    ("Hatfield Hardware Ltd", "retail", "Hatfield", "welwyn-hatfield", "AL10"),
    ("Stevenage Precision Engineering", "manufacturing", "Stevenage", "stevenage", "SG1"),
    ("Watford General Logistics", "transport", "Watford", "watford", "WD24"),
    ("St Albans Building Society", "finance", "St Albans", "st-albans", "AL1"),
    ("Hertford Regional College", "education", "Ware", "east-hertfordshire", "SG12"),
    ("Dacorum Borough Council", "public", "Hemel Hempstead", "dacorum", "HP1"),
    ("Three Rivers Care Homes", "health", "Rickmansworth", "three-rivers", "WD3"),
    ("Broxbourne Garden Centre", "retail", "Broxbourne", "broxbourne", "EN10"),
    ("Welwyn Software House", "technology", "Welwyn Garden City", "welwyn-hatfield", "AL7"),
    (
        "Letchworth Water Services",
        "utilities",
        "Letchworth Garden City",
        "north-hertfordshire",
        "SG6",
    ),
    ("Hitchin Accountancy Partners", "finance", "Hitchin", "north-hertfordshire", "SG5"),
    (
        "Bishop's Stortford Builders",
        "construction",
        "Bishop's Stortford",
        "east-hertfordshire",
        "CM23",
    ),
    ("Hemel Hempstead Distribution", "transport", "Hemel Hempstead", "dacorum", "HP2"),
    ("Royston Grain Co-operative", "other", "Royston", "north-hertfordshire", "SG8"),
    ("Herts Community Foundation", "charity", "Hertford", "east-hertfordshire", "SG13"),
    ("Borehamwood Film Services", "technology", "Borehamwood", "hertsmere", "WD6"),
    ("Cheshunt Pharmacy Group", "health", "Cheshunt", "broxbourne", "EN8"),
    ("Harpenden Estate Agents", "construction", "Harpenden", "st-albans", "AL5"),
    ("Berkhamsted School Trust", "education", "Berkhamsted", "dacorum", "HP4"),
    ("Ware Brewing Company", "manufacturing", "Ware", "east-hertfordshire", "SG12"),
    ("Tring Veterinary Practice", "health", "Tring", "dacorum", "HP23"),
    ("Bushey Telecoms", "technology", "Bushey", "hertsmere", "WD23"),
    ("Hoddesdon Print Works", "manufacturing", "Hoddesdon", "broxbourne", "EN11"),
    ("Potters Bar Insurance Brokers", "finance", "Potters Bar", "hertsmere", "EN6"),
    ("Rickmansworth Leisure Trust", "charity", "Rickmansworth", "three-rivers", "WD3"),
    ("Baldock Haulage", "transport", "Baldock", "north-hertfordshire", "SG7"),
    ("Sawbridgeworth Solicitors", "finance", "Sawbridgeworth", "east-hertfordshire", "CM21"),
    ("Redbourn Electrical", "construction", "Redbourn", "st-albans", "AL3"),
    ("Hertsmere Hospitality", "retail", "Borehamwood", "hertsmere", "WD6"),
    ("Knebworth Events", "other", "Knebworth", "north-hertfordshire", "SG3"),
    ("Elstree Data Centre", "technology", "Elstree", "hertsmere", "WD6"),
    ("Buntingford Bakers", "retail", "Buntingford", "east-hertfordshire", "SG9"),
    ("Radlett Dental Care", "health", "Radlett", "hertsmere", "WD7"),
    ("Abbots Langley Garage", "other", "Abbots Langley", "three-rivers", "WD5"),
    (
        "Stevenage Precision Engineering Ltd",
        "manufacturing",
        "Stevenage",
        "stevenage",
        "SG2",
    ),  # signs up twice
]
# Employers that signed the agreement (a lapsed one signed once).
SIGNED = {Employer.Status.APPROVED, Employer.Status.ACTIVE, Employer.Status.LAPSED}
LINKED_SHARE = 0.3  # of active Specials, linked to an employer
SELF_EMPLOYED_SHARE = 0.05
RELEASED_SHARE = 0.3  # of a sharing Special's hours entries, on release from work


def seed_employers(*, seed: int) -> str:
    if Employer.objects.exists():
        return "already in the database; adding none."
    rng = random.Random(seed + 3)
    now = timezone.now()
    districts = {district.slug: district for district in District.objects.all()}
    with transaction.atomic():
        employers = []
        for number, (name, sector, town, district, outward) in enumerate(NAMES):
            status = (
                Employer.Status.PENDING
                if number >= len(NAMES) - 2
                else Employer.Status.LAPSED
                if number == len(NAMES) - 3
                else Employer.Status.DECLINED
                if number == len(NAMES) - 4
                else Employer.Status.APPROVED
                if number % 10 == 9
                else Employer.Status.ACTIVE
            )
            domain = name.lower().split()[0].replace("'", "") + "-" + sector + ".example"
            if number == len(NAMES) - 1:
                domain = employers[1].email_domain  # the duplicate shares the first's domain
            employer = Employer.objects.create(
                name=name,
                sector=sector,
                size_band=rng.choice(SizeBand.values),
                address_line_1=f"{rng.randint(1, 120)} High Street",
                town=town,
                postcode=f"{outward} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                district=districts[district],
                contact_name="Demo Contact",
                contact_role="HR manager",
                contact_email=f"hr@{domain}",
                contact_phone="01707123456",
                paid_leave_hours=rng.choice([0, 24, 40, 80]),
                paid_for_training=True,
                paid_for_duties=rng.random() < 0.5,
                unpaid_for_emergencies=rng.random() < 0.6,
                flexible_working=rng.random() < 0.7,
                promotes_specials=rng.random() < 0.4,
                pledged_hours=rng.choice([24, 40, 60, 100]),
                list_publicly=rng.random() < 0.7,
                status=status,
                agreement_signed_on=(now - timedelta(days=rng.randint(30, 900))).date()
                if status in SIGNED
                else None,
                agreement_signed_by="Demo Contact" if status in SIGNED else "",
                possible_duplicate_of=employers[1] if number == len(NAMES) - 1 else None,
            )
            employers.append(employer)
        trusted = [employer for employer in employers if employer.is_trusted]
        linked, released = _link_specials(rng, trusted, now)
        _history_of_the_declined(employers, now)
        _engagements(rng, now)
        _demo_employer_account(employers[0])
    return (
        f"{len(employers)} employers, {linked:,} Specials linked, {released:,} hours entries "
        f"on release; employer sign-in: {DEMO_EMPLOYER_EMAIL}."
    )


STEPS.register(DemoStep("Employer Supported Policing", seed_employers))


def _history_of_the_declined(employers, now) -> None:
    """A declined employer's page shows why, as the team recorded it."""
    for employer in employers:
        if employer.status == Employer.Status.DECLINED:
            EmployerStatusChange.objects.create(
                employer=employer,
                from_status=Employer.Status.PENDING,
                to_status=Employer.Status.DECLINED,
                reason="We only sign agreements with employers of Special Constables at the "
                "moment; none of your staff serve yet. Do ask again when one does.",
                changed_at=now - timedelta(days=12),
            )


def _link_specials(rng, employers, now) -> tuple[int, int]:
    specials = list(
        Membership.objects.filter(
            scheme__slug=SPECIAL_CONSTABULARY,
            role=Membership.Role.MEMBER,
            status=Membership.Status.ACTIVE,
        )
        .order_by("pk")
        .values_list("volunteer_id", flat=True)
    )
    demo = Volunteer.objects.filter(email=f"volunteer@{DEMO_DOMAIN}").first()
    links, sharing = [], []
    for volunteer_id in specials:
        roll = rng.random()
        is_demo = demo is not None and volunteer_id == demo.pk
        if is_demo or roll < LINKED_SHARE:
            shares = is_demo or rng.random() < 0.7
            links.append(
                EmployerLink(
                    volunteer_id=volunteer_id,
                    employer=employers[0] if is_demo else rng.choice(employers),
                    shares_hours=shares,
                    confirmed_at=now if is_demo or rng.random() < 0.8 else None,
                    created_at=now - timedelta(days=rng.randint(40, 600)),
                )
            )
            if shares:
                sharing.append(volunteer_id)
        elif roll < LINKED_SHARE + SELF_EMPLOYED_SHARE:
            links.append(
                EmployerLink(
                    volunteer_id=volunteer_id,
                    self_employed=True,
                    created_at=now - timedelta(days=rng.randint(40, 600)),
                )
            )
    EmployerLink.objects.bulk_create(links, batch_size=2000)
    entries = list(
        HoursEntry.objects.filter(volunteer_id__in=sharing, scheme__slug=SPECIAL_CONSTABULARY)
        .exclude(kind=HoursEntry.Kind.TRAINING)
        .values_list("pk", flat=True)
    )
    chosen = [pk for pk in entries if rng.random() < RELEASED_SHARE]
    HoursEntry.objects.filter(pk__in=chosen).update(kind=HoursEntry.Kind.ESP_RELEASE)
    return len(links), len(chosen)


def _engagements(rng, now) -> None:
    outcomes = ["Will sign up", "Considering it", "Not now", "Signed up", "Asked for a talk"]
    Engagement.objects.bulk_create(
        Engagement(
            organisation=f"Prospect {n + 1} Ltd",
            sector=rng.choice(Sector.values),
            kind=rng.choice(Engagement.Kind.values),
            happened_on=(now - timedelta(days=rng.randint(1, 300))).date(),
            outcome=rng.choice(outcomes),
        )
        for n in range(12)
    )


def _demo_employer_account(employer) -> None:
    user = demo_account(DEMO_EMPLOYER_EMAIL, "Priya Shah")
    user.groups.add(Group.objects.get(name=EMPLOYER_GROUP))
    EmployerAccount.objects.get_or_create(user=user, defaults={"employer": employer})
