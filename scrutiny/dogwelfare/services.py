"""Dog Welfare's changes: assigning each period's visits, filing a visit (its concerns
go to the force through schemes' follow-up loop), bringing in a dog unit's list of dogs,
and recording the six-monthly meetings."""

from collections import Counter
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from schemes.services import followups
from volunteers import catalogue, outbox, spreadsheets
from volunteers.models import Membership

from . import emails
from .checklist import DOG_CHECKLIST
from .models import Assignment, Dog, DogImport, DogIssue, DogUnit, DogVisit, Meeting
from .periods import next_period, period_end, period_label, period_of
from .permissions import DOG_WELFARE

# Days the force has to answer a concern, and a serious one.
RESPONSE_DAYS = 14
SERIOUS_RESPONSE_DAYS = 2

PHONE_FIRST = (
    "A serious concern: phone the Dog Unit Manager now on {phone}, then tick that you did."
)
PHONE_THE_UNIT = (
    "A serious concern: phone the Dog Unit Manager now (the dog unit's base has the number), "
    "then tick that you did."
)
SERIOUS_SAYS_WHAT = (
    "Say what the serious concern is: mark the check it is about as a concern, with a note."
)
OUTSIDE_THE_PERIOD = "This visit is for {period}: give the day you visited in that time."
NO_VISITORS = "There are no Dog Welfare visitors to assign visits to."
NOT_YET = "The visit cannot be on a day still to come."
VISITED_ALREADY = "This dog has been visited this period already."
NOT_A_VISITOR = "Choose an active Dog Welfare visitor."
SAME_TWICE = "Choose two different visitors, or no partner."


def visitors_now():
    return (
        catalogue.members_of(DOG_WELFARE)
        .filter(status=Membership.Status.ACTIVE)
        .select_related("volunteer")
        .order_by("volunteer__last_name", "volunteer__first_name", "pk")
    )


@transaction.atomic
def assign_period(*, actor, period: date, today: date | None = None) -> int:
    """Give every working dog without one a visit to make in the period, sharing them
    out: fewest visits first, with a partner where the dog's force wants pairs. Returns
    how many were assigned; assigning again adds only the dogs still without one."""
    period = period_of(period)
    people = [m.volunteer for m in visitors_now()]
    if not people:
        raise ValidationError(NO_VISITORS)
    load = Counter()
    for visitor_id, partner_id in Assignment.objects.filter(period=period).values_list(
        "visitor_id", "partner_id"
    ):
        load[visitor_id] += 1
        if partner_id:
            load[partner_id] += 1
    dogs = (
        Dog.objects.working()
        .exclude(assignments__period=period)
        .select_related("unit")
        .order_by("force__short_name", "unit__name", "name", "pk")
    )
    made = []
    for dog in dogs:
        ranked = sorted(people, key=lambda p: (load[p.pk], p.last_name, p.pk))
        visitor = ranked[0]
        partner = ranked[1] if dog.unit.visits_in_pairs and len(ranked) > 1 else None
        for person in (visitor, partner):
            if person is not None:
                load[person.pk] += 1
        made.append(
            Assignment(
                dog=dog,
                period=period,
                visitor=visitor,
                partner=partner,
                due_by=period_end(period),
                assigned_by=actor,
            )
        )
    # A second press at the same moment: the database keeps one assignment a dog a period.
    Assignment.objects.bulk_create(made, ignore_conflicts=True)
    return len(made)


@transaction.atomic
def assign_dog(*, actor, dog: Dog, visitor, partner=None, today: date | None = None) -> Assignment:
    """Give (or hand on) this period's visit to a dog: to another visitor when the one
    assigned cannot go, or to a dog that has none."""
    period = period_of(today or timezone.localdate())
    if DogVisit.objects.filter(assignment__dog=dog, assignment__period=period).exists():
        raise ValidationError(VISITED_ALREADY)
    people = [p for p in (visitor, partner) if p is not None]
    active = set(visitors_now().values_list("volunteer_id", flat=True))
    if any(p.pk not in active for p in people):
        raise ValidationError({"visitor": NOT_A_VISITOR})
    if partner is not None and partner.pk == visitor.pk:
        raise ValidationError({"partner": SAME_TWICE})
    assignment, _ = Assignment.objects.update_or_create(
        dog=dog,
        period=period,
        defaults={
            "visitor": visitor,
            "partner": partner,
            "due_by": period_end(period),
            "assigned_by": actor,
        },
    )
    return assignment


def periods_to_assign(today: date) -> list[date]:
    """This period (for dogs still without a visit to make) and the next."""
    this = period_of(today)
    return [this, next_period(this)]


