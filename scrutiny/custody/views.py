"""Custody visiting's pages: the manager's rota, reports, concerns and summary; the
visitor's own visits, availability and report form; the custody inspector's answers."""

import uuid
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from schemes.checklists import ChecklistForm
from schemes.views.followups import follow_up_views, follow_ups_csv
from volunteers import pdf
from volunteers.exports import as_download, stream_csv
from volunteers.forms import add_errors
from volunteers.models import AuditEvent, Volunteer
from volunteers.pages import paginate
from volunteers.services import record_event

from . import rota, services, summary
from .checklist import CUSTODY_CHECKLIST
from .forms import (
    AvailabilityForm,
    DetaineeFormSet,
    IssueFilterForm,
    QuarterForm,
    ReportFilterForm,
    SummaryForm,
    SwapForm,
    VisitReportForm,
)
from .models import Allocation, Availability, CustodyIssue, Rota, Suite, SwapRequest, VisitReport
from .permissions import (
    get_issue_for,
    get_own_allocation,
    get_own_visitor,
    get_report_for,
    inspector_force,
    inspectors,
    is_inspector,
    managers,
    may_see_custody_numbers,
    runs_custody_visiting,
)

PER_PAGE = 50
SHOWN = 20  # the visitors without a visit named on the rota page; the rest are counted


def _quarters_around(today):
    this = rota.quarter_of(today)
    return [this, rota.next_quarter(this)]


# --- The manager's rota ------------------------------------------------------------------


@managers
def rota_page(request):
    today = timezone.localdate()
    quarters = _quarters_around(today)
    form = QuarterForm(request.GET or None, quarters=quarters)
    quarter = form.valid_values().get("quarter") or quarters[-1]
    plan = Rota.objects.filter(quarter=quarter).first()
    suites = list(Suite.objects.filter(is_open=True).order_by("name"))
    weeks = rota.weeks_of(quarter)
    grid, gaps = {}, set()
    if plan:
        allocations = plan.allocations.select_related("suite", "first_visitor", "second_visitor")
        for a in allocations:
            grid[(a.week_starting, a.suite_id)] = a
        gaps = {(date_str, suite) for suite, date_str in plan.gaps}
    rows = [
        {
            "week": week,
            "cells": [
                {
                    "suite": suite,
                    "allocation": grid.get((week, suite.pk)),
                    "gap": (week.isoformat(), suite.pk) in gaps,
                }
                for suite in suites
            ],
        }
        for week in weeks
    ]
    given = Availability.objects.filter(quarter=quarter).count()
    swaps = SwapRequest.objects.filter(
        status=SwapRequest.Status.ASKED, allocation__rota__quarter=quarter
    ).select_related("allocation__suite", "asked_by", "colleague")
    loads = {}
    for allocation in grid.values():
        for person in allocation.pair:
            loads[person] = loads.get(person, 0) + 1
    visitors = services.visitors_now()
    unused = visitors.exclude(volunteer_id__in=[person.pk for person in loads])
    return render(
        request,
        "custody/rota.html",
        {
            "form": form,
            "quarter": quarter,
            "label": rota.quarter_label(quarter),
            "plan": plan,
            "suites": suites,
            "rows": rows,
            "gap_count": len(gaps),
            "visitor_count": visitors.count(),
            "availability_given": given,
            "swaps": swaps,
            "loads": sorted(loads.items(), key=lambda item: (-item[1], item[0].last_name)),
            "unused": [m.volunteer for m in unused.order_by("volunteer__last_name")[:SHOWN]],
            "unused_count": unused.count(),
        },
    )


