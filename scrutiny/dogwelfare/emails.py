"""Messages about Dog Welfare visits: a visit due soon, and a meeting's minutes."""

from volunteers import dates, outbox
from volunteers.formats import long_date
from volunteers.permissions import coordinated_scheme_ids

DOG_VISIT_DUE = outbox.kind("dog_visit_due", "A dog welfare visit assigned to you is due soon")
DOGS_OVERDUE = outbox.kind(
    "dogs_overdue",
    "Police dogs not visited for six months (weekly)",
    always_because="every dog is to be visited each six months.",
    reaches=lambda user: bool(coordinated_scheme_ids(user)),
)
DOG_MEETING = outbox.kind(
    "dog_meeting", "The minutes of the Dog Welfare scheme's six-monthly meetings"
)


def visit_due(assignment, person) -> outbox.Reminder:
    dog = assignment.dog
    return outbox.Reminder(
        kind=DOG_VISIT_DUE.code,
        subject_ref=f"dog-assignment:{assignment.pk}",
        period=f"v:{person.pk}",
        to=person.email,
        volunteer=person,
        subject=f"Your visit to {dog} is due by {long_date(assignment.due_by)}",
        template="reminder",
        context={
            "lines": [
                f"Your welfare visit to {dog} ({dog.get_role_display().lower()} dog, "
                f"{dog.unit}) is due by {long_date(assignment.due_by)}.",
                "Arrange it with the unit, and file the report from your portal afterwards.",
            ]
        },
    )


def meeting_minutes(meeting, people) -> list[outbox.Reminder]:
    return [
        outbox.Reminder(
            kind=DOG_MEETING.code,
            subject_ref=f"dog-meeting:{meeting.pk}",
            period=f"v:{person.pk}",
            to=person.email,
            volunteer=person,
            subject=f"Minutes of the dog welfare meeting, {long_date(meeting.held_on)}",
            template="reminder",
            context={
                "lines": [
                    meeting.minutes,
                    *([f"Actions: {meeting.actions}"] if meeting.actions else []),
                ]
            },
        )
        for person in people
        if person.email
    ]


def dogs_overdue(person, lines: list[str], today) -> outbox.Reminder:
    return outbox.Reminder(
        kind=DOGS_OVERDUE.code,
        subject_ref=f"volunteer:{person.pk}",
        period=dates.week_of(today),
        to=person.email,
        volunteer=person,
        subject="Police dogs not visited for six months",
        template="reminder",
        context={
            "lines": [
                "These forces have working dogs not visited for over six months:",
                *lines,
                "The coverage page lists them, and assigns their visits.",
            ]
        },
    )
