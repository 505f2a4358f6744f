"""A believable, deterministic county of volunteers for the demo and for benchmarks.

Bulk inserts throughout (never one save per person), so 100,000 people seed in minutes.
"""

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from volunteers.catalogue import SchemeSlug

from .dates import anniversary
from .models import (
    Course,
    District,
    DiversityProfile,
    Membership,
    Scheme,
    TrainingRecord,
    User,
    Vetting,
    Volunteer,
)
from .models.diversity import (
    Ethnicity,
    MaritalStatus,
    Religion,
    Sex,
    SexualOrientation,
    YesNo,
)
from .permissions import OPCC_STAFF_GROUP
from .plugins import Registry
from .roles import DIVERSITY_READERS_GROUP

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed for the local demo on purpose
DEMO_DOMAIN = "demo.cip.example"
PEOPLE_DOMAIN = "people.demo.cip.example"
BATCH = 5000

FIRST_NAMES = [
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Siân",
    "Zoë",
    "Aoife",
    "Priya",
    "Aisha",
    "Fatima",
    "Grace",
    "Chloe",
    "Emily",
    "Hannah",
    "Ewa",
    "Niamh",
    "Maya",
    "Ruby",
    "Leah",
    "Joanne",
    "Oliver",
    "George",
    "Harry",
    "Noah",
    "Jack",
    "Mohammed",
    "Arjun",
    "Kwame",
    "Tomasz",
    "Rhys",
    "Dylan",
    "Liam",
    "Ethan",
    "Samuel",
    "Daniel",
    "Joseph",
    "Yusuf",
    "Ravi",
    "Chen",
    "Sean",
]
LAST_NAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Khan",
    "O'Brien",
    "Murphy",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Ahmed",
    "Begum",
    "Singh",
    "Kowalski",
    "Nowak",
    "Okafor",
    "Mensah",
    "Campbell",
    "Stewart",
    "Lewis-Jones",
    "Ali",
    "Hussain",
    "Shah",
    "Turner",
    "Cooper",
    "King",
    "Baker",
]
NICKNAMES = {
    "Samuel": "Sam",
    "Joseph": "Joe",
    "Daniel": "Dan",
    "Mohammed": "Mo",
    "Oliver": "Ollie",
    "Joanne": "Jo",
    "Olivia": "Liv",
}
Status = Membership.Status
# (district slug, postcode districts, towns)
PLACES = [
    ("broxbourne", ["EN10", "EN11", "EN8"], ["Hoddesdon", "Cheshunt", "Broxbourne"]),
    ("dacorum", ["HP1", "HP2", "HP4"], ["Hemel Hempstead", "Berkhamsted", "Tring"]),
    ("east-hertfordshire", ["SG12", "SG13", "CM23"], ["Ware", "Hertford", "Bishop's Stortford"]),
    ("hertsmere", ["WD6", "WD7", "EN6"], ["Borehamwood", "Radlett", "Potters Bar"]),
    (
        "north-hertfordshire",
        ["SG4", "SG5", "SG6"],
        ["Hitchin", "Letchworth Garden City", "Royston"],
    ),
    ("st-albans", ["AL1", "AL3", "AL5"], ["St Albans", "Harpenden", "London Colney"]),
    ("stevenage", ["SG1", "SG2"], ["Stevenage"]),
    ("three-rivers", ["WD3", "WD5"], ["Rickmansworth", "Abbots Langley", "Chorleywood"]),
    ("watford", ["WD17", "WD18", "WD24"], ["Watford"]),
    ("welwyn-hatfield", ["AL7", "AL8", "AL10"], ["Welwyn Garden City", "Hatfield"]),
]
STREETS = [
    "High Street",
    "Station Road",
    "Church Lane",
    "Park Avenue",
    "London Road",
    "Victoria Street",
    "Mill Lane",
    "The Crescent",
    "Manor Way",
    "Orchard Close",
]
# How many of every hundred people are in each scheme (people may be in several).
SCHEME_SHARE = {
    SchemeSlug.SPECIAL_CONSTABULARY: 22,
    SchemeSlug.VOLUNTEER_POLICE_CADETS: 18,
    SchemeSlug.POLICE_SUPPORT_VOLUNTEERS: 16,
    SchemeSlug.NEIGHBOURHOOD_WATCH: 14,
    SchemeSlug.INDEPENDENT_CUSTODY_VISITORS: 5,
    SchemeSlug.COMMUNITY_DRIVESAFE: 6,
    SchemeSlug.MINI_POLICE: 6,
    SchemeSlug.STOP_SEARCH_SCRUTINY_PANEL: 4,
    SchemeSlug.DOG_WELFARE: 3,
    SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS: 3,
    SchemeSlug.EMPLOYER_SUPPORTED_POLICING: 3,
}
# Young people of cadet age among every hundred (the cadets are the county's largest
# youth scheme: "over 280 cadets" beside some 300 Specials).
YOUNG_SHARE = 0.16
CADET_AGES = (13, 17)
STATUS_WEIGHTS = [
    (Membership.Status.ACTIVE, 70),
    (Membership.Status.APPLIED, 6),
    (Membership.Status.VETTING, 6),
    (Membership.Status.TRAINING, 6),
    (Membership.Status.PAUSED, 5),
    (Membership.Status.LEFT, 7),
]


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    role: str


