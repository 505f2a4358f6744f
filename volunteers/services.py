"""What changes people: every write here is audited, so the trail is complete."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Model, Q, QuerySet
from django.utils import timezone

from . import dates, disclosure, emails, outbox, ownership
from .models import AuditEvent, DiversityProfile, Membership, ReminderOptOut, Scheme, Volunteer
from .models.diversity import CHARACTERISTICS
from .models.people import DETAIL_FIELDS
from .permissions import refuse_own_record

Status = Membership.Status

# Forward through joining (a step may be skipped when, say, vetting transfers from another
# force), active and paused either way, anyone may leave, and someone who left may re-apply.
ALLOWED_MOVES = {
    Status.APPLIED: {Status.VETTING, Status.TRAINING, Status.ACTIVE, Status.LEFT},
    Status.VETTING: {Status.TRAINING, Status.ACTIVE, Status.LEFT},
    Status.TRAINING: {Status.ACTIVE, Status.LEFT},
    Status.ACTIVE: {Status.PAUSED, Status.LEFT},
    Status.PAUSED: {Status.ACTIVE, Status.LEFT},
    Status.LEFT: {Status.APPLIED},
}
NOT_ALLOWED_MOVE = "{person} cannot move from {old} to {new} in {scheme}."
ALREADY_MEMBER = "{person} already has that role in {scheme}."

# Fields of a person that the audit trail records as "what changed".
AUDITED_PERSON_FIELDS = [*DETAIL_FIELDS, "user"]


# --- Audit ----------------------------------------------------------------------------


def _plain(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def snapshot(instance: Model, fields: Iterable[str]) -> dict:
    """The values of `fields` as plain strings, for comparing before and after a change."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    return {
        name: {"from": before.get(name), "to": after.get(name)}
        for name in after
        if before.get(name) != after.get(name)
    }


def record_event(
    *,
    actor,
    volunteer: Volunteer | None,
    action: str,
    record: Model | None,
    summary: str,
    changes: dict | None = None,
) -> AuditEvent:
    """Add one row to the audit trail; `record` is None for reads of many (an export).

    The row carries the scheme the record belongs to (volunteers.ownership), so a
    coordinator reads only their schemes' lines. A record given anonymously is never
    linked to its person: not as the subject of the line, nor as the one who acted.
    """
    if ownership.given_anonymously(record):
        if volunteer is not None and actor is not None and actor == volunteer.user:
            actor = None
        volunteer = None
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        volunteer=volunteer,
        volunteer_label=str(volunteer) if volunteer else "",
        scheme=ownership.scheme_of(record),
        action=action,
        record_type=record._meta.verbose_name if record is not None else "people list",
        record_id=str(record.pk or "") if record is not None else "",
        summary=summary[:300],
        changes=changes or {},
    )


def record_model_change(*, actor, instance: Model, before: dict | None, created: bool) -> None:
    """Audit a save made through a generic path (the admin) on anything about a person."""
    volunteer = (
        instance if isinstance(instance, Volunteer) else getattr(instance, "volunteer", None)
    )
    fields = [f.name for f in instance._meta.concrete_fields if f.name not in {"id", "updated_at"}]
    after = snapshot(instance, fields)
    changes = diff(before or {}, after)
    if not created and not changes:
        return
    action = AuditEvent.Action.CREATED if created else AuditEvent.Action.CHANGED
    verb = "Added" if created else "Changed"
    record_event(
        actor=actor,
        volunteer=volunteer,
        action=action,
        record=instance,
        summary=f"{verb} {instance._meta.verbose_name}: {instance}",
        changes={} if instance._meta.model_name == "diversityprofile" else changes,
    )


# --- People ---------------------------------------------------------------------------


@transaction.atomic
def create_volunteer(*, actor, volunteer: Volunteer) -> Volunteer:
    """Save a new person record (already validated by its form) and audit it."""
    volunteer.save()
    record_event(
        actor=actor,
        volunteer=volunteer,
        action=AuditEvent.Action.CREATED,
        record=volunteer,
        summary=f"Created the record of {volunteer}",
        changes=diff({}, snapshot(volunteer, AUDITED_PERSON_FIELDS)),
    )
    return volunteer


