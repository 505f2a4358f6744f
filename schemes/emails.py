"""Messages about duties and hours, queued in the outbox with the change that causes them.

Each is keyed so that it is queued once: a booking is confirmed once, a place freed once,
a duty's change once per version of the duty, hours sent back once per decision.
"""

from django.utils import timezone

from volunteers import outbox
from volunteers.formats import date_and_time

BOOKINGS = outbox.kind(
    "bookings",
    "Your bookings: confirmed, changed or cancelled",
    always_because="people are counting on you being there.",
)
PLACE_FREED = outbox.kind(
    "place_freed",
    "A place came free from the waiting list",
    always_because="the place is booked for you and people are counting on you.",
)
HOURS_RETURNED = outbox.kind(
    "hours_returned",
    "Hours sent back to you for a correction",
    always_because="they cannot count until you correct them.",
)

SUBJECTS = {
    "confirmed": "You are booked: {title} on {when}",
    "waitlisted": "You are on the waiting list: {title} on {when}",
    "promoted": "A place came free – you are booked: {title} on {when}",
    "changed": "A duty you signed up for has changed: {title}",
    "duty_cancelled": "Cancelled: {title} on {when}",
}


def signup_event(signup, event: str) -> outbox.Reminder:
    """The message about a sign-up: booked or queued, promoted, changed or duty cancelled."""
    if event == "confirmed" and signup.status == signup.Status.WAITLISTED:
        event = "waitlisted"
    duty = signup.duty
    kind, period = {
        "confirmed": (BOOKINGS, "made"),
        "waitlisted": (BOOKINGS, "made"),
        "promoted": (PLACE_FREED, "promoted"),
        "changed": (BOOKINGS, f"v{duty.sequence}"),
        "duty_cancelled": (BOOKINGS, "cancelled"),
    }[event]
    return outbox.Reminder(
        kind=kind.code,
        subject_ref=f"signup:{signup.pk}",
        period=period,
        to=signup.volunteer.email,
        volunteer=signup.volunteer,
        subject=SUBJECTS[event].format(title=duty.title, when=date_and_time(duty.starts_at)),
        template="signup_event",
        context={
            "event": event,
            "signup": signup,
            "duty": duty,
            "starts": date_and_time(duty.starts_at),
            "ends": f"{timezone.localtime(duty.ends_at):%H:%M}",
        },
    )


def hours_rejected(entry) -> outbox.Reminder:
    return outbox.Reminder(
        kind=HOURS_RETURNED.code,
        subject_ref=f"hours:{entry.pk}",
        period=outbox.moment_key(entry.decided_at),
        to=entry.volunteer.email,
        volunteer=entry.volunteer,
        subject="Your hours need a correction",
        template="hours_rejected",
        context={"entry": entry},
    )
