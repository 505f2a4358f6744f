"""Hours people log themselves, and coordinators' decisions on them."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from schemes.emails import hours_rejected
from schemes.models import HoursEntry
from schemes.services import month_totals
from schemes.services.minimums import ZERO, judge
from volunteers import outbox
from volunteers.formats import hours_text, long_date
from volunteers.models import Membership, Scheme, Volunteer
from volunteers.permissions import refuse_own_record

FUTURE_DATE = "You can only log hours for today or earlier."
OVER_A_DAY = "That would make {total} on {day}; no one can log more than 24 hours in one day."
NOT_QUARTER = "Enter hours in quarter hours, like 2.25 or 3.5."
NOT_IN_SCHEME = "You can only log hours for a scheme you belong to."
LOCKED = "Approved hours cannot be changed. Ask your coordinator if something is wrong."
REASON_NEEDED = "Say why the hours are not approved, so the volunteer can put it right."
ALREADY_DECIDED = "These hours have already been {status}."

DAY_LIMIT = Decimal("24")


def _check_day(*, volunteer: Volunteer, worked_on: date, hours: Decimal, exclude_pk=None):
    """Refuse a day over 24 hours across all the person's entries (the person is locked)."""
    others = HoursEntry.objects.counting().filter(volunteer=volunteer, worked_on=worked_on)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    total = (others.aggregate(total=Sum("hours"))["total"] or Decimal("0")) + hours
    if total > DAY_LIMIT:
        message = OVER_A_DAY.format(total=hours_text(total), day=long_date(worked_on))
        raise ValidationError({"hours": message})


def _check_entry(*, volunteer, scheme, worked_on, hours, today):
    if worked_on > today:
        raise ValidationError({"worked_on": FUTURE_DATE})
    if (hours * 4) % 1:
        raise ValidationError({"hours": NOT_QUARTER})
    if not Membership.objects.current().filter(volunteer=volunteer, scheme=scheme).exists():
        raise ValidationError({"scheme": NOT_IN_SCHEME})


@transaction.atomic
def log_hours(
    *,
    volunteer: Volunteer,
    scheme: Scheme,
    worked_on: date,
    hours: Decimal,
    kind: str,
    description: str = "",
    today: date | None = None,
) -> HoursEntry:
    """Record time a person gave outside a rostered duty, for their coordinator to approve."""
    today = today or timezone.localdate()
    Volunteer.objects.lock(volunteer.pk)
    _check_entry(volunteer=volunteer, scheme=scheme, worked_on=worked_on, hours=hours, today=today)
    _check_day(volunteer=volunteer, worked_on=worked_on, hours=hours)
    entry = HoursEntry(
        volunteer=volunteer,
        scheme=scheme,
        worked_on=worked_on,
        hours=hours,
        kind=kind,
        description=description,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def correct_hours(
    *,
    entry: HoursEntry,
    scheme: Scheme,
    worked_on: date,
    hours: Decimal,
    kind: str,
    description: str = "",
    today: date | None = None,
) -> HoursEntry:
    """Change a pending or rejected entry; a rejected one goes back for approval."""
    today = today or timezone.localdate()
    Volunteer.objects.lock(entry.volunteer_id)
    entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
    if not entry.is_editable:
        raise ValidationError(LOCKED)
    _check_entry(
        volunteer=entry.volunteer, scheme=scheme, worked_on=worked_on, hours=hours, today=today
    )
    _check_day(volunteer=entry.volunteer, worked_on=worked_on, hours=hours, exclude_pk=entry.pk)
    entry.scheme, entry.worked_on, entry.hours = scheme, worked_on, hours
    entry.kind, entry.description = kind, description
    entry.status = HoursEntry.Status.PENDING
    entry.rejection_reason = ""
    entry.decided_by = entry.decided_at = None
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def decide_hours(*, actor, entry: HoursEntry, approve: bool, reason: str = "") -> HoursEntry:
    """Approve (which locks the entry) or reject with a reason the volunteer sees."""
    entry = (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("volunteer")
        .get(pk=entry.pk)
    )
    refuse_own_record(actor, entry.volunteer)
    if entry.status != HoursEntry.Status.PENDING:
        raise ValidationError(ALREADY_DECIDED.format(status=entry.get_status_display().lower()))
    if not approve and not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    entry.status = HoursEntry.Status.APPROVED if approve else HoursEntry.Status.REJECTED
    entry.rejection_reason = "" if approve else reason.strip()
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.save()
    if approve:
        month_totals.refresh(month_totals.key_of(entry))
    else:
        outbox.queue(hours_rejected(entry))
    return entry


UNDO_MINUTES = 10  # how long a batch of approvals can be taken back from the queue page


@dataclass
class Batch:
    """What approving several entries at once did: those approved, and why any were not."""

    approved: list[HoursEntry] = field(default_factory=list)
    refused: list[tuple[HoursEntry, str]] = field(default_factory=list)

    @property
    def hours(self) -> Decimal:
        return sum((entry.hours for entry in self.approved), Decimal("0"))


def approve_many(*, actor, entries) -> Batch:
    """Approve each entry as `decide_hours` would (one at a time, each in its own
    transaction): one that cannot be approved (decided meanwhile, the approver's own) is
    reported, and never stops the rest."""
    batch = Batch()
    for entry in entries:
        try:
            batch.approved.append(decide_hours(actor=actor, entry=entry, approve=True))
        except ValidationError as error:
            batch.refused.append((entry, " ".join(error.messages)))
    return batch


@transaction.atomic
def undo_approvals(*, actor, entry_ids, now=None) -> int:
    """Take back approvals this person made in the last UNDO_MINUTES (the queue page's
    "Undo"): the entries wait again, and the month totals lose their hours."""
    now = now or timezone.now()
    entries = list(
        HoursEntry.objects.select_for_update().filter(
            pk__in=entry_ids,
            status=HoursEntry.Status.APPROVED,
            decided_by=actor,
            decided_at__gte=now - timedelta(minutes=UNDO_MINUTES),
        )
    )
    for entry in entries:
        entry.status = HoursEntry.Status.PENDING
        entry.decided_by, entry.decided_at = None, None
        entry.save(update_fields=["status", "decided_by", "decided_at"])
        month_totals.refresh(month_totals.key_of(entry))
    return len(entries)


def month_summary(volunteer, *, today=None) -> list[dict]:
    """This month's approved and waiting hours in each of the person's schemes."""
    today = today or timezone.localdate()
    entries = HoursEntry.objects.filter(volunteer=volunteer).in_month(today)
    approved: dict[int, object] = {}
    waiting: dict[int, object] = {}
    for scheme_id, status, hours in entries.values_list("scheme_id", "status", "hours"):
        if status == HoursEntry.Status.APPROVED:
            approved[scheme_id] = approved.get(scheme_id, ZERO) + hours
        elif status == HoursEntry.Status.PENDING:
            waiting[scheme_id] = waiting.get(scheme_id, ZERO) + hours
    rows = []
    active = {
        m.scheme_id: m.scheme
        for m in volunteer.all_memberships
        if m.status == Membership.Status.ACTIVE
    }
    for scheme in sorted(active.values(), key=lambda scheme: scheme.name):
        done = approved.get(scheme.pk, ZERO)
        rows.append(
            {
                "scheme": scheme,
                "cell": judge(done, scheme.monthly_minimum_hours),
                "waiting": waiting.get(scheme.pk, ZERO),
                "minimum": scheme.monthly_minimum_hours,
            }
        )
    return rows
