"""Reminders about duties and hours: a duty tomorrow, hours waiting for approval, and
members under their scheme's monthly minimum with a week of the month left; and about
applicants: those left at one stage for 14 days, and the daily round-up of new ones."""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from volunteers import dates, outbox, permissions
from volunteers.formats import hours_text
from volunteers.models import Membership, ReminderOptOut

from .emails import NEW_APPLICANTS
from .models import Application, HoursEntry, Signup
from .models.duties import start_of

DUTY_TOMORROW = outbox.kind("duty_tomorrow", "A duty you are booked on is tomorrow")
HOURS_WAITING = outbox.kind(
    "hours_waiting",
    "Hours have waited over a week for your approval",
    reaches=permissions.is_coordinator,
)
UNDER_MINIMUM = outbox.kind("under_minimum", "You are below your scheme's monthly minimum")
WAITING_DAYS = 7
DAYS_LEFT = 7


@outbox.REMINDERS.register
def duty_tomorrow(today):
    tomorrow = today + timedelta(days=1)
    signups = Signup.objects.filter(
        status=Signup.Status.BOOKED,
        duty__status="scheduled",
        duty__starts_at__gte=start_of(tomorrow),
        duty__starts_at__lt=start_of(tomorrow + timedelta(1)),
    ).select_related("duty__scheme", "volunteer")
    for signup in signups:
        duty = signup.duty
        starts = timezone.localtime(duty.starts_at)
        yield outbox.Reminder(
            kind=DUTY_TOMORROW.code,
            subject_ref=f"signup:{signup.pk}",
            period=str(tomorrow),
            to=signup.volunteer.email,
            volunteer=signup.volunteer,
            subject=f"Tomorrow: {duty.title} at {starts:%H:%M}",
            template="reminder",
            context={
                "lines": [
                    f"Thank you for booking {duty.title} ({duty.scheme}) tomorrow, "
                    f"{starts:%A} {starts.day} {starts:%B}, from {starts:%H:%M} at {duty.place}.",
                    "If you can no longer come, please cancel in your portal or call your "
                    "coordinator so someone on the waiting list can take your place.",
                ]
            },
        )


def _nudge_coordinators(waiting: dict, *, kind, ref: str, today, subject, lines):
    """One message a week to each coordinator of the schemes in `waiting` ({scheme id:
    what waits there}), its subject and lines made from what waits in their scheme."""
    coordinators = (
        Membership.objects.coordinators().filter(scheme_id__in=waiting).select_related("volunteer")
    )
    for membership in coordinators:
        row = waiting[membership.scheme_id]
        yield outbox.Reminder(
            kind=kind.code,
            subject_ref=f"coordinator:{membership.pk}{ref}",
            period=dates.week_of(today),
            to=membership.volunteer.email,
            volunteer=membership.volunteer,
            subject=subject(row),
            template="reminder",
            context={"lines": lines(row)},
        )


@outbox.REMINDERS.register
def hours_waiting(today):
    """One nudge a week to each coordinator whose scheme has hours waiting over 7 days."""
    old = (
        HoursEntry.objects.filter(
            status=HoursEntry.Status.PENDING,
            created_at__lt=start_of(today - timedelta(WAITING_DAYS)),
        )
        .values("scheme_id", "scheme__name")
        .annotate(total=Sum("hours"))
    )
    yield from _nudge_coordinators(
        {row["scheme_id"]: row for row in old},
        kind=HOURS_WAITING,
        ref="",
        today=today,
        subject=lambda row: f"Hours waiting for approval in {row['scheme__name']}",
        lines=lambda row: [
            f"{hours_text(row['total'])} logged in {row['scheme__name']} has waited more "
            f"than {WAITING_DAYS} days for approval.",
            "Volunteers see their hours once you approve them. Open “Hours to approve” "
            "in the staff pages.",
        ],
    )