@transaction.atomic
def claim_record(user, email: str) -> Volunteer | None:
    """Link a person record staff made (by hand or from a spreadsheet) to the account of
    whoever has just proved they own its e-mail address, so they find their own memberships
    rather than make a second record. Only a record with no account is claimed, only when
    exactly one has that address, and never a child's whose address is their parent's."""
    if Volunteer.objects.filter(user=user).exists():
        return None
    # Not a child's record that was given their parent's address.
    candidates = (
        Volunteer.objects.select_for_update()
        .filter(user__isnull=True, email__iexact=email)
        .exclude(guardian_email__iexact=email)
    )
    unclaimed = list(candidates[:2])
    if len(unclaimed) != 1:
        return None
    volunteer = unclaimed[0]
    volunteer.user = user
    volunteer.save(update_fields=["user", "updated_at"])
    record_event(
        actor=user,
        volunteer=volunteer,
        action=AuditEvent.Action.CHANGED,
        record=volunteer,
        summary=f"Signed in for the first time with {email}: the record is now theirs",
    )
    return volunteer


@transaction.atomic
def update_volunteer(*, actor, volunteer: Volunteer, before: dict) -> Volunteer:
    """Save changes to a person's details and audit what changed.

    `before` is `snapshot(volunteer, AUDITED_PERSON_FIELDS)` taken before the form ran.
    """
    volunteer.save()
    changes = diff(before, snapshot(volunteer, AUDITED_PERSON_FIELDS))
    if changes:
        record_event(
            actor=actor,
            volunteer=volunteer,
            action=AuditEvent.Action.CHANGED,
            record=volunteer,
            summary=f"Changed {', '.join(name.replace('_', ' ') for name in changes)}",
            changes=changes,
        )
    return volunteer


@transaction.atomic
def save_diversity_profile(*, actor, profile: DiversityProfile) -> DiversityProfile:
    """Save a person's equality monitoring answers. The trail says that they changed, not
    what to, because the trail is readable by more people than the answers are."""
    created = profile.pk is None
    profile.save()
    record_event(
        actor=actor,
        volunteer=profile.volunteer,
        action=AuditEvent.Action.CREATED if created else AuditEvent.Action.CHANGED,
        record=profile,
        summary="Updated their diversity answers",
    )
    return profile


def record_diversity_view(*, actor, volunteer: Volunteer) -> None:
    record_event(
        actor=actor,
        volunteer=volunteer,
        action=AuditEvent.Action.VIEWED_DIVERSITY,
        record=volunteer,
        summary=f"Viewed the diversity answers of {volunteer}",
    )


# --- Memberships ----------------------------------------------------------------------