@require_POST
@managers
def rota_plan(request):
    form = QuarterForm(request.POST, quarters=_quarters_around(timezone.localdate()))
    if not form.is_valid():
        messages.error(request, "Choose the quarter to plan.")
        return redirect("custody:rota")
    try:
        plan = services.plan_rota(actor=request.user, quarter=form.cleaned_data["quarter"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = plan.allocations.count()
        gaps = len(plan.gaps)
        messages.success(
            request,
            f"Planned {count} visit{'s' if count != 1 else ''} in pairs"
            + (f"; {gaps} could not be filled (see the gaps below)." if gaps else ".")
            + " Only you see it until you publish it.",
        )
    return redirect(f"{_rota_url()}?quarter={form.cleaned_data['quarter'].isoformat()}")


def _rota_url():
    return reverse("custody:rota")


@require_POST
@managers
def rota_publish(request, pk):
    plan = get_object_or_404(Rota, pk=pk)
    services.publish_rota(actor=request.user, plan=plan)
    messages.success(
        request, "Published: each visitor has been sent their own visits, and no one else's."
    )
    return redirect(f"{_rota_url()}?quarter={plan.quarter.isoformat()}")


@require_POST
@managers
def swap_decide(request, pk):
    swap = get_object_or_404(SwapRequest.objects.select_related("allocation__rota"), pk=pk)
    agree = request.POST.get("decision") == "agree"
    try:
        services.decide_swap(actor=request.user, swap=swap, agree=agree)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Swap agreed: both visitors are told." if agree else "Swap declined: they are told.",
        )
    return redirect(f"{_rota_url()}?quarter={swap.allocation.rota.quarter.isoformat()}")


# --- Reports ---------------------------------------------------------------------------


def _report_quarters():
    today = timezone.localdate()
    quarters, q = [], rota.quarter_of(today)
    for _ in range(8):
        quarters.append(q)
        q = rota.quarter_of(q - timedelta(days=1))
    return quarters


def _reports(request):
    form = ReportFilterForm(request.GET or None, quarters=_report_quarters())
    data = form.valid_values()
    found = VisitReport.objects.select_related(
        "suite", "allocation__first_visitor", "allocation__second_visitor"
    ).annotate(
        concern_count=Count("issues", distinct=True),
        seen=Count("detainees", filter=Q(detainees__consented=True), distinct=True),
    )
    if data.get("suite"):
        found = found.filter(suite=data["suite"])
    if data.get("quarter"):
        start = data["quarter"]
        found = found.filter(
            arrived_at__date__gte=start, arrived_at__date__lt=rota.next_quarter(start)
        )
    if data.get("with_concerns"):
        found = found.filter(issues__isnull=False).distinct()
    return form, found.order_by("-arrived_at", "-pk")


@managers
def reports(request):
    form, found = _reports(request)
    return render(
        request, "custody/reports.html", {"form": form, "page": paginate(request, found, PER_PAGE)}
    )


@managers
def reports_export(request):
    _, found = _reports(request)
    record_event(
        actor=request.user,
        volunteer=None,
        action=AuditEvent.Action.EXPORTED,
        record=None,
        summary="Downloaded the custody visit reports list",
    )
    header = [
        "Suite",
        "Arrived",
        "Left",
        "Visitors",
        "Held",
        "Offered a visit",
        "Seen",
        "Concerns",
        "Independent Reviewer",
    ]
    rows = (
        [
            r.suite.name,
            timezone.localtime(r.arrived_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(r.left_at).strftime("%Y-%m-%d %H:%M"),
            " and ".join(v.display_name for v in r.visitors),
            r.detainees_held,
            r.detainees_offered,
            r.seen,
            r.concern_count,
            "yes" if r.for_independent_reviewer else "",
        ]
        for r in found.iterator(chunk_size=1000)
    )
    return stream_csv("custody-visit-reports.csv", header, rows)


def report(request, pk):
    report = get_report_for(request.user, pk)
    record_event(
        actor=request.user,
        volunteer=None,
        action=AuditEvent.Action.READ,
        record=report,
        summary=f"Read the report of the {report}",
    )
    return render(
        request,
        "custody/report.html",
        {
            "report": report,
            "sections": _answered_sections(report.checks),
            "detainees": report.detainees.all()
            if may_see_custody_numbers(request.user, report)
            else None,
            "seen": report.detainees.filter(consented=True).count(),
            "issues": report.issues.all(),
            "for_managers": runs_custody_visiting(request.user),
        },
    )


def _answered_sections(answers: dict):
    return [
        (
            section,
            [
                (
                    check,
                    answers.get(check.code, {}).get("result"),
                    answers.get(check.code, {}).get("note", ""),
                )
                for check in section.checks
            ],
        )
        for section in CUSTODY_CHECKLIST.sections
    ]


# --- Concerns --------------------------------------------------------------------------


def _issues(request, issues):
    form = IssueFilterForm(request.GET or None)
    data = form.valid_values()
    status = data.get("status") or "open"
    today = timezone.localdate()
    if status == "open":
        issues = issues.still_open()
    elif status == "overdue":
        issues = issues.overdue(today)
    elif status != "all":
        issues = issues.filter(status=status)
    if data.get("suite"):
        issues = issues.filter(report__suite=data["suite"])
    return form, issues.select_related("report__suite").order_by("due_on", "pk")


@managers
def issues(request):
    form, found = _issues(request, CustodyIssue.objects.all())
    return render(
        request,
        "custody/issues.html",
        {"form": form, "page": paginate(request, found, PER_PAGE), "today": timezone.localdate()},
    )


@managers
def issues_export(request):
    _, found = _issues(request, CustodyIssue.objects.all())
    return follow_ups_csv("custody-visit-concerns.csv", found)


_issue, _answer, _escalate, _close = follow_up_views(
    load=get_issue_for,
    template="custody/issue.html",
    may_answer=is_inspector,
    may_manage=runs_custody_visiting,
)
issue = _issue
issue_respond = require_POST(inspectors(_answer))
issue_escalate = require_POST(managers(_escalate))
issue_close = require_POST(managers(_close))


# --- The summary -------------------------------------------------------------------------


def _summary(request):
    today = timezone.localdate()
    years = list(range(today.year, today.year - 5, -1))
    form = SummaryForm(request.GET or None, years=years, initial={"year": today.year})
    data = form.valid_values()
    year = data.get("year") or today.year
    quarter = data.get("quarter")
    start, end = summary.period_bounds(year, quarter)
    per_suite, overall = summary.summarise(start, end, today=today)
    label = f"{start:%B} to {end:%B %Y}" if quarter else str(year)
    return form, per_suite, overall, label


@managers
def summary_page(request):
    form, per_suite, overall, label = _summary(request)
    return render(
        request,
        "custody/summary.html",
        {
            "form": form,
            "per_suite": per_suite,
            "overall": overall,
            "label": label,
            "sections": summary.SECTIONS,
        },
    )


def _summary_rows(per_suite, overall):
    for f in [*per_suite, overall]:
        yield [
            f.name,
            f.target,
            f.visits,
            "" if f.against_target is None else f.against_target,
            f.held,
            f.offered,
            f.seen,
            "" if f.consent_rate is None else f.consent_rate,
            f.children,
            f.vulnerable,
            *(f.concerns.get(code, 0) for code, _ in summary.SECTIONS),
            f.open_issues,
            f.closed_issues,
            "" if f.median_days_to_close is None else f.median_days_to_close,
            f.for_reviewer,
        ]


SUMMARY_HEADER = [
    "Suite",
    "Visits due",
    "Visits made",
    "% of visits due",
    "People held",
    "Offered a visit",
    "Seen",
    "Consent rate %",
    "Children seen",
    "Vulnerable adults seen",
    *(f"Concerns: {title}" for _, title in summary.SECTIONS),
    "Concerns open",
    "Concerns closed",
    "Median days to close",
    "Visits for the Independent Reviewer",
]


@managers
def summary_export(request):
    _, per_suite, overall, label = _summary(request)
    return stream_csv(
        f"custody-visiting-{label.replace(' ', '-').lower()}.csv",
        SUMMARY_HEADER,
        _summary_rows(per_suite, overall),
    )


@managers
def summary_pdf(request):
    _, per_suite, overall, label = _summary(request)
    paragraphs = []
    for f in [*per_suite, overall]:
        concerns = ", ".join(
            f"{title.lower()} {f.concerns.get(code, 0)}" for code, title in summary.SECTIONS
        )
        paragraphs.append(
            f"{f.name}\n"
            f"Visits made: {f.visits} of {f.target} due"
            + (f" ({f.against_target}%)" if f.against_target is not None else "")
            + f".\nPeople held {f.held}, offered a visit {f.offered}, seen {f.seen}"
            + (f" (consent rate {f.consent_rate}%)" if f.consent_rate is not None else "")
            + f"; children seen {f.children}, vulnerable adults seen {f.vulnerable}.\n"
            f"Concerns raised: {f.concern_total} ({concerns}); "
            f"open {f.open_issues}, closed {f.closed_issues}"
            + (
                f", median {f.median_days_to_close} days to close"
                if f.median_days_to_close is not None
                else ""
            )
            + "."
        )
    document = pdf.document_pdf(
        heading=f"Independent custody visiting: {label}",
        paragraphs=paragraphs,
        title=f"Independent custody visiting, {label}",
        author="Office of the Police and Crime Commissioner",
        brand="Independent Custody Visiting",
        figures=[
            (str(overall.visits), "visits made"),
            (
                f"{overall.against_target}%" if overall.against_target is not None else "–",
                "of the visits due",
            ),
            (str(overall.seen), "people seen"),
            (
                f"{overall.consent_rate}%" if overall.consent_rate is not None else "–",
                "agreed to a visit",
            ),
        ],
    )
    response = HttpResponse(document, content_type="application/pdf")
    return as_download(response, f"custody-visiting-{label.replace(' ', '-').lower()}.pdf")


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
    if quarter not in _quarters_around(today):
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
        return redirect("custody:my-visits")
    return render(
        request, "custody/availability.html", {"form": form, "label": rota.quarter_label(quarter)}
    )


def _report_forms(request, allocation):
    data = request.POST if request.method == "POST" else None
    details = VisitReportForm(data, prefix="visit")
    checklist = ChecklistForm(data, prefix="check", checklist=CUSTODY_CHECKLIST)
    detainees = DetaineeFormSet(data, prefix="detainee", initial=None if data else [{}])
    return details, checklist, detainees


def my_visit(request, pk):
    """The visit allocated to the signed-in visitor: its report form, or its report."""
    visitor, allocation = get_own_allocation(request.user, pk)
    filed = VisitReport.objects.filter(allocation=allocation).first()
    if filed:
        return redirect("custody:report", pk=filed.pk)
    details, checklist, detainees = _report_forms(request, allocation)
    key = request.POST.get("submission_key") or str(uuid.uuid4())
    if request.method == "POST" and "add_detainee" in request.POST:
        detainees = _with_one_more(request.POST)
    elif request.method == "POST" and all(f.is_valid() for f in (details, checklist, detainees)):
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
        except ValueError:
            details.add_error(None, "The form was sent incompletely: please send it again.")
        else:
            if made:
                count = report.issues.count()
                messages.success(
                    request,
                    "Thank you: your report is filed"
                    + (
                        f", and the {count} concern{'s' if count != 1 else ''} sent to the force."
                        if count
                        else "."
                    ),
                )
            else:
                messages.info(
                    request,
                    services.FILED_BY_PARTNER
                    if report.submitted_by != visitor
                    else "Your report was already filed.",
                )
            return redirect("custody:report", pk=report.pk)
    return render(
        request,
        "custody/report_form.html",
        {
            "allocation": allocation,
            "partner": allocation.partner_of(visitor),
            "details": details,
            "checklist": checklist,
            "detainees": detainees,
            "submission_key": key,
        },
    )


def _with_one_more(data):
    """The detainee rows as typed, and one more blank row (without checking them yet)."""
    copy = data.copy()
    total = int(copy.get("detainee-TOTAL_FORMS") or 0)
    copy["detainee-TOTAL_FORMS"] = str(min(total + 1, 60))
    bound = DetaineeFormSet(copy, prefix="detainee")
    bound._errors = []  # shown as typed, not judged, until the report is sent
    for form in bound.forms:
        form._errors = {}
    return bound


def swap(request, pk):
    visitor, allocation = get_own_allocation(request.user, pk)
    colleagues = (
        Volunteer.objects.filter(pk__in=services.visitors_now().values("volunteer_id"))
        .exclude(pk__in=[allocation.first_visitor_id, allocation.second_visitor_id])
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
        {"waiting": waiting, "page": reports_page, "today": timezone.localdate()},
    )
