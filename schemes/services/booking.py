"""Booking a duty, cancelling, and the waiting list.

The database decides who gets a place. A booking takes a row lock on the person (so one
person's bookings happen one at a time and cannot overlap) and then on the duty (so the
queue is served in order), and claims a place with a conditional UPDATE that only succeeds
while `booked_count < places`; a check constraint and a partial unique index back both up.
Locks are always taken person first, then duty, so two bookings never deadlock.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from schemes import eligibility
from schemes.emails import signup_event
from schemes.models import Duty, Signup
from volunteers import outbox
from volunteers.formats import date_and_time
from volunteers.models import Volunteer

ALREADY_SIGNED_UP = "You are already signed up for this duty."
OVERLAPS = "You are already signed up for “{duty}”, which overlaps this duty."
CANCELLED_DUTY = "This duty has been cancelled."
BOOKINGS_CLOSED = "Bookings for this duty have closed."
TOO_LATE_TO_CANCEL = (
    "It is too late to cancel online: the cut-off was {when}. Please call your coordinator."
)
NOTHING_TO_CANCEL = "You are not signed up for this duty."
FULL = "This duty is full."

Status = Signup.Status


@dataclass(frozen=True)
class BookingResult:
    signup: Signup

    @property
    def is_booked(self) -> bool:
        return self.signup.status == Status.BOOKED


def _claim_place(duty_id: int) -> bool:
    """Take one place if one is free. The UPDATE's own condition decides, atomically."""
    return bool(
        Duty.objects.filter(pk=duty_id, booked_count__lt=F("places")).update(
            booked_count=F("booked_count") + 1
        )
    )


def _release_place(duty_id: int) -> None:
    Duty.objects.filter(pk=duty_id, booked_count__gt=0).update(booked_count=F("booked_count") - 1)


@transaction.atomic
def book_duty(
    *, volunteer: Volunteer, duty: Duty, join_waiting_list: bool = True, now=None
) -> BookingResult:
    """Book a place on a duty, or a place in its queue when it is full.

    Raises ValidationError (with a message for the person) when they may not book, or
    when the duty is full and `join_waiting_list` is False.
    """
    now = now or timezone.now()
    Volunteer.objects.lock(volunteer.pk)
    duty = (
        Duty.objects.select_for_update(of=("self",))
        .select_related("scheme", "required_course")
        .get(pk=duty.pk)
    )
    if duty.is_cancelled:
        raise ValidationError(CANCELLED_DUTY)
    if now >= duty.bookings_close_at():
        raise ValidationError(BOOKINGS_CLOSED)
    if Signup.objects.live().filter(duty=duty, volunteer=volunteer).exists():
        raise ValidationError(ALREADY_SIGNED_UP)
    clash = (
        Signup.objects.live()
        .filter(volunteer=volunteer, duty__status=Duty.Status.SCHEDULED)
        .filter(duty__starts_at__lt=duty.ends_at, duty__ends_at__gt=duty.starts_at)
        .select_related("duty")
        .first()
    )
    if clash:
        raise ValidationError(OVERLAPS.format(duty=clash.duty.title))
    reasons = eligibility.reasons_not_eligible(eligibility.load_facts(volunteer), duty)
    if reasons:
        raise ValidationError(reasons)

    if _claim_place(duty.pk):
        status = Status.BOOKED
    elif join_waiting_list:
        status = Status.WAITLISTED
    else:
        raise ValidationError(FULL)
    try:
        with transaction.atomic():
            signup = Signup.objects.create(
                duty=duty,
                volunteer=volunteer,
                status=status,
                created_at=now,
                status_changed_at=now,
            )
    except IntegrityError as error:
        # Only the partial unique index can refuse this row: the same person, the same duty.
        raise ValidationError(ALREADY_SIGNED_UP) from error
    outbox.queue(signup_event(signup, "confirmed"))
    return BookingResult(signup)


@transaction.atomic
def cancel_signup(*, volunteer: Volunteer, duty: Duty, now=None) -> Signup:
    """A volunteer cancels their place (or leaves the queue) before the cut-off."""
    now = now or timezone.now()
    Volunteer.objects.lock(volunteer.pk)
    duty = Duty.objects.select_for_update().get(pk=duty.pk)
    signup = (
        Signup.objects.filter(
            duty=duty, volunteer=volunteer, status__in=[Status.BOOKED, Status.WAITLISTED]
        )
        .select_for_update()
        .first()
    )
    if signup is None:
        raise ValidationError(NOTHING_TO_CANCEL)
    if signup.status == Status.BOOKED and now > duty.cancellation_closes_at():
        raise ValidationError(
            TOO_LATE_TO_CANCEL.format(when=date_and_time(duty.cancellation_closes_at()))
        )
    was_booked = signup.status == Status.BOOKED
    signup.status = Status.CANCELLED
    signup.status_changed_at = now
    signup.save(update_fields=["status", "status_changed_at"])
    if was_booked:
        _release_place(duty.pk)
        promote_from_waiting_list(duty=duty, now=now)
    return signup


def promote_from_waiting_list(*, duty: Duty, now=None) -> list[Signup]:
    """Give freed places to the queue in the order people joined it, each exactly once.

    Must run inside the transaction that holds the duty's row lock.
    """
    now = now or timezone.now()
    promoted = []
    waiting = Signup.objects.waiting().filter(duty=duty).select_related("volunteer")
    for signup in waiting.select_for_update(of=("self",)):
        if not _claim_place(duty.pk):
            break
        signup.status = Status.BOOKED
        signup.status_changed_at = now
        signup.save(update_fields=["status", "status_changed_at"])
        signup.duty = duty
        promoted.append(signup)
    outbox.queue(*(signup_event(signup, "promoted") for signup in promoted))
    return promoted
