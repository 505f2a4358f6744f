"""The cadet fast track: a Volunteer Police Cadet who has turned 18 moves into the Special
Constabulary's application stage as the same person, their history kept. Their cadet
membership ends ("left", with the reason) and a Special Constabulary one begins."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from volunteers import catalogue
from volunteers.dates import anniversary, years_before
from volunteers.formats import long_date
from volunteers.models import Membership, Scheme, Volunteer
from volunteers.services import add_membership, change_membership_status

from . import services

LOOK_AHEAD_DAYS = 183
MOVED = "Moved to the Special Constabulary (cadet fast track)"
NOT_A_CADET = "Only a cadet can take the fast track."
TOO_YOUNG = "They turn 18 on {day}; the Special Constabulary takes applications from 18."
NO_BIRTHDAY = "Their date of birth is not on their record."
ALREADY_SPECIAL = "They are already in the Special Constabulary."


def eighteenth_birthday(born_on: date) -> date:
    return anniversary(born_on, 18)


def cadet_memberships():
    return catalogue.members_of(catalogue.CADETS)


def coming_of_age(volunteers, *, today: date | None = None) -> list[tuple[Volunteer, date]]:
    """Cadets (among `volunteers`) who are 18 or turn 18 within six months, soonest first."""
    today = today or timezone.localdate()
    latest_birth = eighteenth_birthday_cutoff(today + timedelta(days=LOOK_AHEAD_DAYS))
    specials = catalogue.members_of(catalogue.SPECIAL_CONSTABULARY).values("volunteer_id")
    people = (
        volunteers.filter(pk__in=cadet_memberships().values("volunteer_id"))
        .filter(date_of_birth__lte=latest_birth)
        .exclude(pk__in=specials)
        .select_related("district")
        .order_by("date_of_birth", "last_name", "pk")
    )
    return [(person, eighteenth_birthday(person.date_of_birth)) for person in people]


def eighteenth_birthday_cutoff(day: date) -> date:
    """The latest date of birth of someone who is 18 on `day`."""
    return years_before(day, 18)


@transaction.atomic
def move_to_specials(*, actor, volunteer, today: date | None = None) -> Membership:
    today = today or timezone.localdate()
    Volunteer.objects.lock(volunteer.pk)
    cadet = cadet_memberships().filter(volunteer=volunteer).first()
    if cadet is None:
        raise ValidationError(NOT_A_CADET)
    if volunteer.date_of_birth is None:
        raise ValidationError(NO_BIRTHDAY)
    birthday = eighteenth_birthday(volunteer.date_of_birth)
    if birthday > today:
        raise ValidationError(TOO_YOUNG.format(day=long_date(birthday)))
    existing = Membership.objects.filter(
        volunteer=volunteer,
        scheme__slug=catalogue.SPECIAL_CONSTABULARY,
        role=Membership.Role.MEMBER,
    ).first()
    if existing and existing.status != Membership.Status.LEFT:
        raise ValidationError(ALREADY_SPECIAL)
    if existing:
        special = change_membership_status(
            actor=actor, membership=existing, status=Membership.Status.APPLIED, reason=MOVED
        )
    else:
        special = add_membership(
            actor=actor,
            volunteer=volunteer,
            scheme=Scheme.objects.get(slug=catalogue.SPECIAL_CONSTABULARY),
            status=Membership.Status.APPLIED,
            today=today,
        )
    change_membership_status(
        actor=actor, membership=cadet, status=Membership.Status.LEFT, reason=MOVED, today=today
    )
    services.record_for(volunteer)
    return special
