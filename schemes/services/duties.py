"""Coordinators' side of duties: create, change, copy, repeat weekly, cancel, attendance."""

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from schemes.emails import signup_event
from schemes.models import Duty, HoursEntry, Signup
from volunteers import outbox
from volunteers.permissions import refuse_own_record

from . import month_totals
from .booking import promote_from_waiting_list

PAST_START = "A new duty must start in the future."
PLACES_BELOW_BOOKED = (
    "{booked} people are already booked, so the maximum cannot be lower than that."
)
MAX_WEEKS = 26
TOO_MANY_WEEKS = f"A weekly series can run for up to {MAX_WEEKS} weeks."
NOT_STARTED = "Attendance can be marked once the duty has started."
ALREADY_CANCELLED = "This duty is already cancelled."

# The kind of hours a duty's attendance is credited as.
HOURS_KIND = {Duty.Kind.TRAINING: HoursEntry.Kind.TRAINING, Duty.Kind.EVENT: HoursEntry.Kind.EVENT}

Status = Signup.Status


@transaction.atomic
def create_duty(*, actor, duty: Duty, weeks: int = 1, now=None) -> list[Duty]:
    """Save a new duty, or a weekly series of `weeks` copies of it, all in the future."""
    now = now or timezone.now()
    if duty.starts_at <= now:
        raise ValidationError({"starts_at": PAST_START})
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError({"weeks": TOO_MANY_WEEKS})
    series = uuid.uuid4() if weeks > 1 else None
    duties = []
    for week in range(weeks):
        copy = _copy_of(duty, shift=timedelta(weeks=week))
        copy.series = series
        copy.created_by = actor
        copy.full_clean()
        copy.save()
        duties.append(copy)
    return duties


def _copy_of(duty: Duty, *, shift: timedelta) -> Duty:
    copy = Duty(
        scheme=duty.scheme,
        title=duty.title,
        kind=duty.kind,
        starts_at=duty.starts_at + shift,
        ends_at=duty.ends_at + shift,
        place=duty.place,
        district=duty.district,
        min_people=duty.min_people,
        places=duty.places,
        signup_deadline=duty.signup_deadline + shift if duty.signup_deadline else None,
        cancel_cutoff_hours=duty.cancel_cutoff_hours,
        required_vetting=duty.required_vetting,
        required_course=duty.required_course,
        requirement=duty.requirement,
        notes=duty.notes,
    )
    return copy


def copy_duty(duty: Duty) -> Duty:
    """An unsaved duty like this one, a week later, for the coordinator to adjust and save."""
    return _copy_of(duty, shift=timedelta(weeks=1))


@transaction.atomic
def update_duty(*, duty: Duty, changed: list[str]) -> Duty:
    """Save changes to a duty; calendar copies are replaced, and more places fill the queue."""
    locked = Duty.objects.select_for_update().get(pk=duty.pk)
    if duty.places < locked.booked_count:
        raise ValidationError({"places": PLACES_BELOW_BOOKED.format(booked=locked.booked_count)})
    duty.booked_count = locked.booked_count
    duty.sequence = locked.sequence + 1
    duty.save()
    if "places" in changed and duty.places > locked.places:
        promote_from_waiting_list(duty=duty)
    if {"starts_at", "ends_at", "place"} & set(changed):
        signups = duty.signups.live().select_related("volunteer")
        outbox.queue(*(signup_event(_with_duty(signup, duty), "changed") for signup in signups))
    return duty


@transaction.atomic
def cancel_duty(*, duty: Duty, reason: str) -> int:
    """Cancel a duty and tell everyone booked or waiting. Returns how many were told."""
    duty = Duty.objects.select_for_update().get(pk=duty.pk)
    if duty.is_cancelled:
        raise ValidationError(ALREADY_CANCELLED)
    duty.status = Duty.Status.CANCELLED
    duty.cancel_reason = reason
    duty.sequence = F("sequence") + 1
    duty.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    duty.refresh_from_db(fields=["sequence"])
    people = duty.signups.filter(status__in=[Status.BOOKED, Status.WAITLISTED])
    messages = [
        signup_event(_with_duty(signup, duty), "duty_cancelled")
        for signup in people.select_related("volunteer")
    ]
    outbox.queue(*messages)
    return len(messages)


def _with_duty(signup, duty):
    """The sign-up holding the duty already in hand, so its message needs no query."""
    signup.duty = duty
    return signup


@transaction.atomic
def mark_attendance(*, actor, duty: Duty, attended: dict[int, bool], now=None) -> None:
    """Record who came. Attending credits the duty's hours, approved, to the person;
    changing someone to "did not attend" takes that credit away again."""
    now = now or timezone.now()
    duty = Duty.objects.select_for_update(of=("self",)).select_related("scheme").get(pk=duty.pk)
    if duty.starts_at > now:
        raise ValidationError(NOT_STARTED)
    signups = duty.signups.taking_places().filter(pk__in=attended).select_related("volunteer")
    for signup in signups:
        refuse_own_record(actor, signup.volunteer)  # attending credits approved hours
    for signup in signups:
        came = attended[signup.pk]
        signup.status = Status.ATTENDED if came else Status.NO_SHOW
        signup.status_changed_at = now
        signup.save(update_fields=["status", "status_changed_at"])
        credit = HoursEntry.objects.filter(signup=signup).first()
        if came and credit is None:
            credit = HoursEntry.objects.create(
                volunteer=signup.volunteer,
                scheme=duty.scheme,
                worked_on=timezone.localtime(duty.starts_at).date(),
                hours=duty.duration_hours,
                kind=HOURS_KIND.get(duty.kind, HoursEntry.Kind.DUTY),
                description=duty.title[:200],
                signup=signup,
                status=HoursEntry.Status.APPROVED,
                decided_by=actor,
                decided_at=now,
            )
            month_totals.refresh(month_totals.key_of(credit))
        elif not came and credit is not None:
            credit.delete()
            month_totals.refresh(month_totals.key_of(credit))
