"""Changes to a Special's service record: rank, postings and sign-offs on the pathway to
Independent Patrol Status. Each takes the person's row lock, checks what a form cannot,
and writes the audit trail."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from volunteers.formats import long_date
from volunteers.models import AuditEvent, Volunteer
from volunteers.permissions import refuse_own_record
from volunteers.services import record_event

from .models import STEP_ORDER, CompetenceSignOff, Posting, RankChange, ServiceRecord, Step

FUTURE = "This date is in the future."
OUT_OF_ORDER = "“{previous}” has to be signed off first."
BEFORE_PREVIOUS = "This is before “{previous}” was signed off ({day})."
ALREADY_SIGNED = "This step was signed off on {day}."
SAME_RANK = "They already hold this rank."
OVERLAPPING_POSTING = "They are already posted to {team} from {start}; end that posting first."


def audit(actor, record, summary: str, *, action=AuditEvent.Action.CREATED, changes=None):
    """Put a change to one of a Special's records on their audit trail."""
    return record_event(
        actor=actor,
        volunteer=record.volunteer,
        action=action,
        record=record,
        summary=summary,
        changes=changes,
    )


def record_for(volunteer) -> ServiceRecord:
    record, _ = ServiceRecord.objects.get_or_create(volunteer=volunteer)
    return record


def _not_in_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: FUTURE})


@transaction.atomic
def change_rank(*, actor, volunteer, rank: str, effective_on: date, note: str = "") -> RankChange:
    refuse_own_record(actor, volunteer)
    Volunteer.objects.lock(volunteer.pk)
    _not_in_future(effective_on, "effective_on")
    record = record_for(volunteer)
    if record.rank == rank:
        raise ValidationError({"rank": SAME_RANK})
    change = RankChange.objects.create(
        volunteer=volunteer, rank=rank, effective_on=effective_on, note=note, recorded_by=actor
    )
    before = record.get_rank_display()
    record.rank = rank
    record.save(update_fields=["rank", "updated_at"])
    audit(
        actor,
        record,
        f"Rank: {before} → {record.get_rank_display()} from {long_date(effective_on)}",
        action=AuditEvent.Action.CHANGED,
        changes={"rank": {"from": before, "to": record.get_rank_display()}},
    )
    return change


@transaction.atomic
def update_service_record(*, actor, record: ServiceRecord, attested_on, warrant_number: str):
    refuse_own_record(actor, record.volunteer)
    Volunteer.objects.lock(record.volunteer_id)
    if attested_on:
        _not_in_future(attested_on, "attested_on")
    before = {"attested_on": str(record.attested_on or ""), "warrant": record.warrant_number}
    record.attested_on, record.warrant_number = attested_on, warrant_number
    record.save()
    after = {"attested_on": str(attested_on or ""), "warrant": warrant_number}
    changes = {k: {"from": before[k], "to": after[k]} for k in before if before[k] != after[k]}
    if changes:
        audit(
            actor,
            record,
            "Changed the service record: " + ", ".join(changes),
            action=AuditEvent.Action.CHANGED,
            changes=changes,
        )
    return record


@transaction.atomic
def add_posting(*, actor, volunteer, team, starts_on: date, ends_on=None, note="") -> Posting:
    refuse_own_record(actor, volunteer)
    Volunteer.objects.lock(volunteer.pk)
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "The posting must end after it starts."})
    clash = (
        Posting.objects.filter(volunteer=volunteer, team=team).filter(ends_on__isnull=True).first()
    )
    if clash:
        raise ValidationError(
            {"team": OVERLAPPING_POSTING.format(team=team, start=long_date(clash.starts_on))}
        )
    posting = Posting.objects.create(
        volunteer=volunteer,
        team=team,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
        recorded_by=actor,
    )
    audit(
        actor,
        posting,
        f"Posted to {team} from {long_date(starts_on)}",
    )
    return posting


@transaction.atomic
def end_posting(*, actor, posting: Posting, ends_on: date) -> Posting:
    refuse_own_record(actor, posting.volunteer)
    Volunteer.objects.lock(posting.volunteer_id)
    if ends_on < posting.starts_on:
        raise ValidationError({"ends_on": "The posting must end after it starts."})
    posting.ends_on = ends_on
    posting.save(update_fields=["ends_on"])
    audit(
        actor,
        posting,
        f"Posting to {posting.team} ends {long_date(ends_on)}",
        action=AuditEvent.Action.CHANGED,
    )
    return posting


@dataclass
class StepProgress:
    step: Step
    sign_off: CompetenceSignOff | None
    is_next: bool


def progress(volunteer, sign_offs=None) -> list[StepProgress]:
    """Each step of the pathway to competence, signed off or not, and which comes next."""
    done = {s.step: s for s in (sign_offs if sign_offs is not None else _sign_offs(volunteer))}
    upcoming = next((step for step in STEP_ORDER if step not in done), None)
    return [StepProgress(step, done.get(step), step == upcoming) for step in STEP_ORDER]


def _sign_offs(volunteer):
    return CompetenceSignOff.objects.filter(volunteer=volunteer).select_related("signed_off_by")


@transaction.atomic
def sign_off(*, actor, volunteer, step: str, signed_off_on: date, evidence: str):
    """A supervisor signs off the next step; Independent Patrol Status goes on the record."""
    refuse_own_record(actor, volunteer)
    Volunteer.objects.lock(volunteer.pk)
    _not_in_future(signed_off_on, "signed_off_on")
    done = {s.step: s for s in _sign_offs(volunteer)}
    if step in done:
        raise ValidationError(
            {"step": ALREADY_SIGNED.format(day=long_date(done[step].signed_off_on))}
        )
    position = STEP_ORDER.index(Step(step))
    if position:
        previous = STEP_ORDER[position - 1]
        if previous not in done:
            raise ValidationError({"step": OUT_OF_ORDER.format(previous=previous.label)})
        if signed_off_on < done[previous].signed_off_on:
            raise ValidationError(
                {
                    "signed_off_on": BEFORE_PREVIOUS.format(
                        previous=previous.label, day=long_date(done[previous].signed_off_on)
                    )
                }
            )
    signed = CompetenceSignOff.objects.create(
        volunteer=volunteer,
        step=step,
        signed_off_on=signed_off_on,
        signed_off_by=actor,
        evidence=evidence.strip(),
    )
    if step == Step.INDEPENDENT_PATROL:
        record = record_for(volunteer)
        record.independent_patrol_on = signed_off_on
        record.save(update_fields=["independent_patrol_on", "updated_at"])
    audit(
        actor,
        signed,
        f"Signed off: {signed.get_step_display()} on {long_date(signed_off_on)}",
    )
    return signed
