"""Messages about Dog Welfare visits: a visit due soon, and a meeting's minutes."""

from volunteers import outbox
from volunteers.formats import long_date

DOG_VISIT_DUE = outbox.kind("dog_visit_due", "A dog welfare visit assigned to you is due soon")
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