def submit_visit(
    *,
    visitor,
    assignment: Assignment,
    submission_key,
    details: dict,
    answers: dict,
    today: date | None = None,
) -> tuple[DogVisit, bool]:
    """File the visit's report; (visit, made now). Sent again (a double tap, a retry), or
    after the partner filed it, it makes nothing new."""
    today = today or timezone.localdate()
    filed = DogVisit.objects.filter(
        Q(submission_key=submission_key) | Q(assignment=assignment)
    ).first()
    if filed:
        return filed, False
    if details["visited_on"] > today:
        raise ValidationError({"visited_on": NOT_YET})
    if not assignment.period <= details["visited_on"] <= period_end(assignment.period):
        raise ValidationError(
            {"visited_on": OUTSIDE_THE_PERIOD.format(period=period_label(assignment.period))}
        )
    serious = details.get("is_serious", False)
    if serious and not DOG_CHECKLIST.concerns(answers):
        raise ValidationError({"is_serious": SERIOUS_SAYS_WHAT})
    if serious and not details.get("phoned_manager"):
        phone = assignment.dog.unit.manager_phone
        raise ValidationError(
            {"phoned_manager": PHONE_FIRST.format(phone=phone) if phone else PHONE_THE_UNIT}
        )
    partner = assignment.partner if assignment.visitor_id == visitor.pk else assignment.visitor
    try:
        with transaction.atomic():
            visit = DogVisit.objects.create(
                dog=assignment.dog,
                assignment=assignment,
                visited_on=details["visited_on"],
                visitor=visitor,
                partner=partner,
                kennel_seen=details["kennel_seen"],
                checks=answers,
                notes=details.get("notes", ""),
                is_serious=serious,
                phoned_manager_at=timezone.now() if serious else None,
                submission_key=submission_key,
                submitted_at=timezone.now(),
            )
            followups.raise_follow_ups(
                model=DogIssue,
                checklist=DOG_CHECKLIST,
                answers=answers,
                due_in_days=SERIOUS_RESPONSE_DAYS if serious else RESPONSE_DAYS,
                visit=visit,
            )
    except IntegrityError:
        return DogVisit.objects.get(
            Q(submission_key=submission_key) | Q(assignment=assignment)
        ), False
    return visit, True


@transaction.atomic
def record_meeting(*, actor, held_on: date, attendees: str, minutes: str, actions: str) -> Meeting:
    meeting = Meeting.objects.create(
        held_on=held_on,
        attendees=attendees.strip(),
        minutes=minutes.strip(),
        actions=actions.strip(),
        recorded_by=actor,
    )
    outbox.queue(*emails.meeting_minutes(meeting, [m.volunteer for m in visitors_now()]))
    return meeting


# --- Bringing in a dog unit's list ---------------------------------------------------

MAX_DOGS = 2000
COLUMNS = [
    ("name", "Name", True),
    ("collar_number", "Handler's collar number", True),
    ("unit", "Unit", True),
    ("breed", "Breed", True),
    ("born_on", "Date of birth", False),
    ("role", "Role", True),
    ("kennelled", "Kennelled", True),
    ("retired_on", "Retired on", False),
]
ALIASES = {
    "dog": "name",
    "dog_name": "name",
    "collar": "collar_number",
    "handler_collar_number": "collar_number",
    "handler_s_collar_number": "collar_number",
    "handler": "collar_number",
    "dob": "born_on",
    "date_of_birth": "born_on",
    "kennel": "kennelled",
    "kennelled_at": "kennelled",
    "retired": "retired_on",
}
NEEDED = "{heading} is empty."
NOT_A_DATE = "{heading} “{value}” is not a date: write it like 21/03/2021."
NO_SUCH = "{heading} “{value}” is not one we know: use one of {choices}."
LOOKS_LIKE_A_NAME = (
    "Handler's collar number “{value}” has letters in it: give the collar number only, "
    "never the handler's name."
)
TWICE = "Row {row} has this dog already."


def register_key(name: str, collar_number: str) -> tuple[str, str]:
    """How a dog in a unit's list is matched with one on the register: its name and its
    handler's collar number, whatever their case or spacing."""
    return (" ".join(name.split()).lower(), "".join(collar_number.split()).upper())


def on_the_register(force) -> dict[tuple[str, str], Dog]:
    return {register_key(d.name, d.collar_number): d for d in Dog.objects.filter(force=force)}


def read_dogs(name: str, content: bytes):
    return spreadsheets.read_table(
        name,
        content,
        columns=COLUMNS,
        aliases=ALIASES,
        most=MAX_DOGS,
        empty="The file has no rows of dogs under its headings.",
    )


