"""Attendance below the monthly minimum: the series of reminder, letters 1 to 3 and a
review meeting.

A Special's series is their run of months below the minimum, counting back from the month
under review: a month at or above the minimum ends the run (the series resets), a month
touched by a leave of absence is skipped (the series pauses), and months before they
joined do not count. The next step is the one after the last step issued within the run.
Which kinds of hours count is a setting per kind (`CountedHours`).
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.utils import timezone

from schemes.models import HoursEntry
from volunteers import catalogue, outbox
from volunteers.dates import month_end, months_up_to
from volunteers.formats import hours_text
from volunteers.models import Membership, Scheme, Volunteer
from volunteers.permissions import refuse_own_record

from . import letters, services
from .emails import ATTENDANCE_REMINDER
from .models import AttendanceAction, CountedHours, LeaveOfAbsence
from .services import audit

STAGES = list(AttendanceAction.Stage)
LOOK_BACK_MONTHS = 12
ZERO = Decimal("0")
NOT_BELOW = "They met the minimum that month, so no step is due."
ON_LEAVE = "They were on leave that month: the series is paused."
ALREADY_ISSUED = "A step has already been issued for that month."
WRONG_STEP = "The next step for them is: {stage}."
NO_LONGER_BELOW = (
    "They are no longer below the minimum for that month (their hours came in, or they "
    "are on leave)."
)


def minimum() -> Decimal:
    scheme = Scheme.objects.get(slug=catalogue.SPECIAL_CONSTABULARY)
    return scheme.monthly_minimum_hours or ZERO


def counted_kinds() -> list[str]:
    """Every kind of hours, less those the managers have said do not count."""
    not_counted = set(CountedHours.objects.filter(counts=False).values_list("kind", flat=True))
    return [kind for kind in HoursEntry.Kind.values if kind not in not_counted]


def monthly_hours(volunteer_ids, months: list[date]) -> dict[tuple[int, date], Decimal]:
    """Counted, approved Special Constabulary hours per person and month."""
    rows = (
        HoursEntry.objects.approved()
        .filter(
            volunteer_id__in=volunteer_ids,
            scheme__slug=catalogue.SPECIAL_CONSTABULARY,
            kind__in=counted_kinds(),
            worked_on__gte=months[0],
            worked_on__lte=month_end(months[-1]),
        )
        .annotate(month=TruncMonth("worked_on"))
        .values("volunteer_id", "month")
        .annotate(total=Sum("hours"))
    )
    return {(r["volunteer_id"], _as_date(r["month"])): r["total"] for r in rows}


def _as_date(value) -> date:
    """TruncMonth of a date gives a date, though some backends hand back a datetime."""
    return value.date() if isinstance(value, datetime) else value


def months_on_leave(volunteer_ids, months: list[date]) -> set[tuple[int, date]]:
    leaves = LeaveOfAbsence.objects.filter(
        volunteer_id__in=volunteer_ids, starts_on__lte=month_end(months[-1])
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=months[0]))
    touched = set()
    for leave in leaves:
        for month in months:
            ends = leave.ends_on or date.max
            if leave.starts_on <= month_end(month) and ends >= month:
                touched.add((leave.volunteer_id, month))
    return touched


@dataclass
class Row:
    volunteer: Volunteer
    hours: Decimal
    run: list[date]  # the months below the minimum in this series, newest first
    last_action: AttendanceAction | None
    this_month: AttendanceAction | None  # already issued for the month under review
    next_stage: AttendanceAction.Stage | None


def _specials_in(month: date):
    """Active Specials who had joined by the month's end."""
    members = catalogue.members_of(catalogue.SPECIAL_CONSTABULARY).filter(
        status=Membership.Status.ACTIVE, joined_on__lte=month_end(month)
    )
    return Volunteer.objects.filter(pk__in=members.values("volunteer_id"))


def below_minimum(month: date) -> tuple[list[int], list[int]]:
    """(ids below the minimum in `month`, ids below but on leave), ordered by name."""
    specials = list(_specials_in(month).order_by("last_name", "first_name", "pk"))
    ids = [s.pk for s in specials]
    hours = monthly_hours(ids, [month])
    leave = months_on_leave(ids, [month])
    floor = minimum()
    below = [pk for pk in ids if hours.get((pk, month), ZERO) < floor]
    return (
        [pk for pk in below if (pk, month) not in leave],
        [pk for pk in below if (pk, month) in leave],
    )