def ascii_part(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


class CountyBuilder:
    """Builds the demo county; `random.Random(seed)` makes every run the same."""

    def __init__(self, *, seed: int = 2026, today: date | None = None):
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.districts = {d.slug: d for d in District.objects.all()}
        self.schemes = {s.slug: s for s in Scheme.objects.all()}
        self.courses = list(Course.objects.all())
        self._password_hash: str | None = None

    # -- people ----------------------------------------------------------------------

    def _person(self, index: int, *, age_range=(18, 75), **overrides) -> Volunteer:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        # A name given (a demo sign-in's) is the one everything else is made from: the
        # nickname, the e-mail, the family's surname.
        first, last = overrides.get("first_name", first), overrides.get("last_name", last)
        slug, outwards, towns = rng.choice(PLACES)
        age = rng.randint(*age_range)
        born = self.today - timedelta(days=age * 365 + rng.randint(30, 330))
        letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's inward part uses
        inward = f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        postcode = f"{rng.choice(outwards)} {inward}"
        person = Volunteer(
            first_name=first,
            last_name=last,
            preferred_name=NICKNAMES.get(first, "") if rng.random() < 0.3 else "",
            date_of_birth=born,
            email=f"{ascii_part(first)}.{ascii_part(last)}.{index}@{PEOPLE_DOMAIN}",
            phone=f"07700{rng.randint(900000, 900999)}",
            address_line_1=f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
            town=rng.choice(towns),
            postcode=postcode,
            district=self.districts[slug],
            emergency_contact_name=f"{rng.choice(FIRST_NAMES)} {last}",
            emergency_contact_phone=f"01707{rng.randint(100000, 999999)}",
            emergency_contact_relationship=rng.choice(["Partner", "Parent", "Friend", "Sibling"]),
        )
        if age < 18:
            person.guardian_name = f"{rng.choice(FIRST_NAMES)} {last}"
            person.guardian_phone = f"07700{rng.randint(900000, 900999)}"
        for name, value in overrides.items():
            setattr(person, name, value)
        return person

    def _schemes_for(self, person: Volunteer) -> list[Scheme]:
        age = person.age(self.today)
        chosen = []
        for slug, share in SCHEME_SHARE.items():
            scheme = self.schemes[slug]
            fits = (scheme.min_age or 0) <= age <= (scheme.max_age or 200)
            if fits and self.rng.randint(1, 100) <= share * 2:
                chosen.append(scheme)
        if not chosen:
            fitting = [
                s for s in self.schemes.values() if (s.min_age or 0) <= age <= (s.max_age or 200)
            ]
            chosen.append(self.rng.choice(fitting))
        return chosen[:3]

    def _records_for(self, person: Volunteer, schemes: list[Scheme]):
        rng = self.rng
        memberships, vettings, training = [], [], []
        for scheme in schemes:
            status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
            # People joined at any time in the last ten years (as many in each month, so the
            # dashboard has joiners every month), no earlier than the age the scheme takes.
            old_enough = anniversary(person.date_of_birth, scheme.min_age or 16)
            span = max(1, min(3650, (self.today - old_enough).days))
            joined = left = None
            if status in {Status.ACTIVE, Status.PAUSED, Status.LEFT}:
                joined = max(old_enough, self.today - timedelta(days=rng.randint(1, span)))
                applied = max(old_enough, joined - timedelta(days=rng.randint(30, 120)))
            else:
                applied = max(old_enough, self.today - timedelta(days=rng.randint(5, 150)))
            if status == Status.LEFT:
                served = (self.today - joined).days  # left some time since joining
                left = joined + timedelta(days=rng.randint(min(30, served), served))
            last_change = left or joined or applied
            memberships.append(
                Membership(
                    volunteer=person,
                    scheme=scheme,
                    status=status,
                    applied_on=applied,
                    joined_on=joined,
                    left_on=left,
                    status_changed_at=timezone.make_aware(
                        datetime.combine(last_change, time(rng.randint(9, 17)))
                    ),
                )
            )
        if rng.random() < 0.85:
            granted = self.today - timedelta(days=rng.randint(10, 1800))
            level = rng.choice(
                [Vetting.Level.RV, Vetting.Level.NPPV2, Vetting.Level.NPPV3, Vetting.Level.MV]
            )
            vettings.append(
                Vetting(
                    volunteer=person,
                    level=level,
                    status=Vetting.Status.GRANTED,
                    granted_on=granted,
                    expires_on=granted + timedelta(days=rng.choice([1095, 1825, 1900])),
                    force_reference=f"HC-{rng.randint(100000, 999999)}",
                )
            )
        for course in rng.sample(self.courses, k=rng.randint(0, 3)):
            done = self.today - timedelta(days=rng.randint(5, 1500))
            expires = (
                done + timedelta(days=30 * course.valid_for_months)
                if course.valid_for_months
                else None
            )
            training.append(
                TrainingRecord(
                    volunteer=person, course=course, completed_on=done, expires_on=expires
                )
            )
        return memberships, vettings, training

    def _diversity_for(self, person: Volunteer) -> DiversityProfile | None:
        rng = self.rng
        if rng.random() < 0.3:
            return None

        def pick(choices, weights):
            return rng.choices(list(choices), weights)[0]

        return DiversityProfile(
            volunteer=person,
            sex=pick([Sex.FEMALE, Sex.MALE, Sex.PREFER_NOT, ""], [44, 50, 3, 3]),
            gender_reassignment=pick([YesNo.NO, YesNo.YES, YesNo.PREFER_NOT, ""], [90, 1, 4, 5]),
            disability=pick([YesNo.NO, YesNo.YES, YesNo.PREFER_NOT, ""], [80, 12, 4, 4]),
            ethnicity=pick(
                [
                    Ethnicity.WHITE,
                    Ethnicity.ASIAN,
                    Ethnicity.BLACK,
                    Ethnicity.MIXED,
                    Ethnicity.OTHER,
                    Ethnicity.PREFER_NOT,
                ],
                [78, 9, 5, 4, 1, 3],
            ),
            religion=pick(
                [
                    Religion.NONE,
                    Religion.CHRISTIAN,
                    Religion.MUSLIM,
                    Religion.HINDU,
                    Religion.JEWISH,
                    Religion.SIKH,
                    Religion.PREFER_NOT,
                ],
                [40, 40, 5, 4, 3, 2, 6],
            ),
            sexual_orientation=pick(
                [
                    SexualOrientation.STRAIGHT,
                    SexualOrientation.GAY_LESBIAN,
                    SexualOrientation.BISEXUAL,
                    SexualOrientation.PREFER_NOT,
                ],
                [86, 3, 3, 8],
            ),
            marital_status=pick(
                [
                    MaritalStatus.SINGLE,
                    MaritalStatus.MARRIED,
                    MaritalStatus.DIVORCED,
                    MaritalStatus.PREFER_NOT,
                ],
                [38, 45, 9, 8],
            ),
            pregnancy_maternity=pick([YesNo.NO, YesNo.YES, ""], [92, 2, 6]),
        )

    def add_people(self, count: int, *, progress=None) -> int:
        """Add `count` people with their memberships, vetting, training and answers."""
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            with transaction.atomic():
                people = [
                    self._person(made + i, age_range=CADET_AGES)
                    if self.rng.random() < YOUNG_SHARE
                    else self._person(made + i)
                    for i in range(size)
                ]
                Volunteer.objects.bulk_create(people, batch_size=1000)
                memberships, vettings, training, profiles = [], [], [], []
                for person in people:
                    m, v, t = self._records_for(person, self._schemes_for(person))
                    memberships += m
                    vettings += v
                    training += t
                    if profile := self._diversity_for(person):
                        profiles.append(profile)
                Membership.objects.bulk_create(memberships, batch_size=2000)
                Vetting.objects.bulk_create(vettings, batch_size=2000)
                TrainingRecord.objects.bulk_create(training, batch_size=2000)
                DiversityProfile.objects.bulk_create(profiles, batch_size=2000)
            made += size
            if progress:
                progress(made)
        return made

    # -- demo sign-ins ---------------------------------------------------------------

    def _account(self, email: str, full_name: str, **flags) -> User:
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": full_name, **flags}
        )
        if created:
            # Hashing is slow on purpose; every demo account shares one password, so hash once.
            if self._password_hash is None:
                self._password_hash = make_password(DEMO_PASSWORD)
            user.password = self._password_hash
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def _volunteer_for(self, user: User, index: int, **overrides) -> Volunteer:
        existing = Volunteer.objects.filter(user=user).first()
        if existing:
            return existing
        first, last = user.full_name.split(" ", 1)
        person = self._person(
            index, first_name=first, last_name=last, email=user.email, user=user, **overrides
        )
        person.save()
        return person

    def add_demo_sign_ins(self) -> list[DemoSignIn]:
        sign_ins = []
        admin = self._account(f"admin@{DEMO_DOMAIN}", "Ada Admin", is_staff=True, is_superuser=True)
        sign_ins.append(DemoSignIn(admin.email, "superuser (Django admin)"))

        staff = self._account(f"opcc@{DEMO_DOMAIN}", "Olu Adeyemi", is_staff=True)
        # The production roles (volunteers/roles.py), nothing given by hand.
        staff.groups.add(
            Group.objects.get(name=OPCC_STAFF_GROUP),
            Group.objects.get(name=DIVERSITY_READERS_GROUP),
        )
        sign_ins.append(DemoSignIn(staff.email, "OPCC staff (all schemes, diversity data)"))

        for number, scheme in enumerate(self.schemes.values(), start=1):
            user = self._account(
                f"coordinator.{scheme.slug}@{DEMO_DOMAIN}",
                f"{FIRST_NAMES[number]} {LAST_NAMES[number]}",
            )
            person = self._volunteer_for(user, 900_000 + number)
            Membership.objects.get_or_create(
                volunteer=person,
                scheme=scheme,
                role=Membership.Role.COORDINATOR,
                defaults={"status": Membership.Status.ACTIVE, "joined_on": self.today},
            )
            sign_ins.append(DemoSignIn(user.email, f"coordinator of {scheme.name}"))

        examples = [
            (
                "volunteer",
                "Siân O'Brien",
                [SchemeSlug.SPECIAL_CONSTABULARY, SchemeSlug.POLICE_SUPPORT_VOLUNTEERS],
                30,
            ),
            ("cadet", "Zoë Okafor", [SchemeSlug.VOLUNTEER_POLICE_CADETS], 15),
            (
                "visitor",
                "Arjun Patel",
                [SchemeSlug.INDEPENDENT_CUSTODY_VISITORS, SchemeSlug.DOG_WELFARE],
                52,
            ),
        ]
        for number, (handle, name, slugs, age) in enumerate(examples, start=1):
            user = self._account(f"{handle}@{DEMO_DOMAIN}", name)
            born = self.today - timedelta(days=age * 365 + 40)
            guardian = {"guardian_name": "Grace Okafor", "guardian_phone": "07700900555"}
            person = self._volunteer_for(
                user, 950_000 + number, date_of_birth=born, **(guardian if age < 18 else {})
            )
            for slug in slugs:
                Membership.objects.get_or_create(
                    volunteer=person,
                    scheme=self.schemes[slug],
                    role=Membership.Role.MEMBER,
                    defaults={
                        "status": Membership.Status.ACTIVE,
                        "joined_on": self.today - timedelta(days=400),
                    },
                )
            if not person.vettings.exists():
                Vetting.objects.create(
                    volunteer=person,
                    level=Vetting.Level.NPPV2,
                    status=Vetting.Status.GRANTED,
                    granted_on=self.today - timedelta(days=1070),
                    expires_on=self.today + timedelta(days=25),
                    force_reference="HC-DEMO-1",
                )
            sign_ins.append(DemoSignIn(user.email, f"volunteer ({', '.join(slugs)})"))
        return sign_ins


