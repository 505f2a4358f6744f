"""Coordinators' pages: the roster, duties, attendance, hours to approve, the minimums grid."""

from datetime import datetime, timedelta
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from volunteers import dates
from volunteers.exports import stream_csv
from volunteers.formats import hours_text, long_date
from volunteers.forms import add_errors
from volunteers.models import Membership, Volunteer
from volunteers.pages import paginate
from volunteers.permissions import can_change_scheme, schemes_run_by, staff_pages

from .. import permissions
from ..forms import (
    AttendanceForm,
    CancelDutyForm,
    DutyCreateForm,
    DutyForm,
    MinimumsFilterForm,
    RejectHoursForm,
    RosterFilterForm,
)
from ..models import Duty, HoursEntry, Signup
from ..services import duties as duty_services
from ..services import hours as hours_services
from ..services import minimums
from ..services.roster import month_weeks, week_days

HOURS_PER_PAGE = 25
PEOPLE_PER_PAGE = 50


@staff_pages
def roster(request):
    form = RosterFilterForm(request.GET or None, schemes=schemes_run_by(request.user))
    data = form.valid_values()
    view = data.get("view") or "week"
    day = data.get("date") or timezone.localdate()
    if view == "month":
        weeks = month_weeks(day)
        first, last = weeks[0][0], weeks[-1][-1]
        previous, following = (day.replace(day=1) - timedelta(days=1)), weeks[-1][-1] + timedelta(1)
    else:
        days = week_days(day)
        first, last = days[0], days[-1]
        previous, following = first - timedelta(days=7), first + timedelta(days=7)
    schemes = [data["scheme"]] if data.get("scheme") else schemes_run_by(request.user)
    duties = (
        Duty.objects.filter(scheme__in=schemes)
        .between(first, last)
        .select_related("scheme", "district")
    )
    by_day: dict = {}
    for duty in duties:
        by_day.setdefault(timezone.localtime(duty.starts_at).date(), []).append(duty)
    query = request.GET.copy()
    return render(
        request,
        "schemes/roster.html",
        {
            "form": form,
            "view": view,
            "first": first,
            "last": last,
            "days": [(d, by_day.get(d, [])) for d in week_days(day)] if view == "week" else None,
            "weeks": [[(d, by_day.get(d, [])) for d in week] for week in weeks]
            if view == "month"
            else None,
            "month": day.replace(day=1),
            "total": sum(len(v) for v in by_day.values()),
            "short": sum(1 for v in by_day.values() for d in v if d.is_short()),
            "previous_url": _with(query, date=previous.isoformat()),
            "next_url": _with(query, date=following.isoformat()),
            "today": timezone.localdate(),
        },
    )


def _with(query, **changes) -> str:
    query = query.copy()
    for name, value in changes.items():
        query[name] = value
    return "?" + query.urlencode()


@staff_pages
def duty_detail(request, pk):
    duty = permissions.get_duty_for_staff(request.user, pk)
    signups = list(duty.signups.select_related("volunteer").order_by("created_at", "pk"))
    taking = [s for s in signups if s.takes_a_place]
    started = duty.starts_at <= timezone.now()
    can_change = can_change_scheme(request.user, duty.scheme)
    return render(
        request,
        "schemes/duty_detail.html",
        {
            "duty": duty,
            "booked": taking,
            "waiting": [s for s in signups if s.status == Signup.Status.WAITLISTED],
            "cancelled": [s for s in signups if s.status == Signup.Status.CANCELLED],
            # No one marks their own attendance (it credits approved hours): a second must.
            "attendance_form": AttendanceForm(
                signups=[s for s in taking if s.volunteer.user_id != request.user.pk]
            )
            if started and taking and can_change and not duty.is_cancelled
            else None,
            "can_change": can_change,
            "started": started,
        },
    )