def rows_for(volunteers: list[Volunteer], month: date) -> list[Row]:
    """The series of each of these Specials (all below the minimum in `month`)."""
    months = months_up_to(month, LOOK_BACK_MONTHS)
    ids = [v.pk for v in volunteers]
    hours = monthly_hours(ids, months)
    leave = months_on_leave(ids, months)
    joined = dict(
        catalogue.members_of(catalogue.SPECIAL_CONSTABULARY)
        .filter(volunteer_id__in=ids)
        .values_list("volunteer_id", "joined_on")
    )
    actions: dict[int, dict[date, AttendanceAction]] = {}
    for action in AttendanceAction.objects.filter(volunteer_id__in=ids, month__in=months):
        actions.setdefault(action.volunteer_id, {})[action.month] = action
    floor = minimum()
    rows = []
    for volunteer in volunteers:
        run = []
        for each in reversed(months):
            if (volunteer.pk, each) in leave:
                continue  # paused: neither counts nor resets
            start = joined.get(volunteer.pk)
            if start and month_end(each) < start:
                break
            if hours.get((volunteer.pk, each), ZERO) >= floor:
                break  # met the minimum: the series starts again after this month
            run.append(each)
        issued = [actions.get(volunteer.pk, {}).get(each) for each in run]
        issued = [a for a in issued if a]
        this_month = actions.get(volunteer.pk, {}).get(month)
        last = max(issued, key=lambda a: STAGES.index(a.stage), default=None)
        if this_month:
            following = None
        elif last is None:
            following = STAGES[0]
        else:
            following = STAGES[min(STAGES.index(last.stage) + 1, len(STAGES) - 1)]
        rows.append(
            Row(
                volunteer=volunteer,
                hours=hours.get((volunteer.pk, month), ZERO),
                run=run,
                last_action=last,
                this_month=this_month,
                next_stage=following,
            )
        )
    return rows


@transaction.atomic
def issue(*, actor, volunteer, month: date, stage: str) -> AttendanceAction:
    """Issue the next step for a month below the minimum; the letter is kept as issued."""
    refuse_own_record(actor, volunteer)
    Volunteer.objects.lock(volunteer.pk)
    floor = minimum()
    hours = monthly_hours([volunteer.pk], [month]).get((volunteer.pk, month), ZERO)
    if hours >= floor:
        raise ValidationError(NOT_BELOW)
    if (volunteer.pk, month) in months_on_leave([volunteer.pk], [month]):
        raise ValidationError(ON_LEAVE)
    (row,) = rows_for([volunteer], month)
    if row.this_month:
        raise ValidationError(ALREADY_ISSUED)
    if stage != row.next_stage:
        raise ValidationError(WRONG_STEP.format(stage=row.next_stage.label))
    record = services.record_for(volunteer)
    today = timezone.localdate()
    body = render_to_string(
        f"careers/letters/{stage}.txt",
        {
            "volunteer": volunteer,
            "record": record,
            "month": month,
            "hours": hours_text(hours),
            "minimum": hours_text(floor),
            "months_below": len(row.run),
            "issued_on": today,
            "signed_by": actor,
            "sender": settings.ORGANISATION_ADDRESS,
            "reference": AttendanceAction.reference_for(volunteer.pk, month),
        },
    ).strip()
    try:
        with transaction.atomic():
            action = AttendanceAction.objects.create(
                volunteer=volunteer,
                stage=stage,
                month=month,
                hours=hours,
                minimum=floor,
                issued_on=today,
                issued_by=actor,
                body=body,
            )
    except IntegrityError as error:
        raise ValidationError(ALREADY_ISSUED) from error
    audit(
        actor,
        action,
        f"{action.get_stage_display()} for {month:%B %Y} "
        f"({hours_text(hours)} of {hours_text(floor)})",
    )
    if stage == AttendanceAction.Stage.REMINDER:
        outbox.queue(
            outbox.Reminder(
                kind=ATTENDANCE_REMINDER.code,
                subject_ref=f"attendance:{action.pk}",
                period=f"{month:%Y-%m}",
                to=volunteer.email,
                volunteer=volunteer,
                subject=f"Your hours in {month:%B %Y}",
                template="reminder",
                context={"lines": letters.from_salutation(body)},
            )
        )
    return action


@dataclass
class Issued:
    """What issuing the next step to several Specials did: the steps issued, and each one
    that could not be issued, with why."""

    issued: list[AttendanceAction]
    refused: list[tuple[Volunteer, str]]

    def counts(self) -> list[tuple[str, int]]:
        """(step, how many) in the series' order, for the summary."""
        labels = [AttendanceAction.Stage(a.stage).label for a in self.issued]
        return [
            (stage.label, labels.count(stage.label)) for stage in STAGES if stage.label in labels
        ]


def issue_many(*, actor, month: date, steps: list[tuple[Volunteer, str]]) -> Issued:
    """Issue each person the step the manager confirmed (the attendance page's "Issue the
    ticked"), each as `issue` would, in its own transaction: a step that is no longer the
    right one (someone issued meanwhile, hours came in) is refused and reported, never
    replaced by another, and never stops the rest."""
    done = Issued(issued=[], refused=[])
    for volunteer, stage in steps:
        try:
            done.issued.append(issue(actor=actor, volunteer=volunteer, month=month, stage=stage))
        except ValidationError as error:
            done.refused.append((volunteer, " ".join(error.messages)))
    return done


@transaction.atomic
def record_leave(*, actor, volunteer, kind: str, starts_on: date, ends_on=None, note=""):
    refuse_own_record(actor, volunteer)
    Volunteer.objects.lock(volunteer.pk)
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "The leave must end after it starts."})
    leave = LeaveOfAbsence.objects.create(
        volunteer=volunteer,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
        recorded_by=actor,
    )
    audit(
        actor,
        leave,
        f"Leave of absence ({leave.get_kind_display()}) from {starts_on}",
    )
    return leave
