"""Placing a Police Support Volunteer in a catalogue role, ending it, crediting the hours
they give there (through the hours engine), and an ESV's activities."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from schemes.models import HoursEntry
from schemes.services import hours as hours_engine
from volunteers import catalogue
from volunteers.formats import hours_text, long_date
from volunteers.models import AuditEvent, Scheme, Volunteer
from volunteers.permissions import refuse_own_record
from volunteers.services import record_event

from .models import EsvActivity, Placement, PlacementHours, Role

NOT_A_PSV = "{person} is not a Police Support Volunteer: add them to the scheme first."
NOT_AN_ESV = "Only Emergency Services Volunteers record these activities."
ROLE_NOT_IN_USE = "This role is no longer in use: choose another."
ENDS_BEFORE = "The end cannot be before the start ({start})."
ALREADY_IN_ROLE = "{person} is already in this role from {start}."
ENDED = "This placement ended on {end}: hours after that cannot be credited to it."
ALREADY_CREDITED = (
    "{hours} on {day} for this is already credited: change the date, the hours or what "
    "they did if it is another stint."
)
BEFORE_START = "This placement starts on {start}: hours before that cannot be credited to it."


@transaction.atomic
def place(
    *, actor, volunteer: Volunteer, role: Role, starts_on: date, supervisor: str, notes: str = ""
) -> Placement:
    Volunteer.objects.lock(volunteer.pk)
    refuse_own_record(actor, volunteer)
    if not catalogue.is_member(volunteer, catalogue.PSV):
        raise ValidationError({"volunteer": NOT_A_PSV.format(person=volunteer)})
    if not role.is_active:
        raise ValidationError({"role": ROLE_NOT_IN_USE})
    same = Placement.objects.current_on(starts_on).filter(volunteer=volunteer, role=role).first()
    if same:
        raise ValidationError(
            {"role": ALREADY_IN_ROLE.format(person=volunteer, start=long_date(same.starts_on))}
        )
    placement = Placement.objects.create(
        volunteer=volunteer,
        role=role,
        starts_on=starts_on,
        supervisor=supervisor,
        notes=notes,
        created_by=actor,
    )
    record_event(
        actor=actor,
        volunteer=volunteer,
        action=AuditEvent.Action.CREATED,
        record=placement,
        summary=f"Placed as {role.title} ({role.setting}) from {long_date(starts_on)}",
    )
    return placement


@transaction.atomic
def end(*, actor, placement: Placement, ends_on: date) -> Placement:
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    refuse_own_record(actor, placement.volunteer)
    if ends_on < placement.starts_on:
        raise ValidationError({"ends_on": ENDS_BEFORE.format(start=long_date(placement.starts_on))})
    placement.ends_on = ends_on
    placement.save(update_fields=["ends_on"])
    record_event(
        actor=actor,
        volunteer=placement.volunteer,
        action=AuditEvent.Action.CHANGED,
        record=placement,
        summary=f"Placement as {placement.role.title} ends {long_date(ends_on)}",
    )
    return placement


@transaction.atomic
def credit_hours(
    *, actor, placement: Placement, worked_on: date, hours: Decimal, description: str = ""
) -> HoursEntry:
    """Hours given in the placement, through the hours engine (its checks and totals); the
    coordinator recording them approves them at once."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)  # not ended meanwhile
    if worked_on < placement.starts_on:
        raise ValidationError(
            {"worked_on": BEFORE_START.format(start=long_date(placement.starts_on))}
        )
    if placement.ends_on and worked_on > placement.ends_on:
        raise ValidationError({"worked_on": ENDED.format(end=long_date(placement.ends_on))})
    described = (description or f"{placement.role.title} ({placement.role.setting})")[:200]
    if HoursEntry.objects.filter(
        pk__in=placement.hours.values("entry_id"),
        worked_on=worked_on,
        hours=hours,
        description=described,
    ).exists():
        raise ValidationError(
            ALREADY_CREDITED.format(hours=hours_text(hours), day=long_date(worked_on))
        )
    entry = hours_engine.log_hours(
        volunteer=placement.volunteer,
        scheme=Scheme.objects.get(slug=catalogue.PSV),
        worked_on=worked_on,
        hours=hours,
        kind=HoursEntry.Kind.DUTY,
        description=described,
    )
    PlacementHours.objects.create(placement=placement, entry=entry)
    return hours_engine.decide_hours(actor=actor, entry=entry, approve=True)


@transaction.atomic
def record_activity(*, actor, volunteer: Volunteer, **fields) -> EsvActivity:
    """An ESV's activity; its hours go to the hours engine for their coordinator to approve."""
    if not catalogue.is_member(volunteer, catalogue.SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS):
        raise ValidationError(NOT_AN_ESV)
    activity = EsvActivity(volunteer=volunteer, recorded_by=actor, **fields)
    activity.full_clean()
    hours_engine.log_hours(
        volunteer=volunteer,
        scheme=Scheme.objects.get(slug=catalogue.SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS),
        worked_on=activity.done_on,
        hours=activity.hours,
        kind=HoursEntry.Kind.DUTY,
        description=f"{activity.get_kind_display()}, {activity.place}"[:200],
    )
    activity.save()
    record_event(
        actor=actor,
        volunteer=volunteer,
        action=AuditEvent.Action.CREATED,
        record=activity,
        summary=f"{activity.get_kind_display()} on {long_date(activity.done_on)}: "
        f"{activity.get_outcome_display().lower()}",
    )
    return activity
