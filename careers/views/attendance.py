"""Attendance below the minimum, for managers: who fell short in a month, where each is in
the series, the next step to issue, and the letters as printable pages and PDFs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from volunteers.dates import months_up_to
from volunteers.exports import as_download, stream_csv
from volunteers.forms import add_errors
from volunteers.models import Volunteer
from volunteers.pages import paginate
from volunteers.permissions import get_own_volunteer

from .. import attendance, permissions
from ..forms import LeaveForm, MonthForm
from ..letters import letter_pdf
from ..models import AttendanceAction
from .records import record_page

PER_PAGE = 25


def _months():
    """The last twelve complete months, newest first."""
    this_month = timezone.localdate().replace(day=1)
    return months_up_to(this_month, 13)[:-1][::-1]


def _chosen_month(request):
    months = _months()
    form = MonthForm(request.GET or None, months=months)
    if form.is_valid():
        return form, form.cleaned_data["month"]
    return MonthForm(initial={"month": f"{months[0]:%Y-%m}"}, months=months), months[0]


def _ordered(ids):
    people = Volunteer.objects.select_related("district", "service_record").in_bulk(ids)
    return [people[pk] for pk in ids]


@permissions.specials_managers
def review(request):
    form, month = _chosen_month(request)
    below, on_leave = attendance.below_minimum(month)
    page = paginate(request, below, PER_PAGE)
    rows = attendance.rows_for(_ordered(list(page.object_list)), month)
    return render(
        request,
        "careers/attendance.html",
        {
            "form": form,
            "month": month,
            "page": page,
            "rows": rows,
            "on_leave": _ordered(on_leave),
            "own_pk": _own_pk(request.user),
            "minimum": attendance.minimum(),
        },
    )


@permissions.specials_managers
def review_export(request):
    form, month = _chosen_month(request)
    below, _ = attendance.below_minimum(month)

    def lines():
        for start in range(0, len(below), 500):
            for row in attendance.rows_for(_ordered(below[start : start + 500]), month):
                person = row.volunteer
                yield [
                    person.first_name,
                    person.last_name,
                    person.email,
                    row.hours,
                    len(row.run),
                    row.last_action.get_stage_display() if row.last_action else "",
                    row.this_month.get_stage_display() if row.this_month else "",
                    row.next_stage.label if row.next_stage else "",
                ]

    header = [
        "First name",
        "Last name",
        "E-mail",
        f"Hours in {month:%B %Y}",
        "Months below in a row",
        "Last step in this series",
        "Issued for this month",
        "Next step",
    ]
    return stream_csv(f"attendance-{month:%Y-%m}.csv", header, lines())


@permissions.specials_managers
@require_POST
def issue(request):
    volunteer = permissions.get_special_for(request.user, request.POST.get("volunteer") or 0)
    form = MonthForm(request.POST, months=_months())
    if not form.is_valid():
        messages.error(request, "Choose a month from the list.")
        return redirect("careers:attendance")
    month = form.cleaned_data["month"]
    try:
        action = attendance.issue(
            actor=request.user,
            volunteer=volunteer,
            month=month,
            stage=request.POST.get("stage", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('careers:attendance')}?month={month:%Y-%m}")
    messages.success(request, f"{action.get_stage_display()} issued to {volunteer.display_name}.")
    return redirect(action)


def _own_pk(user):
    own = get_own_volunteer(user)
    return own.pk if own else None


def _ticked(request, month) -> tuple[list[int], list[int]]:
    """(ticked Specials this manager may issue to, below the minimum in `month` and not on
    leave, in the list's order; the other ticked ids). A page of the list at a time."""
    ticked = [int(v) for v in request.POST.getlist("volunteer") if v.isdigit()][:PER_PAGE]
    below, _ = attendance.below_minimum(month)
    visible = set(
        Volunteer.objects.visible_to(request.user)
        .filter(pk__in=set(ticked) & set(below))
        .exclude(pk=_own_pk(request.user))
        .values_list("pk", flat=True)
    )
    return [pk for pk in below if pk in visible], [pk for pk in ticked if pk not in visible]


@permissions.specials_managers
@require_POST
def issue_many(request):
    """Issue the next step to the ticked Specials: first a page saying what will be issued
    (reminders are e-mailed at once and cannot be taken back), then, confirmed, issue."""
    form = MonthForm(request.POST, months=_months())
    if not form.is_valid():
        messages.error(request, "Choose a month from the list.")
        return redirect("careers:attendance")
    month = form.cleaned_data["month"]
    back = f"{reverse('careers:attendance')}?month={month:%Y-%m}"
    ids, others = _ticked(request, month)
    if request.POST.get("confirmed") != "yes":
        due = [row for row in attendance.rows_for(_ordered(ids), month) if row.next_stage]
        if not due:
            messages.error(request, "Tick the Specials to issue the next step to first.")
            return redirect(back)
        steps = {}
        for row in due:
            steps.setdefault(row.next_stage.label, []).append(row.volunteer)
        return render(
            request,
            "careers/attendance_confirm.html",
            {"month": month, "rows": due, "steps": steps, "back": back},
        )
    # The steps as confirmed: a step that changed meanwhile is refused, not swapped.
    people = _ordered(ids)
    steps = [(person, request.POST.get(f"step-{person.pk}", "")) for person in people]
    done = attendance.issue_many(actor=request.user, month=month, steps=steps)
    for person in Volunteer.objects.visible_to(request.user).filter(pk__in=others):
        done.refused.append((person, attendance.NO_LONGER_BELOW))
    if done.issued:
        summary = "; ".join(f"{label}: {count}" for label, count in done.counts())
        messages.success(request, f"Issued for {month:%B %Y}. {summary}.")
    for volunteer, why in done.refused:
        messages.error(request, f"Not issued to {volunteer.display_name}: {why}")
    return redirect(back)


def _action_for(request, pk) -> AttendanceAction:
    action = (
        AttendanceAction.objects.filter(
            pk=pk, volunteer__in=Volunteer.objects.visible_to(request.user)
        )
        .select_related("volunteer", "issued_by")
        .first()
    )
    if action is None:
        raise Http404("No such letter.")
    return action


@permissions.specials_managers
def letter(request, pk):
    return render(request, "careers/letter.html", {"action": _action_for(request, pk)})


@permissions.specials_managers
def letter_download(request, pk):
    action = _action_for(request, pk)
    response = HttpResponse(letter_pdf(action), content_type="application/pdf")
    name = f"{action.stage}-{action.month:%Y-%m}-{action.volunteer.last_name}.pdf"
    return as_download(response, name)


@permissions.specials_managers
@require_POST
def leave_add(request, pk):
    volunteer = permissions.get_special_for(request.user, pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            leave = attendance.record_leave(
                actor=request.user, volunteer=volunteer, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"Leave of absence recorded ({leave.get_kind_display().lower()})."
            )
            return redirect(reverse("careers:special-detail", args=[volunteer.pk]))
    return record_page(request, volunteer, leave_form=form)
