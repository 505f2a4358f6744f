"""Bringing people in from the spreadsheets schemes run on today.

A CSV or XLSX file of people, one row for each person in a scheme, is read, then checked:
every row's problems are named before anything is written, and a file with any problem
writes nothing (the person fixes the file and uploads it again). A checked file is then
written in one transaction, so either every row goes in or none does.

People are matched by e-mail, so bringing in the same file again changes nothing. A person
already here keeps the details they gave (the import fills only what is missing); their
membership of the file's scheme, and a vetting the file gives, are brought up to date.
Both steps run as Celery tasks (volunteers/tasks.py), reporting progress on the import.
"""

import time
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from . import dates, permissions, spreadsheets
from .models import AuditEvent, District, Membership, PeopleImport, Scheme, Vetting, Volunteer
from .validators import normalise_phone, normalise_postcode, validate_person_name, validate_uk_phone

Status = PeopleImport.Status
MAX_ROWS = 20_000
PROGRESS_EVERY = 500

# The columns, in the template's order: (name, heading, needed).
COLUMNS = [
    ("first_name", "First name", True),
    ("last_name", "Last name", True),
    ("email", "E-mail", True),
    ("date_of_birth", "Date of birth", True),
    ("phone", "Phone", False),
    ("town", "Town", False),
    ("postcode", "Postcode", False),
    ("district", "District", False),
    ("scheme", "Scheme", True),
    ("role", "Role", False),
    ("status", "Status", False),
    ("joined_on", "Joined on", False),
    ("left_on", "Left on", False),
    ("guardian_name", "Parent or guardian", False),
    ("guardian_email", "Parent or guardian's e-mail", False),
    ("vetting_level", "Vetting level", False),
    ("vetting_granted_on", "Vetting granted on", False),
    ("vetting_expires_on", "Vetting expires on", False),
]
HEADINGS = dict((name, heading) for name, heading, _ in COLUMNS)
# The template's example row, in the columns' order.
EXAMPLE = [
    "Priya",
    "Shah",
    "priya.shah@example.org",
    "21/03/1985",
    "07700 900123",
    "Hatfield",
    "AL10 9AB",
    "Welwyn Hatfield",
    "Police Support Volunteers",
    "Member",
    "Active",
    "01/06/2022",
    "",
    "",
    "",
    "NPPV2",
    "15/05/2022",
    "15/05/2027",
]
# Other headings spreadsheets use for the same columns.
ALIASES = {
    "forename": "first_name",
    "given_name": "first_name",
    "surname": "last_name",
    "family_name": "last_name",
    "email_address": "email",
    "e_mail": "email",
    "e_mail_address": "email",
    "dob": "date_of_birth",
    "birth_date": "date_of_birth",
    "telephone": "phone",
    "mobile": "phone",
    "phone_number": "phone",
    "town_or_city": "town",
    "joined": "joined_on",
    "join_date": "joined_on",
    "date_joined": "joined_on",
    "left": "left_on",
    "leaving_date": "left_on",
    "guardian": "guardian_name",
    "parent_or_guardian": "guardian_name",
    "guardian_e_mail": "guardian_email",
    "parent_or_guardian_s_e_mail": "guardian_email",
    "vetting": "vetting_level",
    "vetting_granted": "vetting_granted_on",
    "vetting_expiry": "vetting_expires_on",
    "vetting_expires": "vetting_expires_on",
}
UNREADABLE = spreadsheets.UNREADABLE
EMPTY = "The file has no rows of people under its headings."
TOO_MANY = spreadsheets.TOO_MANY.format(most=MAX_ROWS)
MISSING_COLUMNS = spreadsheets.MISSING_COLUMNS
NEEDED = "{heading} is empty."
NOT_A_DATE = "{heading} “{value}” is not a date: write it like 21/03/1985."
NOT_YOURS = "You do not run {scheme}: ask OPCC staff to bring this row in."
NO_SUCH = "{heading} “{value}” is not one we know: use one of {choices}."
JOINED_NEEDED = "Joined on is needed for someone who is {status}: the reports count from it."
LEFT_ONLY = "Left on is only for someone whose status is Left."
COORDINATORS = "Coordinators are given their role on the person's page, not by import."
VETTING_EXPIRY = "Vetting expires on is needed with a vetting level."
VETTING_ORDER = "Vetting expires on must come after the day it was granted ({granted})."
SAME_PLACE = "Row {row} already has this person in this scheme."
OTHER_DETAILS = "Row {row} gives this e-mail a different name or date of birth."
TWO_PEOPLE = "Two people here already have this e-mail: bring this row in by hand."
THE_EXAMPLE = "This is the template's example row: delete it, and put your own people in."
NOT_IN_VIEW = (
    "Someone here already has this e-mail and is not in a scheme you run: ask OPCC staff "
    "to bring this row in."
)
SOMEONE_ELSE = (
    "The person here with this e-mail has another name or date of birth: check the row, or "
    "change their record by hand."
)
VETTING_BY_STAFF = "Only OPCC staff record vetting: leave the vetting columns empty."
GUARDIAN_NEEDED = (
    "Someone under 18 needs a parent or guardian: give their name and e-mail in the "
    "guardian columns."
)


