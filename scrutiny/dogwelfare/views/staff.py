"""The administrator's pages: coverage and assigning visits, the register and its
import, visits, concerns, meetings and the annual report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from schemes.services import followups
from schemes.views.followups import follow_up_views, follow_ups_csv
from volunteers import pdf
from volunteers.exports import as_download, stream_csv
from volunteers.forms import add_errors
from volunteers.models import AuditEvent, Force, Volunteer
from volunteers.pages import paginate
from volunteers.services import record_event

from .. import coverage, report, services
from ..checklist import DOG_CHECKLIST
from ..forms import (
    AssignDogForm,
    ConcernFilterForm,
    CoverageFilterForm,
    DogImportForm,
    MeetingForm,
    RegisterFilterForm,
    VisitFilterForm,
    YearForm,
)
from ..models import Assignment, Dog, DogImport, DogIssue, DogVisit, Meeting
from ..periods import next_period, period_label, period_of
from ..permissions import (
    get_dog_for,
    get_issue_for,
    get_visit_for,
    is_unit_manager,
    managers,
    runs_dog_welfare,
    unit_managers,
)

PER_PAGE = 50


# --- Coverage: every working dog, visited this period or not ---------------------------


def coverage_for(request, *, force_id=None):
    """The coverage list as filtered on this request, for every force or only one (a dog
    unit manager's): (form, dogs with their last visit, [(force, counts)], today)."""
    today = timezone.localdate()
    forces = Force.objects.filter(dogs__isnull=False).distinct()
    if force_id is not None:
        forces = forces.filter(pk=force_id)
    form = CoverageFilterForm(request.GET or None, forces=forces)
    data = form.valid_values()
    dogs = coverage.with_last_visit(Dog.objects.working().filter(force__in=forces))
    if data.get("force"):
        dogs = dogs.filter(force=data["force"])
    if data.get("q"):
        dogs = dogs.filter(name__icontains=data["q"])
    if data.get("status"):
        dogs = coverage.filter_status(dogs, data["status"], today=today)
    per_force = [
        (force, coverage.counts(Dog.objects.filter(force=force), today=today)) for force in forces
    ]
    return form, dogs.order_by("force__short_name", "name", "pk"), per_force, today


@managers
def coverage_page(request):
    form, dogs, per_force, today = coverage_for(request)
    page = paginate(request, dogs, PER_PAGE)
    page.object_list = coverage.lines(page.object_list, today=today)
    return render(
        request,
        "dogwelfare/coverage.html",
        {
            "form": form,
            "page": page,
            "per_force": per_force,
            "period": period_label(period_of(today)),
            "next_period": period_label(next_period(period_of(today))),
            "planned_next": Assignment.objects.filter(period=next_period(period_of(today))).count(),
            "unassigned_now": Dog.objects.working()
            .exclude(assignments__period=period_of(today))
            .count(),
        },
    )


@managers
def coverage_export(request):
    _, dogs, _, today = coverage_for(request)
    header = ["Dog", "Force", "Unit", "Role", "This period", "Last visit", "Assigned to"]
    rows = (
        [
            str(line.dog),
            line.dog.force.short_name,
            line.dog.unit.name,
            line.dog.get_role_display(),
            line.status_label,
            line.last_visit.isoformat() if line.last_visit else "never",
            " and ".join(p.display_name for p in line.assignment.people())
            if line.assignment
            else "",
        ]
        for line in coverage.lines(dogs, today=today)
    )
    return stream_csv("dog-welfare-coverage.csv", header, rows)


@require_POST
@managers
def plan_next(request):
    periods = services.periods_to_assign(timezone.localdate())
    period = periods[1] if request.POST.get("period") != "this" else periods[0]
    try:
        count = services.assign_period(actor=request.user, period=period)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        label = period_label(period)
        messages.success(
            request,
            f"Assigned {count} visit{'s' if count != 1 else ''} for {label}."
            if count
            else f"Every working dog already has a visit assigned for {label}.",
        )
    return redirect("dogwelfare:coverage")


# --- The register ------------------------------------------------------------------------

SORTS = {
    "name": ["name", "pk"],
    "unit": ["unit__name", "name", "pk"],
    "-born_on": ["-born_on", "pk"],
}


def _register(request):
    form = RegisterFilterForm(request.GET or None)
    data = form.valid_values()
    dogs = Dog.objects.select_related("force", "unit")
    retired = data.get("retired") or ""
    if retired == "":
        dogs = dogs.filter(is_retired=False)
    elif retired == "retired":
        dogs = dogs.filter(is_retired=True)
    for name in ("force", "unit", "role"):
        if data.get(name):
            dogs = dogs.filter(**{name: data[name]})
    if data.get("q"):
        dogs = dogs.filter(Q(name__icontains=data["q"]) | Q(collar_number__iexact=data["q"]))
    return form, dogs.order_by(*SORTS[data.get("sort") or "name"])


@managers
def register(request):
    form, dogs = _register(request)
    return render(
        request,
        "dogwelfare/register.html",
        {"form": form, "page": paginate(request, dogs, PER_PAGE)},
    )


@managers
def register_export(request):
    _, dogs = _register(request)
    header = [
        "Name",
        "Force",
        "Unit",
        "Handler's collar number",
        "Breed",
        "Date of birth",
        "Role",
        "Kennelled",
        "Retired on",
    ]
    rows = (
        [
            d.name,
            d.force.short_name,
            d.unit.name,
            d.collar_number,
            d.breed,
            d.born_on.isoformat() if d.born_on else "",
            d.get_role_display(),
            d.get_kennelled_display(),
            d.retired_on.isoformat() if d.retired_on else "",
        ]
        for d in dogs.iterator(chunk_size=1000)
    )
    return stream_csv("dog-register.csv", header, rows)


def dog(request, pk, assign_form=None):
    found = get_dog_for(request.user, pk)
    visits = (
        found.visits.select_related("visitor", "partner")
        .annotate(concern_count=Count("issues"))
        .order_by("-visited_on", "-pk")
    )
    manager = runs_dog_welfare(request.user)
    return render(
        request,
        "dogwelfare/dog.html",
        {
            "dog": found,
            "visits": visits,
            "assignments": found.assignments.select_related("visitor", "partner").order_by(
                "-period"
            ),
            "manager": manager,
            "assign_form": (assign_form or _assign_form(None)) if manager else None,
            "period": period_label(period_of(timezone.localdate())),
        },
    )


def _assign_form(data):
    people = Volunteer.objects.filter(
        pk__in=services.visitors_now().values("volunteer_id")
    ).order_by("last_name", "first_name")
    return AssignDogForm(data, visitors=people)


@require_POST
@managers
def dog_assign(request, pk):
    found = get_dog_for(request.user, pk)
    form = _assign_form(request.POST)
    if form.is_valid():
        try:
            services.assign_dog(actor=request.user, dog=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{found}'s visit this period is assigned.")
            return redirect("dogwelfare:dog", pk=found.pk)
    return dog(request, pk, assign_form=form)


# --- Bringing in a unit's list ------------------------------------------------------------


@managers
def dog_import(request):
    form = DogImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["spreadsheet"]
        checked = services.check_dogs(
            actor=request.user,
            force=form.cleaned_data["force"],
            file_name=upload.name,
            content=upload.read(),
        )
        return redirect("dogwelfare:import-check", pk=checked.pk)
    return render(request, "dogwelfare/import.html", {"form": form})


def _own_import(request, pk):
    return get_object_or_404(
        DogImport.objects.select_related("force"), pk=pk, uploaded_by=request.user
    )


@managers
def import_check(request, pk):
    checked = _own_import(request, pk)
    first_rows, already = services.preview(checked)
    return render(
        request,
        "dogwelfare/import_check.html",
        {"checked": checked, "preview": first_rows, "already": already},
    )


@require_POST
@managers
def import_confirm(request, pk):
    checked = _own_import(request, pk)
    try:
        done = services.bring_in_dogs(dog_import=checked)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dogwelfare:import-check", pk=checked.pk)
    messages.success(
        request, f"Brought in: {done.added} dogs added, {done.updated} brought up to date."
    )
    return redirect("dogwelfare:register")


# --- Visits and concerns -------------------------------------------------------------------


def visit(request, pk):
    found = get_visit_for(request.user, pk)
    record_event(
        actor=request.user,
        volunteer=None,
        action=AuditEvent.Action.READ,
        record=found,
        summary=f"Read the report of the {found}",
    )
    answers = found.checks
    return render(
        request,
        "dogwelfare/visit.html",
        {
            "visit": found,
            "sections": [
                (
                    section,
                    [
                        (
                            c,
                            answers.get(c.code, {}).get("result"),
                            answers.get(c.code, {}).get("note", ""),
                        )
                        for c in section.checks
                    ],
                )
                for section in DOG_CHECKLIST.sections
            ],
            "issues": found.issues.all(),
            "manager": runs_dog_welfare(request.user),
            "may_open_issues": runs_dog_welfare(request.user) or is_unit_manager(request.user),
        },
    )


@managers
def visits(request):
    form = VisitFilterForm(request.GET or None)
    data = form.valid_values()
    found = DogVisit.objects.select_related("dog__force", "visitor", "partner").annotate(
        concern_count=Count("issues")
    )
    if data.get("force"):
        found = found.filter(dog__force=data["force"])
    if data.get("serious"):
        found = found.filter(is_serious=True)
    return render(
        request,
        "dogwelfare/visits.html",
        {"form": form, "page": paginate(request, found.order_by("-visited_on", "-pk"), PER_PAGE)},
    )


def _issues_for(request):
    form = ConcernFilterForm(request.GET or None)
    data = form.valid_values()
    issues = DogIssue.objects.select_related("visit__dog__force")
    issues = followups.in_state(issues, data.get("status") or "open", timezone.localdate())
    if data.get("force"):
        issues = issues.filter(visit__dog__force=data["force"])
    return form, issues.order_by("due_on", "pk")


@managers
def issues(request):
    form, found = _issues_for(request)
    return render(
        request,
        "dogwelfare/issues.html",
        {
            "form": form,
            "page": paginate(request, found, PER_PAGE),
            "today": timezone.localdate(),
        },
    )


@managers
def issues_export(request):
    _, found = _issues_for(request)
    return follow_ups_csv("dog-welfare-concerns.csv", found)


_issue, _answer, _escalate, _close = follow_up_views(
    load=get_issue_for,
    template="dogwelfare/issue.html",
    may_answer=is_unit_manager,
    may_manage=runs_dog_welfare,
)
issue = _issue
issue_respond = require_POST(unit_managers(_answer))
issue_escalate = require_POST(managers(_escalate))
issue_close = require_POST(managers(_close))


# --- Meetings and the annual report --------------------------------------------------------


@managers
def meetings(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.record_meeting(actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"The minutes of {meeting.held_on:%-d %B %Y} are recorded and sent to the visitors.",
        )
        return redirect("dogwelfare:meetings")
    return render(
        request,
        "dogwelfare/meetings.html",
        {"form": form, "page": paginate(request, Meeting.objects.all(), 10)},
    )


def _annual(request):
    today = timezone.localdate()
    years = list(range(today.year, today.year - 5, -1))
    form = YearForm(request.GET or None, years=years)
    year = form.valid_values().get("year") or today.year
    per_force, combined = report.annual(year)
    return form, year, per_force, combined


@managers
def annual(request):
    form, year, per_force, combined = _annual(request)
    return render(
        request,
        "dogwelfare/annual.html",
        {
            "form": form,
            "year": year,
            "per_force": per_force,
            "combined": combined,
            "sections": report.SECTIONS,
        },
    )


def _annual_rows(per_force, combined):
    for row in [*per_force, combined]:
        yield [
            row.name,
            row.dogs,
            row.dogs_visited,
            "" if row.visited_share is None else row.visited_share,
            row.visits,
            row.serious,
            *(row.concerns.get(code, 0) for code, _ in report.SECTIONS),
            row.open_issues,
            row.closed_issues,
            "" if row.median_days_to_close is None else row.median_days_to_close,
        ]


@managers
def annual_export(request):
    _, year, per_force, combined = _annual(request)
    header = [
        "Force",
        "Working dogs",
        "Dogs visited",
        "% visited",
        "Visits",
        "Serious concerns",
        *(f"Concerns: {title}" for _, title in report.SECTIONS),
        "Concerns open",
        "Concerns closed",
        "Median days to close",
    ]
    return stream_csv(f"dog-welfare-{year}.csv", header, _annual_rows(per_force, combined))


@managers
def annual_pdf(request):
    _, year, per_force, combined = _annual(request)
    paragraphs = [
        f"{row.name}\nWorking dogs {row.dogs}; visited {row.dogs_visited}"
        + (f" ({row.visited_share}%)" if row.visited_share is not None else "")
        + f" in {row.visits} visits; serious concerns {row.serious}.\n"
        f"Concerns raised {row.concern_total}: "
        + ", ".join(
            f"{title.lower()} {row.concerns.get(code, 0)}" for code, title in report.SECTIONS
        )
        + f"; open {row.open_issues}, closed {row.closed_issues}"
        + (
            f", median {row.median_days_to_close:g} days to close."
            if row.median_days_to_close is not None
            else "."
        )
        for row in [*per_force, combined]
    ]
    document = pdf.document_pdf(
        heading=f"Dog Welfare visiting: the year {year}",
        paragraphs=paragraphs,
        title=f"Dog Welfare visiting, {year}",
        author="Office of the Police and Crime Commissioner for Hertfordshire",
        brand="Dog Welfare Visiting",
        figures=[
            (str(combined.dogs), "working dogs"),
            (
                f"{combined.visited_share}%" if combined.visited_share is not None else "–",
                "visited in the year",
            ),
            (str(combined.visits), "visits"),
            (str(combined.concern_total), "concerns raised"),
        ],
    )
    return as_download(
        HttpResponse(document, content_type="application/pdf"), f"dog-welfare-{year}.pdf"
    )
