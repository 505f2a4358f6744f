"""E-mails about duties and hours."""

from django.utils import timezone

from volunteers.emails import send

SUBJECTS = {
    "confirmed": "You are booked: {title} on {when}",
    "waitlisted": "You are on the waiting list: {title} on {when}",
    "promoted": "A place came free – you are booked: {title} on {when}",
    "changed": "A duty you signed up for has changed: {title}",
    "duty_cancelled": "Cancelled: {title} on {when}",
}


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y at %H:%M}"


def signup_event(signup, event: str) -> None:
    if event == "confirmed" and signup.status == signup.Status.WAITLISTED:
        event = "waitlisted"
    duty = signup.duty
    send(
        to=signup.volunteer.email,
        subject=SUBJECTS[event].format(title=duty.title, when=_when(duty.starts_at)),
        template="signup_event",
        context={
            "event": event,
            "signup": signup,
            "duty": duty,
            "volunteer": signup.volunteer,
            "starts": _when(duty.starts_at),
            "ends": f"{timezone.localtime(duty.ends_at):%H:%M}",
        },
    )


def hours_rejected(entry) -> None:
    send(
        to=entry.volunteer.email,
        subject="Your hours need a correction",
        template="hours_rejected",
        context={"entry": entry, "volunteer": entry.volunteer},
    )