def normal_heading(text) -> str:
    return spreadsheets.normal_heading(text, ALIASES)


def read_file(name: str, content: bytes) -> tuple[list[dict[str, str]], list[str]]:
    """The file's rows as {column: text}, and what is wrong with the file as a whole."""
    return spreadsheets.read_table(
        name, content, columns=COLUMNS, aliases=ALIASES, most=MAX_ROWS, empty=EMPTY
    )


parse_date = spreadsheets.parse_date
_choices = spreadsheets.choices_written


@dataclass
class _Lookups:
    """What every row is checked against, read once."""

    today: date
    schemes: dict[str, Scheme]
    allowed: set[int]
    records_vetting: bool
    yours: str  # the names of the schemes this person runs, to say in a problem
    districts: dict[str, District]
    statuses: dict[str, str] = field(default_factory=lambda: _choices(Membership.Status.choices))
    roles: dict[str, str] = field(
        default_factory=lambda: _choices(
            [(Membership.Role.MEMBER, "Member"), (Membership.Role.LEADER, "Leader")]
        )
    )
    levels: dict[str, str] = field(default_factory=lambda: _choices(Vetting.Level.choices))

    @classmethod
    def for_user(cls, user) -> "_Lookups":
        schemes = {}
        for scheme in Scheme.objects.all():
            schemes[scheme.slug.lower()] = scheme
            schemes[scheme.name.lower()] = scheme
        districts = {}
        for district in District.objects.all():
            districts[district.slug.lower()] = district
            districts[district.name.lower()] = district
        allowed = set(permissions.schemes_run_by(user).values_list("pk", flat=True))
        yours = ", ".join(sorted({s.name for s in schemes.values() if s.pk in allowed}))
        return cls(
            timezone.localdate(),
            schemes,
            allowed,
            permissions.is_opcc_staff(user),
            yours,
            districts,
        )


def _date(row, name, problems, *, latest: date) -> date | None:
    text = row.get(name, "")
    if not text:
        return None
    value = parse_date(text)
    if value is None or not dates.EARLIEST <= value <= latest:
        problems.append(NOT_A_DATE.format(heading=HEADINGS[name], value=text))
        return None
    return value


def _pick(row, name, options: dict[str, str], problems, shown: str):
    text = row.get(name, "")
    if not text:
        return None
    value = options.get(text.lower()) or options.get(text.lower().replace(" ", ""))
    if value is None:
        problems.append(NO_SUCH.format(heading=HEADINGS[name], value=text, choices=shown))
    return value


