"""The visitor's own pages (their visits, availability, the report form, swaps) and the
custody inspector's."""

import uuid
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms import BaseForm
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils import timezone

from schemes.checklists import ChecklistForm
from volunteers.forms import add_errors
from volunteers.models import Volunteer
from volunteers.pages import paginate

from .. import rota, services
from ..checklist import CUSTODY_CHECKLIST
from ..forms import (
    AvailabilityForm,
    DetaineeFormSet,
    SwapForm,
    VisitReportForm,
)
from ..models import Allocation, Availability, CustodyIssue, SwapRequest, VisitReport
from ..permissions import (
    get_own_allocation,
    get_own_visitor,
    inspector_force,
    inspectors,
)
from ..validators import check_no_custody_number

PER_PAGE = 50
SENT_INCOMPLETELY = "The form was sent incompletely: please send it again."
ALREADY_FILED = "Your report was already filed."


# --- The visitor's own pages -----------------------------------------------------------


def my_visits(request):
    visitor = get_own_visitor(request.user)
    today = timezone.localdate()
    allocations = (
        Allocation.objects.published()
        .of(visitor)
        .select_related("suite", "first_visitor", "second_visitor", "report")
        .order_by("week_starting")
    )
    upcoming = [a for a in allocations if not hasattr(a, "report")]
    asked = set(
        SwapRequest.objects.filter(
            asked_by=visitor, status=SwapRequest.Status.ASKED, allocation__in=upcoming
        ).values_list("allocation_id", flat=True)
    )
    filed = [a for a in allocations if hasattr(a, "report")]
    next_quarter = rota.next_quarter(rota.quarter_of(today))
    outcomes = (
        CustodyIssue.objects.filter(report__allocation__in=Allocation.objects.of(visitor))
        .select_related("report__suite")
        .order_by("-raised_at")[:20]
    )
    return render(
        request,
        "custody/my_visits.html",
        {
            "visitor": visitor,
            "upcoming": upcoming,
            "swaps_asked": asked,
            "filed": filed,
            "today": today,
            "next_quarter": next_quarter,
            "next_label": rota.quarter_label(next_quarter),
            "availability": Availability.objects.filter(
                volunteer=visitor, quarter=next_quarter
            ).first(),
            "outcomes": outcomes,
        },
    )


def availability(request, quarter):
    visitor = get_own_visitor(request.user)
    today = timezone.localdate()
    try:
        quarter = rota.quarter_of(date.fromisoformat(quarter))
    except ValueError:
        quarter = rota.next_quarter(rota.quarter_of(today))
    if quarter not in rota.quarters_to_plan(today):
        return redirect(
            "custody:availability", quarter=rota.next_quarter(rota.quarter_of(today)).isoformat()
        )
    given = Availability.objects.filter(volunteer=visitor, quarter=quarter).first()
    initial = (
        {"weeks_away": given.weeks_away, "most_visits": given.most_visits, "note": given.note}
        if given
        else {"most_visits": 3}
    )
    form = AvailabilityForm(request.POST or None, initial=initial, quarter=quarter)
    if request.method == "POST" and form.is_valid():
        services.save_availability(volunteer=visitor, quarter=quarter, **form.cleaned_data)
        messages.success(
            request,
            f"Thank you: your availability for {rota.quarter_label(quarter)} is with the manager.",
        )
        for clash in services.visits_in_weeks(visitor, form.cleaned_data["weeks_away"]):
            messages.warning(
                request,
                f"You are allocated to visit {clash.suite} the week of "
                f"{clash.week_starting:%-d %B}: ask to swap it if you cannot go.",
            )
        return redirect("custody:my-visits")
    return render(
        request, "custody/availability.html", {"form": form, "label": rota.quarter_label(quarter)}
    )


def _report_forms(request, allocation):
    data = request.POST if request.method == "POST" else None
    details = VisitReportForm(data, prefix="visit")
    checklist = ChecklistForm(
        data,
        prefix="check",
        checklist=CUSTODY_CHECKLIST,
        note_validators=[check_no_custody_number],
    )
    detainees = DetaineeFormSet(data, prefix="detainee", initial=None if data else [{}])
    return details, checklist, detainees


