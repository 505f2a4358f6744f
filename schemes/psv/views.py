"""The Police Support Volunteers' role catalogue and placements, for their coordinators and
OPCC staff; the Emergency Services Volunteers' activities, recorded by the volunteers and
listed for their coordinators."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from schemes.kpis import active_people, counted_until, shares_of_answers
from volunteers import dates
from volunteers.catalogue import PSV
from volunteers.exports import stream_csv
from volunteers.formats import hours_text
from volunteers.forms import add_errors
from volunteers.pages import paginate
from volunteers.services import age_breakdown

from . import services
from .forms import (
    CatalogueFilterForm,
    CreditHoursForm,
    EndPlacementForm,
    EsvActivityForm,
    EsvFilterForm,
    PlacementFilterForm,
    PlacementForm,
)
from .kpis import roles_in_use_on
from .models import EsvActivity, Placement, Role
from .permissions import esv_managers, get_own_esv, get_placement_for, psv_managers

PER_PAGE = 50
SORTS = {
    "name": ["volunteer__last_name", "volunteer__first_name", "pk"],
    "role": ["role__setting__name", "role__title", "volunteer__last_name", "pk"],
    "-starts_on": ["-starts_on", "pk"],
}


# --- The catalogue ---------------------------------------------------------------------


def _catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    data = form.valid_values()
    today = timezone.localdate()
    current = Q(placements__starts_on__lte=today) & (
        Q(placements__ends_on__isnull=True) | Q(placements__ends_on__gte=today)
    )
    roles = Role.objects.select_related("setting").annotate(
        placed=Count("placements", filter=current, distinct=True)
    )
    if data.get("service"):
        roles = roles.filter(service=data["service"])
    if data.get("q"):
        roles = roles.filter(Q(title__icontains=data["q"]) | Q(setting__name__icontains=data["q"]))
    return form, roles.order_by("setting__name", "title")


@psv_managers
def catalogue(request):
    form, roles = _catalogue(request)
    roles = list(roles)
    settings = {}
    for role in roles:
        settings.setdefault(role.setting, []).append(role)
    today = timezone.localdate()
    now, year_ago = roles_in_use_on(today), roles_in_use_on(dates.years_before(today, 1))
    change = round((now - year_ago) * 100 / year_ago) if year_ago else None
    people = active_people(today.replace(day=1), scheme_slug=PSV)
    ages = shares_of_answers(age_breakdown(people, today=counted_until(today.replace(day=1))))
    return render(
        request,
        "psv/catalogue.html",
        {
            "form": form,
            "settings": settings,
            "role_count": len(roles),
            "in_use": now,
            "in_use_a_year_ago": year_ago,
            "change": change,
            "ages": ages,
        },
    )


@psv_managers
def catalogue_export(request):
    _, roles = _catalogue(request)
    header = ["Setting", "Role", "Service", "In use", "People placed now"]
    rows = (
        [r.setting.name, r.title, r.get_service_display(), "yes" if r.is_active else "no", r.placed]
        for r in roles
    )
    return stream_csv("psv-roles.csv", header, rows)


# --- Placements --------------------------------------------------------------------------


def _placements(request):
    form = PlacementFilterForm(request.GET or None)
    data = form.valid_values()
    today = timezone.localdate()
    found = Placement.objects.select_related("volunteer", "role__setting")
    when = data.get("when") or "current"
    if when == "current":
        found = found.current_on(today)
    elif when == "ended":
        found = found.filter(ends_on__lt=today)
    if data.get("setting"):
        found = found.filter(role__setting=data["setting"])
    if data.get("role"):
        found = found.filter(role=data["role"])
    if data.get("service"):
        found = found.filter(role__service=data["service"])
    if data.get("q"):
        q = data["q"]
        found = found.filter(
            Q(volunteer__first_name__icontains=q) | Q(volunteer__last_name__icontains=q)
        )
    return form, found.order_by(*SORTS[data.get("sort") or "name"])


@psv_managers
def placements(request):
    form, found = _placements(request)
    page = paginate(request, found, PER_PAGE)
    return render(request, "psv/placements.html", {"form": form, "page": page})


@psv_managers
def placements_export(request):
    _, found = _placements(request)
    header = ["First name", "Last name", "Setting", "Role", "Starts", "Ends", "Supervisor"]
    rows = (
        [
            p.volunteer.first_name,
            p.volunteer.last_name,
            p.role.setting.name,
            p.role.title,
            p.starts_on.isoformat(),
            p.ends_on.isoformat() if p.ends_on else "",
            p.supervisor,
        ]
        for p in found.iterator(chunk_size=2000)
    )
    return stream_csv("psv-placements.csv", header, rows)


@psv_managers
def placement_add(request):
    initial = {"starts_on": timezone.localdate()}
    if request.GET.get("volunteer", "").isdigit():
        initial["volunteer"] = int(request.GET["volunteer"])
    form = PlacementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placement = services.place(
                actor=request.user,
                volunteer=data["volunteer"],
                role=data["role"],
                starts_on=data["starts_on"],
                supervisor=data["supervisor"],
                notes=data["notes"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{placement.volunteer} is placed as {placement.role.title}.")
            return redirect("psv:placement", pk=placement.pk)
    return render(request, "psv/placement_form.html", {"form": form})


def _placement_page(request, placement, **forms):
    hours = placement.hours.select_related("entry").order_by("-entry__worked_on")
    return render(
        request,
        "psv/placement.html",
        {
            "placement": placement,
            "hours": hours,
            "total": hours.aggregate(t=Sum("entry__hours"))["t"] or Decimal("0"),
            "credit_form": forms.get("credit_form")
            or CreditHoursForm(initial={"worked_on": timezone.localdate()}),
            "end_form": forms.get("end_form")
            or EndPlacementForm(initial={"ends_on": placement.ends_on or timezone.localdate()}),
            "current": placement.is_current(timezone.localdate()),
        },
    )


@psv_managers
def placement(request, pk):
    return _placement_page(request, get_placement_for(request.user, pk))


@require_POST
@psv_managers
def placement_hours(request, pk):
    placement = get_placement_for(request.user, pk)
    form = CreditHoursForm(request.POST)
    if form.is_valid():
        try:
            entry = services.credit_hours(
                actor=request.user, placement=placement, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{hours_text(entry.hours)} credited and approved.")
            return redirect("psv:placement", pk=placement.pk)
    return _placement_page(request, placement, credit_form=form)


@require_POST
@psv_managers
def placement_end(request, pk):
    placement = get_placement_for(request.user, pk)
    form = EndPlacementForm(request.POST)
    if form.is_valid():
        try:
            services.end(actor=request.user, placement=placement, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The placement's last day is set.")
            return redirect("psv:placement", pk=placement.pk)
    return _placement_page(request, placement, end_form=form)


# --- Emergency Services Volunteers -------------------------------------------------------


def my_activities(request):
    """An ESV records what they did; the hours go to their coordinator to approve."""
    volunteer = get_own_esv(request.user)
    form = EsvActivityForm(request.POST or None, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_activity(actor=request.user, volunteer=volunteer, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, "Recorded, thank you. Your hours are with your coordinator to approve."
            )
            return redirect("psv:my-activities")
    page = paginate(request, EsvActivity.objects.filter(volunteer=volunteer), 20)
    return render(request, "psv/my_activities.html", {"form": form, "page": page})


def _activities(request):
    form = EsvFilterForm(request.GET or None)
    data = form.valid_values()
    found = EsvActivity.objects.select_related("volunteer", "district")
    for name in ("kind", "outcome"):
        if data.get(name):
            found = found.filter(**{name: data[name]})
    if data.get("done_from"):
        found = found.filter(done_on__gte=data["done_from"])
    if data.get("done_to"):
        found = found.filter(done_on__lte=data["done_to"])
    return form, found


@esv_managers
def activities(request):
    form, found = _activities(request)
    tally = dict(found.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
    outcomes = [(label, tally.get(code, 0)) for code, label in EsvActivity.Outcome.choices]
    page = paginate(request, found, PER_PAGE)
    return render(
        request, "psv/activities.html", {"form": form, "page": page, "outcomes": outcomes}
    )


@esv_managers
def activities_export(request):
    _, found = _activities(request)
    header = ["Date", "What", "District", "Where", "Outcome", "Hours", "Volunteer"]
    rows = (
        [
            a.done_on.isoformat(),
            a.get_kind_display(),
            a.district.name,
            a.place,
            a.get_outcome_display(),
            a.hours,
            a.volunteer.display_name,
        ]
        for a in found.iterator(chunk_size=2000)
    )
    return stream_csv("esv-activities.csv", header, rows)