def check_row(row: dict[str, str], look: _Lookups) -> tuple[dict, list[str]]:
    """One row made ready to write, and its problems in words the uploader can act on."""
    problems: list[str] = []
    for name, heading, needed in COLUMNS:
        if needed and not row.get(name):
            problems.append(NEEDED.format(heading=heading))
    clean: dict = {}
    for name in ("first_name", "last_name"):
        clean[name] = row.get(name, "")[:80]
        try:
            validate_person_name(clean[name])
        except ValidationError as error:
            problems.append(f"{HEADINGS[name]}: {error.messages[0]}")
    clean["email"] = row.get("email", "").lower()
    if clean["email"] == EXAMPLE[2].lower():
        problems.append(THE_EXAMPLE)
    if clean["email"]:
        try:
            validate_email(clean["email"])
        except ValidationError:
            problems.append(f"E-mail “{clean['email']}” is not an e-mail address.")
    clean["date_of_birth"] = _date(row, "date_of_birth", problems, latest=look.today)
    clean["phone"] = normalise_phone(row.get("phone", ""))
    try:
        validate_uk_phone(clean["phone"])
    except ValidationError as error:
        problems.append(f"Phone: {error.messages[0]}")
    clean["guardian_name"] = row.get("guardian_name", "")[:120]
    clean["guardian_email"] = row.get("guardian_email", "").lower()[:254]
    if clean["guardian_email"]:
        try:
            validate_email(clean["guardian_email"])
        except ValidationError:
            problems.append(
                f"Parent or guardian's e-mail “{clean['guardian_email']}” is not an e-mail address."
            )
    born = clean["date_of_birth"]
    under_18 = born is not None and born > dates.years_before(look.today, 18)
    if under_18 and not (clean["guardian_name"] and clean["guardian_email"]):
        problems.append(GUARDIAN_NEEDED)
    clean["town"] = row.get("town", "")[:80]
    clean["postcode"] = ""
    if row.get("postcode"):
        try:
            clean["postcode"] = normalise_postcode(row["postcode"])
        except ValidationError as error:
            problems.append(f"Postcode: {error.messages[0]}")
    district = row.get("district", "")
    clean["district"] = look.districts.get(district.lower()) if district else None
    if district and clean["district"] is None:
        problems.append(
            NO_SUCH.format(heading="District", value=district, choices="the county's districts")
        )
    scheme_text = row.get("scheme", "")
    clean["scheme"] = look.schemes.get(scheme_text.lower()) if scheme_text else None
    if scheme_text and clean["scheme"] is None:
        problems.append(NO_SUCH.format(heading="Scheme", value=scheme_text, choices=look.yours))
    elif clean["scheme"] is not None and clean["scheme"].pk not in look.allowed:
        problems.append(NOT_YOURS.format(scheme=clean["scheme"].name))
    if row.get("role", "").lower() == Membership.Role.COORDINATOR:
        problems.append(COORDINATORS)
        clean["role"] = None
    else:
        clean["role"] = _pick(row, "role", look.roles, problems, "Member or Leader")
    clean["role"] = clean["role"] or Membership.Role.MEMBER
    statuses = ", ".join(label for _, label in Membership.Status.choices)
    picked = _pick(row, "status", look.statuses, problems, statuses)
    status = picked or Membership.Status.ACTIVE
    clean["status"] = status
    clean["joined_on"] = _date(row, "joined_on", problems, latest=look.today)
    clean["left_on"] = _date(row, "left_on", problems, latest=look.today)
    counted = {Membership.Status.ACTIVE, Membership.Status.PAUSED, Membership.Status.LEFT}
    status_known = picked is not None or not row.get("status")
    if status_known and status in counted and not row.get("joined_on"):
        problems.append(JOINED_NEEDED.format(status=Membership.Status(status).label.lower()))
    if clean["left_on"] and status != Membership.Status.LEFT:
        problems.append(LEFT_ONLY)
    if row.get("vetting_level") and not look.records_vetting:
        problems.append(VETTING_BY_STAFF)
    levels = "RV, MV, NPPV1, NPPV2 or NPPV3"
    clean["vetting_level"] = _pick(row, "vetting_level", look.levels, problems, levels)
    clean["vetting_granted_on"] = _date(row, "vetting_granted_on", problems, latest=look.today)
    clean["vetting_expires_on"] = _date(
        row, "vetting_expires_on", problems, latest=dates.latest_sensible(look.today)
    )
    if clean["vetting_level"]:
        expires = clean["vetting_expires_on"]
        granted = clean["vetting_granted_on"] or clean["joined_on"] or look.today
        clean["vetting_granted_on"] = granted
        if expires is None and not row.get("vetting_expires_on"):
            problems.append(VETTING_EXPIRY)
        elif expires is not None and expires <= granted:
            problems.append(VETTING_ORDER.format(granted=granted.strftime("%d/%m/%Y")))
    return clean, problems


