"""A person's duties as an iCalendar feed (RFC 5545) that phone calendars subscribe to,
and an applicant's interview as an invitation sent with its e-mail."""

from datetime import UTC, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from schemes.models import CalendarFeed, Duty, Signup

PRODUCT_ID = "-//Citizens in Policing Hub//Duties//EN"
HISTORY_DAYS = 90


def feed_for(volunteer) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(volunteer=volunteer)
    return feed


@transaction.atomic
def reset_feed(volunteer) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    CalendarFeed.objects.filter(volunteer=volunteer).delete()
    return CalendarFeed.objects.create(volunteer=volunteer)


def _status(signup: Signup) -> str:
    if signup.duty.is_cancelled or signup.status == Signup.Status.CANCELLED:
        return "CANCELLED"
    if signup.status == Signup.Status.WAITLISTED:
        return "TENTATIVE"
    return "CONFIRMED"


def build_calendar(volunteer, *, request=None, now=None) -> bytes:
    """The person's duties from 90 days ago on, one event per duty, cancellations kept as
    CANCELLED so subscribed calendars take them off rather than keep a stale copy."""
    now = now or timezone.now()
    signups = (
        Signup.objects.filter(volunteer=volunteer, duty__ends_at__gte=now - timedelta(HISTORY_DAYS))
        .select_related("duty__scheme")
        .order_by("duty_id", "created_at", "pk")
    )
    latest: dict[int, Signup] = {}
    for signup in signups:  # a cancelled then re-made booking: the latest one counts
        latest[signup.duty_id] = signup
    calendar = _calendar("My duties – Citizens in Policing Hub")
    for signup in latest.values():
        calendar.add_component(_event(signup, request))
    return calendar.to_ical()


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    return calendar


def interview_invitation(interview, *, cancelled: bool = False) -> bytes:
    """The interview as one event. Arranged again (or called off), it keeps its UID one
    SEQUENCE on, so the applicant's calendar moves (or removes) the event rather than adding
    a second. Times are in UTC, which every calendar reads without a time zone table."""
    role = interview.application.opportunity
    event = Event()
    event.add("uid", f"interview-{interview.pk}@citizens-in-policing-hub")
    event.add("summary", f"Interview: {role.title} ({role.scheme.name})")
    event.add("dtstart", interview.starts_at.astimezone(UTC))
    event.add("dtend", interview.ends_at.astimezone(UTC))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", interview.updated_at)
    event.add("sequence", interview.sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("location", interview.place)
    event.add("description", f"With {interview.panel}.")
    calendar = _calendar(f"Interview – {role.title}")
    calendar.add_component(event)
    return calendar.to_ical()


def _event(signup: Signup, request) -> Event:
    duty: Duty = signup.duty
    event = Event()
    event.add("uid", f"duty-{duty.pk}@citizens-in-policing-hub")
    event.add("summary", f"{duty.title} ({duty.scheme.name})")
    event.add("dtstart", duty.starts_at)
    event.add("dtend", duty.ends_at)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", max(duty.updated_at, signup.status_changed_at))
    cancelled_by_me = signup.status == Signup.Status.CANCELLED
    event.add("sequence", duty.sequence + (1 if cancelled_by_me else 0))
    event.add("status", _status(signup))
    event.add("location", duty.place)
    lines = [f"Your sign-up: {signup.get_status_display()}."]
    if duty.is_cancelled:
        lines.append(f"This duty was cancelled. {duty.cancel_reason}".strip())
    if duty.notes:
        lines.append(duty.notes)
    if request is not None:
        lines.append(request.build_absolute_uri(reverse("schemes:portal-duty", args=[duty.pk])))
    event.add("description", "\n".join(lines))
    return event