@transaction.atomic
def add_membership(
    *,
    actor,
    volunteer: Volunteer,
    scheme: Scheme,
    role: str = Membership.Role.MEMBER,
    status: str = Status.APPLIED,
    today: date | None = None,
) -> Membership:
    """Put a person into a scheme (or give them a new role in it)."""
    refuse_own_record(actor, volunteer)
    today = today or timezone.localdate()
    if Membership.objects.filter(volunteer=volunteer, scheme=scheme, role=role).exists():
        raise ValidationError(ALREADY_MEMBER.format(person=volunteer, scheme=scheme))
    membership = Membership.objects.create(
        volunteer=volunteer,
        scheme=scheme,
        role=role,
        status=status,
        applied_on=today,
        joined_on=today if status == Status.ACTIVE else None,
        status_changed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_event(
        actor=actor,
        volunteer=volunteer,
        action=AuditEvent.Action.CREATED,
        record=membership,
        summary=f"Added to {scheme} as {membership.get_role_display().lower()} "
        f"({membership.get_status_display().lower()})",
    )
    return membership


@transaction.atomic
def change_membership_status(
    *, actor, membership: Membership, status: str, reason: str = "", today: date | None = None
) -> Membership:
    """Move a membership along its lifecycle, audit it, and e-mail the person."""
    refuse_own_record(actor, membership.volunteer)
    today = today or timezone.localdate()
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    old = Status(membership.status)
    new = Status(status)
    if new not in ALLOWED_MOVES[old]:
        raise ValidationError(
            NOT_ALLOWED_MOVE.format(
                person=membership.volunteer,
                old=old.label.lower(),
                new=new.label.lower(),
                scheme=membership.scheme,
            )
        )
    membership.status = new
    membership.status_changed_at = timezone.now()
    membership.status_changed_by = actor if getattr(actor, "is_authenticated", False) else None
    membership.status_reason = reason
    if new == Status.ACTIVE and membership.joined_on is None:
        membership.joined_on = today
    if new == Status.LEFT:
        membership.left_on = today
    if new == Status.APPLIED:
        membership.left_on = None
        membership.applied_on = today
    membership.save()
    record_event(
        actor=actor,
        volunteer=membership.volunteer,
        action=AuditEvent.Action.STATUS_CHANGED,
        record=membership,
        summary=f"{membership.scheme}: {old.label} → {new.label}"
        + (f" ({reason})" if reason else ""),
        changes={"status": {"from": old.value, "to": new.value}},
    )
    outbox.queue(emails.membership_status_changed(membership))
    return membership


def next_statuses(membership: Membership) -> list[Status]:
    """The statuses this membership may move to, in lifecycle order, for the form."""
    allowed = ALLOWED_MOVES[Status(membership.status)]
    return [status for status in Status if status in allowed]


# --- Reports --------------------------------------------------------------------------


def suppress_small_groups(counts: dict[str, int]) -> list[dict]:
    """Turn {label: count} into rows where the groups volunteers.disclosure hides (small
    ones, and enough others that none can be worked out from the total) show no number,
    all with the same word."""
    hidden = disclosure.hidden_groups(counts)
    return [
        {
            "label": group,
            "count": None if group in hidden else count,
            "shown": disclosure.HIDDEN if group in hidden else str(count),
            "is_hidden": group in hidden,
        }
        for group, count in counts.items()
    ]


# Age comes from the date of birth on the person record: (label, youngest, oldest).
AGE_BANDS = [
    ("Under 18", 0, 17),
    ("18 to 24", 18, 24),
    ("25 to 34", 25, 34),
    ("35 to 44", 35, 44),
    ("45 to 54", 45, 54),
    ("55 to 64", 55, 64),
    ("65 and over", 65, 150),
]


def age_breakdown(volunteers: QuerySet, *, today: date | None = None) -> dict[str, int]:
    """How many people fall in each age band, counted in one query."""
    today = today or timezone.localdate()

    def born_between(youngest: int, oldest: int) -> Q:
        # Aged at least `youngest`: born on or before today minus that many years, and so on.
        latest = dates.years_before(today, youngest)
        earliest = dates.years_before(today, oldest + 1) + timedelta(days=1)
        return Q(date_of_birth__lte=latest, date_of_birth__gte=earliest)

    counts = volunteers.aggregate(
        **{
            f"band{i}": Count("pk", filter=born_between(lo, hi))
            for i, (_, lo, hi) in enumerate(AGE_BANDS)
        }
    )
    return {label: counts[f"band{i}"] for i, (label, _, _) in enumerate(AGE_BANDS)}


def diversity_breakdown(volunteers: QuerySet) -> list[dict]:
    """For each characteristic, how many people gave each answer (small groups hidden)."""
    profiles = DiversityProfile.objects.filter(volunteer__in=volunteers)
    total = volunteers.count()
    answered = profiles.count()
    sections = [{"title": "Age", "rows": suppress_small_groups(age_breakdown(volunteers))}]
    for name in CHARACTERISTICS:
        field = DiversityProfile._meta.get_field(name)
        tallies = dict(profiles.values_list(name).annotate(n=Count("pk")).values_list(name, "n"))
        counts = {label: tallies.get(value, 0) for value, label in field.choices}
        counts["Not answered"] = tallies.get("", 0) + (total - answered)
        sections.append(
            {
                "title": str(field.verbose_name).capitalize(),
                "rows": suppress_small_groups(counts),
            }
        )
    return sections


@transaction.atomic
def set_reminder_choices(*, actor, volunteer: Volunteer, turned_off: set[str]) -> None:
    """Record which optional reminders a person does not want (mandatory ones always go)."""
    volunteer.reminder_opt_outs.exclude(kind__in=turned_off).delete()
    existing = set(volunteer.reminder_opt_outs.values_list("kind", flat=True))
    ReminderOptOut.objects.bulk_create(
        ReminderOptOut(volunteer=volunteer, kind=kind) for kind in turned_off - existing
    )
    record_event(
        actor=actor,
        volunteer=volunteer,
        action=AuditEvent.Action.CHANGED,
        record=volunteer,
        summary="Changed reminder choices"
        + (f": turned off {', '.join(sorted(turned_off))}" if turned_off else ""),
    )