def _existing_people(emails, *, among=None) -> dict[str, list[Volunteer]]:
    """{e-mail: the people here with it, whatever its case}, from `among` (everyone)."""
    people = (among if among is not None else Volunteer.objects.all()).annotate(
        address=Lower("email")
    )
    found: dict[str, list[Volunteer]] = {}
    emails = sorted(emails)
    for start in range(0, len(emails), 1000):
        for person in people.filter(address__in=emails[start : start + 1000]):
            found.setdefault(person.address, []).append(person)
    return found


def _accounts_without_records(people: dict[str, Volunteer]) -> dict:
    """{e-mail: user} for the new people who already have an account with that address,
    confirmed, and no person record yet (volunteers.services.claim_record, the other way)."""
    from allauth.account.models import EmailAddress

    found = {}
    emails = sorted(people)
    for start in range(0, len(emails), 1000):
        confirmed = EmailAddress.objects.filter(
            email__in=emails[start : start + 1000], verified=True, user__volunteer__isnull=True
        ).select_related("user")
        for address in confirmed:
            found[address.email.lower()] = address.user
    return found


def _progress(people_import: PeopleImport, done: int) -> None:
    PeopleImport.objects.filter(pk=people_import.pk).update(done=done)


def check(people_import: PeopleImport, *, actor) -> list[tuple[int, dict]]:
    """Check every row; record the problems (or that it is ready) on the import. Returns
    the rows made ready, with their row numbers in the sheet."""
    ready, problems = _checked_rows(people_import, actor)  # counts `matched` as it goes
    people_import.problems = problems
    people_import.done = len(people_import.rows)
    people_import.status = Status.PROBLEMS if problems else Status.CHECKED
    if problems:
        people_import.rows = []  # the file's details are not kept once they cannot be used
    people_import.save(update_fields=["problems", "done", "status", "rows", "matched"])
    return ready


def _checked_rows(people_import: PeopleImport, actor) -> tuple[list, list]:
    """(each row made ready with its number, [[number, its problems], ...])."""
    look = _Lookups.for_user(actor)
    ready, problems = [], []
    seen_place: dict[tuple, int] = {}
    seen_person: dict[str, tuple[int, tuple]] = {}
    for index, row in enumerate(people_import.rows):
        number = index + 2  # the sheet's own row number: its headings are row 1
        clean, found = check_row(row, look)
        email = clean["email"]
        if email and clean["scheme"] is not None:
            place = (email, clean["scheme"].pk, clean["role"])
            if place in seen_place:
                found.append(SAME_PLACE.format(row=seen_place[place]))
            seen_place.setdefault(place, number)
        details = (clean["first_name"].lower(), clean["last_name"].lower(), clean["date_of_birth"])
        if email in seen_person and seen_person[email][1] != details:
            found.append(OTHER_DETAILS.format(row=seen_person[email][0]))
        seen_person.setdefault(email, (number, details))
        if found:
            problems.append([number, found])
        ready.append((number, clean))
        if (index + 1) % PROGRESS_EVERY == 0:
            _progress(people_import, index + 1)
    existing = _existing_people(seen_person)
    people_import.matched = sum(1 for _, clean in ready if clean["email"] in existing)
    in_view = {
        person.pk
        for people in _existing_people(existing, among=Volunteer.objects.visible_to(actor)).values()
        for person in people
    }
    by_number = {number: found for number, found in problems}
    who = {}
    for number, clean in ready:
        who[number] = " ".join(filter(None, [clean["first_name"], clean["last_name"]]))
        found = _against_the_records(clean, existing.get(clean["email"], []), in_view)
        if found:
            by_number.setdefault(number, []).extend(found)
    # [row number, its problems, whose row it is (the names as typed)]
    return ready, [[n, by_number[n], who.get(n, "")] for n in sorted(by_number)]