def my_visit(request, pk):
    """The visit allocated to the signed-in visitor: its report form, or its report."""
    visitor, allocation = get_own_allocation(request.user, pk)
    filed = VisitReport.objects.filter(allocation=allocation).first()
    if filed:
        return redirect("custody:report", pk=filed.pk)
    if allocation.week_starting > timezone.localdate():
        messages.info(request, services.NOT_YET)
        return redirect("custody:my-visits")
    details, checklist, detainees = _report_forms(request, allocation)
    key = request.POST.get("submission_key") or str(uuid.uuid4())
    if request.method == "POST" and "add_detainee" in request.POST:
        detainees = _with_one_more(request.POST)
        for form in (details, checklist):
            _shown_as_typed(form)
    elif request.method == "POST" and all(f.is_valid() for f in (details, checklist, detainees)):
        done = _file(request, visitor, allocation, key, details, checklist, detainees)
        if done:
            return done
    for number, form in enumerate(detainees, start=1):
        for field in form.fields.values():  # so a problem says whose row it is
            field.label = f"Person {number}: {str(field.label)[0].lower()}{str(field.label)[1:]}"
    return render(
        request,
        "custody/report_form.html",
        {
            "allocation": allocation,
            "partner": allocation.partner_of(visitor),
            "details": details,
            "checklist": checklist,
            "detainees": detainees,
            "all_forms": [details, checklist, *detainees],
            "submission_key": key,
        },
    )


def _file(request, visitor, allocation, key, details, checklist, detainees):
    """File the report from valid forms; the report's page, or None with the problem
    shown on the form."""
    try:
        report, made = services.submit_report(
            volunteer=visitor,
            allocation=allocation,
            submission_key=uuid.UUID(key),
            details=details.cleaned_data,
            detainees=[f.cleaned_data for f in detainees if f.cleaned_data],
            answers=checklist.answers(),
        )
    except ValidationError as error:
        add_errors(details, error)
        return None
    except ValueError:
        details.add_error(None, SENT_INCOMPLETELY)
        return None
    if not made:
        filed_by_me = report.submitted_by == visitor
        messages.info(request, ALREADY_FILED if filed_by_me else services.FILED_BY_PARTNER)
    else:
        count = report.issues.count()
        sent = f", and the {count} concern{'s' if count != 1 else ''} sent to the force."
        messages.success(request, "Thank you: your report is filed" + (sent if count else "."))
    return redirect("custody:report", pk=report.pk)


def _shown_as_typed(form) -> None:
    """Show a bound form (or formset) as typed, not judged: adding a row to the report is
    not sending it."""
    form._errors = ErrorDict() if isinstance(form, BaseForm) else []
    if not isinstance(form, BaseForm):
        form._non_form_errors = form.error_class()
        for row in form.forms:
            _shown_as_typed(row)


def _with_one_more(data):
    """The detainee rows as typed, and one more blank row."""
    copy = data.copy()
    total = int(copy.get("detainee-TOTAL_FORMS") or 0)
    copy["detainee-TOTAL_FORMS"] = str(min(total + 1, 60))
    bound = DetaineeFormSet(copy, prefix="detainee")
    _shown_as_typed(bound)
    return bound


def swap(request, pk):
    visitor, allocation = get_own_allocation(request.user, pk)
    busy = Allocation.objects.filter(
        rota=allocation.rota, week_starting=allocation.week_starting
    ).values_list("first_visitor_id", "second_visitor_id")
    colleagues = (
        Volunteer.objects.filter(pk__in=services.visitors_now().values("volunteer_id"))
        .exclude(pk__in={pk for pair in busy for pk in pair})  # this pair, and those out then
        .order_by("last_name", "first_name")
    )
    form = SwapForm(request.POST or None, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_swap(volunteer=visitor, allocation=allocation, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                "Asked: the manager will agree it or get in touch, and you will hear by e-mail.",
            )
            return redirect("custody:my-visits")
    return render(request, "custody/swap.html", {"form": form, "allocation": allocation})


# --- The custody inspector -------------------------------------------------------------


@inspectors
def force_home(request):
    force = inspector_force(request.user)
    escalated = (
        CustodyIssue.objects.filter(
            report__suite__force_id=force, status=CustodyIssue.Status.ESCALATED
        )
        .select_related("report__suite")
        .order_by("escalated_at", "pk")
    )
    waiting = (
        CustodyIssue.objects.filter(
            report__suite__force_id=force, status=CustodyIssue.Status.WITH_FORCE
        )
        .select_related("report__suite")
        .order_by("due_on", "pk")
    )
    reports_page = paginate(
        request,
        VisitReport.objects.for_force(force)
        .select_related("suite")
        .annotate(concern_count=Count("issues"))
        .order_by("-arrived_at", "-pk"),
        PER_PAGE,
    )
    return render(
        request,
        "custody/force_home.html",
        {
            "waiting": waiting,
            "escalated": escalated,
            "page": reports_page,
            "today": timezone.localdate(),
        },
    )
