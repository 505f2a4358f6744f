"""Bringing people in from a spreadsheet: upload, the check of every row, the progress the
page polls, bringing them in, and the report of what happened to each row."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from . import exports, people_import
from .forms import PeopleImportForm
from .models import PeopleImport
from .pages import paginate
from .permissions import is_opcc_staff, staff_pages
from .tasks import check_people_import, enqueue, write_people_import

PROBLEMS_SHOWN = 200


def _imports_for(user):
    """OPCC staff see every import; a coordinator sees their own."""
    imports = PeopleImport.objects.defer("rows", "outcomes")
    return imports if is_opcc_staff(user) else imports.filter(uploaded_by=user)


def _import(request, pk, *, full=False) -> PeopleImport:
    found = (PeopleImport.objects if full else _imports_for(request.user)).filter(pk=pk)
    if full and not is_opcc_staff(request.user):
        found = found.filter(uploaded_by=request.user)
    upload = found.first()
    if upload is None:
        raise Http404("No such import.")
    return upload


def _run(task, upload, user) -> None:
    """Queue the task once the import is saved; without a broker it runs here and now."""
    transaction.on_commit(lambda: enqueue(task, upload.pk, user.pk) or task(upload.pk, user.pk))


@staff_pages
def import_start(request):
    form = PeopleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["spreadsheet"]
        rows, problems = people_import.read_file(upload.name, upload.read())
        if problems:
            form.add_error("spreadsheet", problems)
        else:
            started = PeopleImport.objects.create(
                uploaded_by=request.user, file_name=upload.name[:200], rows=rows, total=len(rows)
            )
            _run(check_people_import, started, request.user)
            return redirect(started)
    earlier = paginate(request, _imports_for(request.user).select_related("uploaded_by"), 10)
    return render(
        request,
        "volunteers/import_start.html",
        {"form": form, "columns": people_import.COLUMNS, "earlier": earlier},
    )


@require_safe
@staff_pages
def import_template(request):
    headings = [heading for _, heading, _ in people_import.COLUMNS]
    return exports.stream_csv("people-to-bring-in.csv", headings, [people_import.EXAMPLE])


@require_safe
@staff_pages
def import_detail(request, pk):
    upload = _import(request, pk)
    problems = upload.problems[:PROBLEMS_SHOWN] if upload.status == upload.Status.PROBLEMS else []
    return render(
        request,
        "volunteers/import_detail.html",
        {
            "upload": upload,
            "problems": problems,
            "more_problems": max(0, len(upload.problems) - PROBLEMS_SHOWN),
            "rows_with_problems": len(upload.problems),
            "counts": upload.counts() if upload.status == upload.Status.DONE else {},
        },
    )


@require_safe
@staff_pages
def import_progress(request, pk):
    """What the import's page polls while it is checked or written."""
    upload = _import(request, pk)
    return JsonResponse(
        {
            "status": upload.status,
            "label": upload.get_status_display(),
            "done": upload.done,
            "total": upload.total,
            "percent": upload.percent,
            "busy": upload.is_busy,
        }
    )


@require_POST
@staff_pages
def import_confirm(request, pk):
    upload = _import(request, pk)
    # Taken from "checked" to "being brought in" by the database, so a second press (or a
    # colleague's at the same moment) never starts it twice.
    started = PeopleImport.objects.filter(pk=upload.pk, status=PeopleImport.Status.CHECKED)
    if not started.update(status=PeopleImport.Status.WRITING, done=0):
        messages.error(request, "Only a checked file with no problems can be brought in.")
        return redirect(upload)
    _run(write_people_import, upload, request.user)
    messages.success(request, "Bringing them in: this page shows how far it has got.")
    return redirect(upload)


@require_safe
@staff_pages
def import_report(request, pk):
    """Each row's outcome once brought in, or each row's problems before."""
    upload = _import(request, pk, full=True)
    if upload.status == PeopleImport.Status.DONE:
        header = ["Row", "E-mail", "What happened", "What changed"]
        rows = upload.outcomes
    else:
        header = ["Row", "Name", "Problem"]
        rows = (
            [number, who, problem] for number, found, who in upload.problems for problem in found
        )
    return exports.stream_csv(f"import-{upload.pk}-report.csv", header, rows)