def _against_the_records(clean: dict, people: list[Volunteer], in_view: set[int]) -> list[str]:
    """What is wrong with a row given who already has its e-mail here: no one is drawn into
    a scheme by someone who cannot see them, nor taken for someone else."""
    if len(people) > 1:
        return [TWO_PEOPLE]
    if not people:
        return []
    person = people[0]
    if person.pk not in in_view:
        return [NOT_IN_VIEW]
    same = (
        person.first_name.lower() == clean["first_name"].lower()
        and person.last_name.lower() == clean["last_name"].lower()
        and person.date_of_birth == clean["date_of_birth"]
    )
    return [] if same else [SOMEONE_ELSE]


PERSON_FILLED = ["phone", "town", "postcode", "district", "guardian_name", "guardian_email"]


def _audit(actor, person, record, action, summary) -> AuditEvent:
    return AuditEvent(
        actor=actor,
        volunteer=person,
        volunteer_label=str(person),
        scheme=record.scheme.slug if isinstance(record, Membership) else "",
        action=action,
        record_type=record._meta.verbose_name,
        record_id=str(record.pk),
        summary=summary[:300],
    )


@transaction.atomic
def _write_rows(people_import: PeopleImport, ready, actor) -> list[list]:
    now = timezone.now()
    existing = {
        e: people[0] for e, people in _existing_people({c["email"] for _, c in ready}).items()
    }
    new_people: dict[str, Volunteer] = {}
    filled: dict[str, list[str]] = {}
    for _, clean in ready:
        email = clean["email"]
        person = existing.get(email)
        if person is None and email not in new_people:
            new_people[email] = Volunteer(
                first_name=clean["first_name"],
                last_name=clean["last_name"],
                email=email,
                date_of_birth=clean["date_of_birth"],
                **{
                    name: clean[name] or ("" if name != "district" else None)
                    for name in PERSON_FILLED
                },
            )
        elif person is not None:
            for name in PERSON_FILLED:
                if clean[name] and not getattr(person, name) and name not in filled.get(email, []):
                    setattr(person, name, clean[name])
                    filled.setdefault(email, []).append(name)
    for email, user in _accounts_without_records(new_people).items():
        new_people[email].user = user  # they signed up before staff brought them in
    Volunteer.objects.bulk_create(new_people.values(), batch_size=1000)
    changed_people = [existing[email] for email in filled]
    Volunteer.objects.bulk_update(changed_people, PERSON_FILLED, batch_size=1000)
    people = {**existing, **new_people}
    ids = [p.pk for p in people.values()]
    memberships = {}
    vettings = set()
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        for m in Membership.objects.filter(volunteer_id__in=chunk):
            memberships[(m.volunteer_id, m.scheme_id, m.role)] = m
        vettings |= set(
            Vetting.objects.filter(volunteer_id__in=chunk).values_list(
                "volunteer_id", "level", "expires_on"
            )
        )
    new_memberships, changed_memberships, new_vettings, outcomes, audit = [], [], [], [], []
    for number, clean in ready:
        person = people[clean["email"]]
        scheme, role = clean["scheme"], clean["role"]
        wanted = {
            "status": clean["status"],
            "joined_on": clean["joined_on"],
            "left_on": clean["left_on"] if clean["status"] == Membership.Status.LEFT else None,
        }
        membership = memberships.get((person.pk, scheme.pk, role))
        changes = []
        if membership is None:
            membership = Membership(
                volunteer=person,
                scheme=scheme,
                role=role,
                applied_on=clean["joined_on"] or now.date(),
                status_changed_at=now,
                status_changed_by=actor,
                status_reason=f"Brought in from {people_import.file_name}"[:200],
                **wanted,
            )
            new_memberships.append(membership)
            memberships[(person.pk, scheme.pk, role)] = membership
            changes.append(f"{scheme.name}: {membership.get_status_display().lower()}")
        else:
            differs = [k for k, v in wanted.items() if getattr(membership, k) != v]
            if differs:
                for key in differs:
                    setattr(membership, key, wanted[key])
                membership.status_changed_at = now
                membership.status_changed_by = actor
                changed_memberships.append(membership)
                changes.append(f"{scheme.name}: " + ", ".join(k.replace("_", " ") for k in differs))
        level, expires = clean["vetting_level"], clean["vetting_expires_on"]
        if level and (person.pk, level, expires) not in vettings:
            new_vettings.append(
                Vetting(
                    volunteer=person,
                    level=level,
                    status=Vetting.Status.GRANTED,
                    granted_on=clean["vetting_granted_on"],
                    expires_on=expires,
                    force_reference="Brought in from a spreadsheet",
                )
            )
            vettings.add((person.pk, level, expires))
            changes.append(f"vetting {level} to {expires:%d/%m/%Y}")
        if clean["email"] in filled:
            changes.append("filled in " + ", ".join(filled.pop(clean["email"])))
        if clean["email"] in new_people and not any(o[1] == clean["email"] for o in outcomes):
            outcome = "created"
        else:
            outcome = "updated" if changes else "unchanged"
        outcomes.append([number, clean["email"], outcome, "; ".join(changes)])
        if changes:
            action = (
                AuditEvent.Action.CREATED if outcome == "created" else AuditEvent.Action.CHANGED
            )
            audit.append((person, membership, action, "; ".join(changes)))
    Membership.objects.bulk_create(new_memberships, batch_size=1000)
    Membership.objects.bulk_update(
        changed_memberships,
        ["status", "joined_on", "left_on", "status_changed_at", "status_changed_by"],
        batch_size=1000,
    )
    Vetting.objects.bulk_create(new_vettings, batch_size=1000)
    AuditEvent.objects.bulk_create(
        [
            _audit(
                actor, person, record, action, f"Brought in from {people_import.file_name}: {what}"
            )
            for person, record, action, what in audit
        ],
        batch_size=1000,
    )
    return outcomes


def write(people_import: PeopleImport, *, actor) -> PeopleImport:
    """Check the rows again (the records may have changed since), then write them all in
    one transaction, recording each row's outcome. Only an import being brought in is
    written, once: run again (a task delivered twice), it changes nothing."""
    started = time.monotonic()
    if PeopleImport.objects.filter(pk=people_import.pk, status=Status.WRITING).count() == 0:
        return people_import
    ready, problems = _checked_rows(people_import, actor)
    if problems:  # something changed since the preview: nothing written
        people_import.problems = problems
        people_import.status = Status.PROBLEMS
        people_import.rows = []  # the file's details are not kept once they cannot be used
        people_import.save(update_fields=["problems", "status", "rows"])
        return people_import
    _progress(people_import, people_import.total)
    with transaction.atomic():
        locked = PeopleImport.objects.select_for_update().get(pk=people_import.pk)
        if locked.status != Status.WRITING:
            return locked
        locked.outcomes = _write_rows(locked, ready, actor)
        locked.status = Status.DONE
        locked.rows = []  # what happened to each row stays; the file's details do not
        locked.done = locked.total
        locked.finished_at = timezone.now()
        locked.seconds = round(time.monotonic() - started, 2)
        locked.save()
    return locked