def _check_row(row, *, units, seen, number, today) -> tuple[dict, list[str]]:
    problems, clean = [], {}
    headings = {name: heading for name, heading, _ in COLUMNS}
    for name, heading, needed in COLUMNS:
        if needed and not row.get(name):
            problems.append(NEEDED.format(heading=heading))
    clean["name"] = " ".join(row.get("name", "").split())
    collar = "".join(row.get("collar_number", "").split()).upper()
    if collar and sum(c.isalpha() for c in collar) > 2:
        problems.append(LOOKS_LIKE_A_NAME.format(value=collar))
    clean["collar_number"] = collar
    clean["breed"] = row.get("breed", "").strip()
    for name, options in (("role", Dog.Role.choices), ("kennelled", Dog.Kennel.choices)):
        text = row.get(name, "").strip().lower()
        if text:
            value = spreadsheets.choices_written(options).get(text) or spreadsheets.choices_written(
                options
            ).get(text.replace(" ", ""))
            if value is None:
                shown = ", ".join(label for _, label in options)
                problems.append(
                    NO_SUCH.format(heading=headings[name], value=row[name], choices=shown)
                )
            clean[name] = value
    unit_text = row.get("unit", "").strip().lower()
    if unit_text:
        clean["unit"] = units.get(unit_text)
        if clean["unit"] is None:
            shown = ", ".join(sorted(u.name for u in set(units.values())))
            problems.append(NO_SUCH.format(heading="Unit", value=row["unit"], choices=shown))
    for name in ("born_on", "retired_on"):
        text = row.get(name, "").strip()
        clean[name] = spreadsheets.parse_date(text) if text else None
        if text and (clean[name] is None or clean[name] > today):
            problems.append(NOT_A_DATE.format(heading=headings[name], value=text))
    key = register_key(clean["name"], collar)
    if key in seen:
        problems.append(TWICE.format(row=seen[key]))
    seen.setdefault(key, number)
    return clean, problems


def _checked(rows, force, today):
    units = {}
    for unit in DogUnit.objects.filter(force=force):
        units[unit.name.lower()] = unit
    seen, checked, problems = {}, [], []
    for number, row in enumerate(rows, start=2):  # the sheet's row 2 is the first
        clean, found = _check_row(row, units=units, seen=seen, number=number, today=today)
        checked.append(clean)
        if found:
            problems.append([number, found])
    return checked, problems


def check_dogs(*, actor, force, file_name: str, content: bytes, today=None) -> DogImport:
    rows, file_problems = read_dogs(file_name, content)
    _, problems = _checked(rows, force, today or timezone.localdate())
    return DogImport.objects.create(
        force=force,
        uploaded_by=actor,
        file_name=file_name,
        rows=rows if not file_problems else [],
        problems=problems,
        file_problems=file_problems,
        status=DogImport.Status.PROBLEMS if problems or file_problems else DogImport.Status.CHECKED,
    )


def preview(dog_import: DogImport, *, rows: int = 20) -> tuple[list[dict], int]:
    """The list's first rows, each saying whether the dog is on the register already, and
    how many of all its rows are."""
    known = on_the_register(dog_import.force)
    marked = [
        {**row, "known": register_key(row.get("name", ""), row.get("collar_number", "")) in known}
        for row in dog_import.rows
    ]
    return marked[:rows], sum(row["known"] for row in marked)


@transaction.atomic
def bring_in_dogs(*, dog_import: DogImport, today=None) -> DogImport:
    """Write a checked list: dogs new to the register are added, those already there (the
    same name and handler's collar number in the force) are brought up to date."""
    dog_import = DogImport.objects.select_for_update().get(pk=dog_import.pk)
    if dog_import.status != DogImport.Status.CHECKED:
        return dog_import
    checked, problems = _checked(dog_import.rows, dog_import.force, today or timezone.localdate())
    if problems:
        raise ValidationError("The file has problems: upload it again once they are fixed.")
    added = updated = 0
    known = on_the_register(dog_import.force)
    for clean in checked:
        retired_on = clean.pop("retired_on")
        values = {**clean, "retired_on": retired_on, "is_retired": retired_on is not None}
        dog = known.get(register_key(clean["name"], clean["collar_number"]))
        if dog is None:
            Dog.objects.create(force=dog_import.force, **values)
            added += 1
        else:  # the register's own spelling of its name and number stays
            for name, value in values.items():
                if name not in ("name", "collar_number"):
                    setattr(dog, name, value)
            dog.save()
            updated += 1
    dog_import.status, dog_import.added, dog_import.updated = DogImport.Status.DONE, added, updated
    dog_import.save()
    return dog_import
