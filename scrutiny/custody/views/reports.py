"""The manager's reports, concerns and the summary for the Commissioner's panel."""

from datetime import timedelta

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from schemes.services import followups
from schemes.views.followups import follow_up_views, follow_ups_csv
from volunteers import pdf
from volunteers.exports import as_download, stream_csv
from volunteers.models import AuditEvent
from volunteers.pages import paginate
from volunteers.services import record_event

from .. import rota, summary
from ..checklist import CUSTODY_CHECKLIST
from ..forms import (
    IssueFilterForm,
    ReportFilterForm,
    SummaryForm,
)
from ..models import CustodyIssue, VisitReport
from ..permissions import (
    get_issue_for,
    get_report_for,
    inspectors,
    is_inspector,
    managers,
    may_see_custody_numbers,
    runs_custody_visiting,
)

PER_PAGE = 50


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
    if data.get("for_reviewer"):
        found = found.filter(for_independent_reviewer=True)
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
            "may_open_issues": runs_custody_visiting(request.user) or is_inspector(request.user),
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
    issues = followups.in_state(issues, data.get("status") or "open", timezone.localdate())
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
    first = VisitReport.objects.order_by("arrived_at").values_list("arrived_at", flat=True).first()
    since = timezone.localtime(first).year if first else today.year
    years = list(range(today.year, since - 1, -1))  # the years with visits
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
            f.children_shown,
            f.vulnerable_shown,
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
            + f"; children seen {f.children_shown}, vulnerable adults seen {f.vulnerable_shown}.\n"
            f"Concerns raised: {f.concern_total} ({concerns}); "
            f"open {f.open_issues}, closed {f.closed_issues}"
            + (
                f", median {f.median_days_to_close:g} days to close"
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