@outbox.REMINDERS.register
def under_minimum(today):
    """In the last week of a month, members below their scheme's minimum get a nudge."""
    days_left = dates.days_left_in_month(today)
    if days_left > DAYS_LEFT:
        return
    first = today.replace(day=1)
    members = Membership.objects.filter(
        status=Membership.Status.ACTIVE,
        scheme__monthly_minimum_hours__isnull=False,
        role=Membership.Role.MEMBER,
    ).select_related("volunteer", "scheme")
    done = defaultdict(lambda: 0)
    rows = (
        HoursEntry.objects.approved()
        .filter(worked_on__gte=first, worked_on__lte=today)
        .values_list("volunteer_id", "scheme_id")
        .annotate(total=Sum("hours"))
    )
    for volunteer_id, scheme_id, total in rows:
        done[(volunteer_id, scheme_id)] = total
    for membership in members:
        minimum = membership.scheme.monthly_minimum_hours
        hours = done[(membership.volunteer_id, membership.scheme_id)]
        if hours >= minimum:
            continue
        so_far = hours_text(hours) if hours else "no approved hours"
        yield outbox.Reminder(
            kind=UNDER_MINIMUM.code,
            subject_ref=f"membership:{membership.pk}",
            period=f"{today:%Y-%m}",
            to=membership.volunteer.email,
            volunteer=membership.volunteer,
            subject=f"{hours_text(hours) if hours else 'No hours'} so far this month in "
            f"{membership.scheme}",
            template="reminder",
            context={
                "lines": [
                    f"Thank you for all you do. So far this month you have {so_far} in "
                    f"{membership.scheme}; the minimum is {hours_text(minimum)} a month.",
                    f"There are {days_left} days left: have a look at the duties "
                    "open to you in your portal.",
                ]
            },
        )


APPLICATIONS_UNTOUCHED = outbox.kind(
    "applications_untouched",
    "Applications have waited 14 days or more at one stage",
    reaches=permissions.is_coordinator,
)
UNTOUCHED_DAYS = 14


@outbox.REMINDERS.register
def applications_untouched(today):
    """Once a week, each coordinator of a scheme with applications left at one stage for
    14 days or more hears how many: people who apply should hear back."""
    stale = (
        Application.objects.filter(
            status=Application.Status.OPEN,
            stage_changed_at__lt=start_of(today - timedelta(UNTOUCHED_DAYS)),
        )
        .values("opportunity__scheme_id", "opportunity__scheme__name")
        .annotate(count=Count("pk"))
    )
    yield from _nudge_coordinators(
        {row["opportunity__scheme_id"]: row for row in stale},
        kind=APPLICATIONS_UNTOUCHED,
        ref=":applications",
        today=today,
        subject=lambda row: f"Applications waiting in {row['opportunity__scheme__name']}",
        lines=lambda row: [
            _applications_waited(row["count"], row["opportunity__scheme__name"]),
            "People who apply should hear back: open “Applicants” in the staff pages.",
        ],
    )


def _applications_waited(count: int, scheme: str) -> str:
    noun, verb = ("1 application", "has") if count == 1 else (f"{count} applications", "have")
    return f"{noun} to {scheme} {verb} waited {UNTOUCHED_DAYS} days or more without moving on."


APPLICANTS_DIGEST = outbox.kind(
    "applicants_digest",
    "A daily round-up of new applicants, for those who turn off one e-mail each",
    reaches=permissions.is_coordinator,
)


@outbox.REMINDERS.register
def applicants_digest(today):
    """A coordinator who turned off one e-mail for each new applicant hears of the day's
    applications to their schemes the next morning, in one message (the first sweep of the
    day sends it; its key holds it to once a day)."""
    yesterday = today - timedelta(days=1)
    made = (
        Application.objects.filter(
            created_at__gte=start_of(yesterday), created_at__lt=start_of(today)
        )
        .values("opportunity__scheme_id", "opportunity__scheme__name")
        .annotate(count=Count("pk"))
    )
    counts = {row["opportunity__scheme_id"]: row for row in made}
    if not counts:
        return
    digest_instead = ReminderOptOut.objects.filter(kind=NEW_APPLICANTS.code).values("volunteer_id")
    coordinators = (
        Membership.objects.coordinators()
        .filter(scheme_id__in=counts, volunteer_id__in=digest_instead)
        .select_related("volunteer")
        .order_by("volunteer_id", "scheme__name")
    )
    schemes_of = defaultdict(list)
    for membership in coordinators:
        schemes_of[membership.volunteer].append(counts[membership.scheme_id])
    for coordinator, rows in schemes_of.items():
        total = sum(row["count"] for row in rows)
        yield outbox.Reminder(
            kind=APPLICANTS_DIGEST.code,
            subject_ref=f"volunteer:{coordinator.pk}",
            period=yesterday.isoformat(),
            to=coordinator.email,
            volunteer=coordinator,
            subject=f"New applicants yesterday: {total}",
            template="reminder",
            context={
                "lines": [
                    *(
                        f"{row['opportunity__scheme__name']}: {row['count']} new "
                        f"application{'s' if row['count'] != 1 else ''}."
                        for row in rows
                    ),
                    "You will find them under “Applicants” on the staff pages.",
                ]
            },
        )
