"""Messages about duties and hours, queued in the outbox with the change that causes them.

Each is keyed so that it is queued once: a booking is confirmed once, a place freed once,
a duty's change once per version of the duty, hours sent back once per decision.
"""

from django.utils import timezone

from volunteers import outbox
from volunteers.formats import date_and_time
from volunteers.permissions import coordinated_scheme_ids

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


APPLICATIONS = outbox.kind(
    "applications",
    "Your applications: received, moved on and decided",
    always_because="it is about your application to volunteer.",
)
NEW_APPLICANTS = outbox.kind(
    "new_applicants",
    "Someone has applied for a role in a scheme you run (one e-mail each; turn it off for "
    "a daily round-up instead)",
    reaches=lambda user: bool(coordinated_scheme_ids(user)),
)

# What the applicant reads at each turn of their application: (subject, lines).
APPLICATION_WORDS = {
    "received": (
        "We have your application: {role}",
        [
            "Thank you for applying to be a volunteer: {role}, {scheme}.",
            "What happens next: {stages}. The coordinator will be in touch within two "
            "weeks; you can see how it is going, or withdraw, on your portal.",
        ],
    ),
    "moved": (
        "Your application has moved on: {role}",
        ["Your application ({role}, {scheme}) has reached the next stage: {stage}."],
    ),
    "accepted": (
        "Welcome to {scheme}",
        [
            "Thank you: your application ({role}) has been accepted, and you are now part of "
            "{scheme}.",
            "Your portal shows what comes next, such as vetting, training and the duties you "
            "can book.",
        ],
    ),
    "declined": (
        "Your application: {role}",
        [
            "Thank you for applying to be a volunteer ({role}, {scheme}), and for the time "
            "you gave it. We are sorry that we cannot take your application forward.",
            "From the coordinator: {reason}",
            "You are welcome to look at our other roles, now or later: many people find the "
            "one that fits them second time round.",
        ],
    ),
}


def application_event(application, event: str) -> outbox.Reminder:
    """The applicant's message for `event` (received, moved, accepted, declined), keyed so
    each turn of an application is e-mailed once."""
    role = application.opportunity
    subject, lines = APPLICATION_WORDS[event]
    words = {
        "role": role.title,
        "scheme": role.scheme.name,
        "stage": application.get_stage_display().lower(),
        "stages": ", then ".join(stage.label.lower() for stage in role.stage_list),
        "reason": application.reason,
    }
    return outbox.Reminder(
        kind=APPLICATIONS.code,
        subject_ref=f"application:{application.pk}",
        period=f"{event}:{application.stage}",
        to=application.volunteer.email,
        volunteer=application.volunteer,
        subject=subject.format(**words),
        template="reminder",
        context={
            "lines": [
                *[line.format(**words) for line in lines],
            ]
        },
    )


def _about_the_interview(interview, *, period, subject, lines, invitation) -> outbox.Reminder:
    """A message to the applicant about their interview, its calendar file attached."""
    application = interview.application
    return outbox.Reminder(
        kind=APPLICATIONS.code,
        subject_ref=f"application:{application.pk}",
        period=period,
        to=application.volunteer.email,
        volunteer=application.volunteer,
        subject=f"{subject}: {application.opportunity.title}",
        template="reminder",
        context={"lines": lines},
        attachment=("interview.ics", "text/calendar", invitation.decode()),
    )


def interview_arranged(interview, *, invitation: bytes) -> outbox.Reminder:
    """The applicant's invitation, with the interview for their calendar (`invitation`,
    iCalendar); each version of the interview is sent once."""
    role = interview.application.opportunity
    again = interview.sequence > 0
    return _about_the_interview(
        interview,
        period=f"interview:v{interview.sequence}",
        subject="Your interview has changed" if again else "Your interview",
        lines=[
            f"{'Your interview has moved' if again else 'We would like to meet you'}: "
            f"{role.title}, {role.scheme.name}.",
            f"When: {date_and_time(interview.starts_at)}, for about {interview.minutes} minutes.",
            f"Where: {interview.place}.",
            f"You will meet {interview.panel}.",
            "The invitation is attached for your calendar. If the time does not suit "
            f"you, please tell {_who_arranged(interview)}.",
        ],
        invitation=invitation,
    )


def _who_arranged(interview) -> str:
    """Whom the applicant tells if the time does not suit: the coordinator who arranged it."""
    user = interview.arranged_by
    if user is None:
        return f"the coordinator of {interview.application.opportunity.scheme.name}"
    person = getattr(user, "volunteer", None)
    name = person.display_name if person is not None else ""
    return f"{name} at {user.email}" if name else user.email


def interview_called_off(interview, *, invitation: bytes) -> outbox.Reminder:
    """The application ended before its interview: the event comes off their calendar."""
    role = interview.application.opportunity
    return _about_the_interview(
        interview,
        period=f"interview:off{interview.sequence}",
        subject="Your interview is off",
        lines=[
            f"The interview on {date_and_time(interview.starts_at)} ({role.title}, "
            f"{role.scheme.name}) will not take place now that the application has ended.",
            "The attached update takes it off your calendar.",
        ],
        invitation=invitation,
    )


def new_applicant(application, coordinator) -> outbox.Reminder:
    """Tell one of the scheme's coordinators that someone has applied."""
    role = application.opportunity
    return outbox.Reminder(
        kind=NEW_APPLICANTS.code,
        subject_ref=f"application:{application.pk}:to:{coordinator.pk}",
        period="new",
        to=coordinator.email,
        volunteer=coordinator,
        subject=f"New application: {role.title}",
        template="reminder",
        context={
            "lines": [
                f"{application.volunteer.display_name} has applied for {role.title} "
                f"({role.scheme.name}). You will find them under “Applicants” on the staff "
                "pages.",
            ]
        },
    )


# --- The scrutiny schemes' follow-ups (schemes/services/followups.py) -----------------

FOLLOWUP_TO_FORCE = outbox.kind(
    "followup_to_force",
    "Concerns from a scrutiny visit for your force to answer",
    always_because="the force is asked to answer them by a date.",
    reaches=lambda user: False,  # force staff, who have no notification settings
)
FOLLOWUP_OUTCOME = outbox.kind(
    "followup_outcome", "What the force did about a concern you raised on a visit"
)
FOLLOWUP_OVERDUE = outbox.kind(
    "followup_overdue",
    "A force's answer to a visit's concern is overdue",
    always_because="the scheme must chase answers the force owes.",
    reaches=lambda user: bool(coordinated_scheme_ids(user)),
)