@staff_pages
def duty_create(request):
    schemes = schemes_run_by(request.user)
    initial = {"scheme": schemes.filter(slug=request.GET.get("scheme")).first()}
    form = DutyCreateForm(request.POST or None, schemes=schemes, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = duty_services.create_duty(
                actor=request.user, duty=form.save(commit=False), weeks=form.cleaned_data["weeks"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if len(created) == 1:
                messages.success(request, f"“{created[0].title}” is on the roster.")
                return redirect(created[0])
            messages.success(request, f"{len(created)} weekly duties are on the roster.")
            return redirect(reverse("schemes:roster") + f"?date={created[0].starts_at.date()}")
    return render(request, "schemes/duty_form.html", {"form": form, "duty": None})


@staff_pages
def duty_copy(request, pk):
    """The create form filled in from an existing duty, a week later."""
    duty = permissions.get_duty_for_change(request.user, pk)
    copy = duty_services.copy_duty(duty)
    initial = model_to_dict(copy, fields=DutyForm.Meta.fields) | {"weeks": 1}
    form = DutyCreateForm(initial=initial, schemes=schemes_run_by(request.user))
    return render(request, "schemes/duty_form.html", {"form": form, "duty": None, "copied": duty})


@staff_pages
def duty_edit(request, pk):
    duty = permissions.get_duty_for_change(request.user, pk)
    form = DutyForm(request.POST or None, instance=duty, schemes=schemes_run_by(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            duty_services.update_duty(duty=form.instance, changed=form.changed_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The duty is saved. Anyone booked sees the change.")
            return redirect(duty)
    return render(request, "schemes/duty_form.html", {"form": form, "duty": duty})


@staff_pages
def duty_cancel(request, pk):
    duty = permissions.get_duty_for_change(request.user, pk)
    affected = duty.signups.filter(
        status__in=[Signup.Status.BOOKED, Signup.Status.WAITLISTED]
    ).count()
    form = CancelDutyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = duty_services.cancel_duty(duty=duty, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"The duty is cancelled. We have e-mailed {told} "
                f"{'person' if told == 1 else 'people'}.",
            )
        return redirect(duty)
    return render(
        request, "schemes/duty_cancel.html", {"duty": duty, "form": form, "affected": affected}
    )


@require_POST
@staff_pages
def duty_attendance(request, pk):
    duty = permissions.get_duty_for_change(request.user, pk)
    others = duty.signups.taking_places().exclude(volunteer__user=request.user)  # see below
    form = AttendanceForm(request.POST, signups=others.select_related("volunteer"))
    if form.is_valid():
        marks = form.marks()
        try:
            duty_services.mark_attendance(actor=request.user, duty=duty, attended=marks)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            came = sum(marks.values())
            messages.success(
                request, f"Attendance saved: {came} attended, and their hours are credited."
            )
    return redirect(duty)


@staff_pages
def hours_queue(request):
    schemes = schemes_run_by(request.user)
    status = request.GET.get("status") or HoursEntry.Status.PENDING
    if status not in HoursEntry.Status.values:
        status = HoursEntry.Status.PENDING
    entries = (
        permissions.hours_for_decision(request.user)
        .filter(status=status)
        .select_related("volunteer", "scheme")
        .order_by("worked_on", "pk")
    )
    scheme = schemes.filter(slug=request.GET.get("scheme") or "").first()
    if scheme:
        entries = entries.filter(scheme=scheme)
    page = paginate(request, entries, HOURS_PER_PAGE)
    return render(
        request,
        "schemes/hours_queue.html",
        {
            "page": page,
            "schemes": schemes,
            "scheme": scheme,
            "status": status,
            "statuses": HoursEntry.Status.choices,
            "reject_form": RejectHoursForm(),
            "undo": _undoable(request),
        },
    )


LAST_BATCH = "cip_last_hours_batch"  # in the session: the approvals "Undo" takes back


def _undoable(request) -> dict | None:
    """The last batch this person approved, while it can still be taken back."""
    batch = request.session.get(LAST_BATCH)
    if not batch:
        return None
    at = datetime.fromisoformat(batch["at"])
    if timezone.now() - at > timedelta(minutes=hours_services.UNDO_MINUTES):
        return None
    return {
        "count": len(batch["ids"]),
        "until": at + timedelta(minutes=hours_services.UNDO_MINUTES),
    }


def _back_to_queue(request):
    return redirect(
        reverse("schemes:hours-queue") + "?" + request.POST.get("next_query", "").lstrip("?")
    )


@require_POST
@staff_pages
def hours_approve_many(request):
    """Approve the ticked entries at once, with a summary and an undo for a while."""
    ids = [int(value) for value in request.POST.getlist("entry") if value.isdigit()]
    entries = list(
        permissions.hours_for_decision(request.user)
        .filter(pk__in=ids[:HOURS_PER_PAGE])
        .select_related("volunteer", "scheme")
        .order_by("worked_on", "pk")
    )
    if not entries:
        messages.error(request, "Tick the entries you want to approve first.")
        return _back_to_queue(request)
    batch = hours_services.approve_many(actor=request.user, entries=entries)
    if batch.approved:
        count = len(batch.approved)
        request.session[LAST_BATCH] = {
            "ids": [entry.pk for entry in batch.approved],
            "at": timezone.now().isoformat(),
        }
        messages.success(
            request,
            f"Approved {count} entr{'y' if count == 1 else 'ies'}, "
            f"{hours_text(batch.hours)} in all. You can undo this here for "
            f"{hours_services.UNDO_MINUTES} minutes.",
        )
    for entry, why in batch.refused:
        messages.error(
            request,
            f"Not approved: {entry.volunteer}'s {hours_text(entry.hours)} on "
            f"{long_date(entry.worked_on)}. {why}",
        )
    return _back_to_queue(request)


@require_POST
@staff_pages
def hours_undo(request):
    """Take back the last batch of approvals, while it is recent enough."""
    batch = request.session.pop(LAST_BATCH, None)
    undone = 0
    if batch:
        undone = hours_services.undo_approvals(actor=request.user, entry_ids=batch["ids"])
    if undone:
        messages.success(
            request,
            f"Undone: {undone} entr{'y' if undone == 1 else 'ies'} wait for approval again.",
        )
    else:
        messages.error(request, "There is nothing left to undo.")
    return _back_to_queue(request)


@require_POST
@staff_pages
def hours_decide(request, pk):
    entry = permissions.get_hours_for_decision(request.user, pk)
    approve = request.POST.get("decision") == "approve"
    form = RejectHoursForm(request.POST)
    reason = form.data.get("reason", "")
    try:
        hours_services.decide_hours(actor=request.user, entry=entry, approve=approve, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        amount = f"{hours_text(entry.hours)} from {entry.volunteer}"
        messages.success(
            request, f"Approved {amount}." if approve else f"Sent {amount} back with your reason."
        )
    return redirect(
        reverse("schemes:hours-queue") + "?" + request.POST.get("next_query", "").lstrip("?")
    )


class GridFilter(NamedTuple):
    """The minimum-hours grid as filtered: whom, which months, and how they are ordered."""

    form: MinimumsFilterForm
    scheme: object
    people: object
    months: list
    judged: object  # the month need is judged by
    order: str


def _minimums_filter(request) -> GridFilter:
    schemes = schemes_run_by(request.user)
    form = MinimumsFilterForm(request.GET or None, schemes=schemes)
    data = form.valid_values()
    scheme = (
        data.get("scheme")
        or schemes.filter(monthly_minimum_hours__isnull=False).first()
        or schemes.first()
    )
    active = Membership.objects.filter(scheme=scheme, status=Membership.Status.ACTIVE)
    people = (
        Volunteer.objects.filter(pk__in=active.values("volunteer_id"))
        .select_related("district")
        .order_by("last_name", "first_name", "pk")
    )
    if data.get("district"):
        people = people.filter(district=data["district"])
    today = timezone.localdate()
    months = dates.months_up_to(data.get("month") or today, 6)
    judged = minimums.judged_month(months, today)
    order = data.get("order") or "need"
    if order == "need" and scheme is not None:
        people = minimums.most_in_need_first(people, scheme=scheme, months=months, judged=judged)
    return GridFilter(form, scheme, people, months, judged, order)


@staff_pages
def minimums_grid(request):
    form, scheme, people, months, judged, order = _minimums_filter(request)
    page = paginate(request, people, PEOPLE_PER_PAGE)
    context = {
        "form": form,
        "scheme": scheme,
        "months": months,
        "page": page,
    }
    if scheme is not None:
        columns = minimums.column_totals(
            scheme=scheme, volunteers=people, months=months, headcount=page.paginator.count
        )
        context |= {
            "rows": minimums.grid_rows(scheme=scheme, volunteers=page.object_list, months=months),
            "columns": columns,
            "judged": columns[months.index(judged)],
            "order": order,
        }
    return render(request, "schemes/minimums.html", context)


@staff_pages
def minimums_export(request):
    _, scheme, people, months, _, _ = _minimums_filter(request)
    header = ["First name", "Last name", "District"] + [f"{m:%B %Y}" for m in months] + ["Total"]

    def rows():
        chunk = 500
        for start in range(0, people.count(), chunk):
            for row in minimums.grid_rows(
                scheme=scheme, volunteers=people[start : start + chunk], months=months
            ):
                person = row.volunteer
                yield [
                    person.first_name,
                    person.last_name,
                    person.district.name if person.district else "",
                    *[cell.hours for cell in row.cells],
                    row.total,
                ]

    return stream_csv(f"minimum-hours-{scheme.slug if scheme else 'none'}.csv", header, rows())