def demo_account(email: str, full_name: str) -> User:
    """A demo sign-in that is not a volunteer (an employer's contact, a force's inspector),
    with the demo password and a confirmed address."""
    user, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "password": make_password(DEMO_PASSWORD)}
    )
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def settle_after_bulk_load() -> None:
    """After a bulk load on PostgreSQL: fresh statistics, so the planner uses the indexes,
    and a vacuum, so counts can read an index alone (index-only scans need the visibility
    map, which autovacuum fills only in its own time, and not at all where it is off).
    VACUUM cannot run inside a transaction (a test's), so there only ANALYZE runs."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


def people_already_seeded() -> bool:
    return Volunteer.objects.filter(email__endswith=f"@{PEOPLE_DOMAIN}").exists()


# --- Demo steps other apps add ----------------------------------------------------------
# A scheme app's own `demo.py` registers a step (`STEPS.register(DemoStep(...))`); seed_demo
# runs each after the people exist, in the order registered. A step takes a seed and
# returns a line to print, and must be safe to run twice. A step that sums up the others
# (the KPI rollup) asks to run last.
@dataclass(frozen=True)
class DemoStep:
    name: str
    run: Callable[..., str]
    last: bool = False


STEPS: Registry[DemoStep] = Registry("demo steps", key=lambda step: step.name)


def run_steps(*, seed: int, write) -> None:
    for step in sorted(STEPS, key=lambda step: step.last):
        write(f"{step.name}: {step.run(seed=seed)}")


# --- The demo's sign-ins, read back from the database ------------------------------------


def demo_sign_ins() -> list[DemoSignIn]:
    """Every demo account, with what it is, read from what the database says it may do:
    so every persona is listed, whichever app made it (the employer's comes from ESP)."""
    from .models import User

    accounts = (
        User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", is_active=True)
        .prefetch_related("groups", "force_roles__force")
        .order_by("pk")
    )
    return [DemoSignIn(user.email, _what_they_are(user)) for user in accounts]


def _what_they_are(user) -> str:
    from . import permissions
    from .models import Membership

    if user.is_superuser:
        return "superuser (Django admin)"
    groups = {group.name for group in user.groups.all()}
    if OPCC_STAFF_GROUP in groups:
        extra = ", diversity data" if DIVERSITY_READERS_GROUP in groups else ""
        return f"OPCC staff (all schemes{extra})"
    if permissions.is_employer_user(user):
        return "employer (Employer Supported Policing portal)"
    roles = [f"{role.get_role_display().lower()}, {role.force}" for role in user.force_roles.all()]
    if roles:
        return "force staff: " + "; ".join(roles)
    memberships = Membership.objects.current().filter(volunteer__user=user).select_related("scheme")
    coordinated = [str(m.scheme) for m in memberships if m.role == Membership.Role.COORDINATOR]
    if coordinated:
        return "coordinator of " + ", ".join(coordinated)
    schemes = sorted({str(m.scheme) for m in memberships})
    return "volunteer: " + (", ".join(schemes) or "no scheme yet")
