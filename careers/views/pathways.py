"""Career pathways: a Special sees where they may apply and why not elsewhere, applies and
follows their applications; pathway leads and managers decide. Also the route to becoming
a regular officer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from volunteers.forms import add_errors
from volunteers.pages import paginate

from .. import pathways, permissions
from ..forms import ApplicationFilterForm, ApplyForm, DecisionForm, RegularRouteForm
from ..models import Pathway, PathwayApplication, RegularRoute

APPLICATIONS_PER_PAGE = 25


def _my_pathways(request, volunteer, *, apply_forms=None, status=200):
    standings = pathways.standings(volunteer)
    apply_forms = apply_forms or {}
    rows = [
        (
            standing,
            apply_forms.get(standing.pathway.slug) or ApplyForm(prefix=standing.pathway.slug),
        )
        for standing in standings
    ]
    return render(
        request,
        "careers/my_pathways.html",
        {
            "rows": rows,
            "eligible": sum(1 for standing in standings if standing.can_apply),
            "applications": PathwayApplication.objects.filter(volunteer=volunteer).select_related(
                "pathway"
            ),
            "route": RegularRoute.objects.filter(volunteer=volunteer).first(),
        },
        status=status,
    )


def my_pathways(request):
    return _my_pathways(request, permissions.get_own_special(request.user))


@require_POST
def apply(request, slug):
    volunteer = permissions.get_own_special(request.user)
    pathway = get_object_or_404(Pathway, slug=slug)
    if PathwayApplication.objects.open().filter(volunteer=volunteer, pathway=pathway).exists():
        messages.info(request, pathways.ALREADY_APPLIED)
        return redirect("careers:my-pathways")
    form = ApplyForm(request.POST, prefix=slug)
    if form.is_valid():
        try:
            pathways.apply(
                volunteer=volunteer, pathway=pathway, statement=form.cleaned_data["statement"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"Thank you: your application for {pathway} is with the pathway lead. "
                "We will e-mail you their decision.",
            )
            return redirect("careers:my-pathways")
    return _my_pathways(request, volunteer, apply_forms={slug: form})


@require_POST
def withdraw(request, pk):
    volunteer = permissions.get_own_special(request.user)
    application = PathwayApplication.objects.filter(pk=pk, volunteer=volunteer).first()
    if application is None:
        raise Http404("No such application.")
    try:
        pathways.withdraw(volunteer=volunteer, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Your application for {application.pathway} is withdrawn.")
    return redirect("careers:my-pathways")


@require_POST
def regular_interest(request):
    volunteer = permissions.get_own_special(request.user)
    if RegularRoute.objects.filter(volunteer=volunteer).exists():
        messages.info(
            request, "We already have your interest; the Specials' office will be in touch."
        )
    else:
        pathways.set_regular_route(
            actor=request.user, volunteer=volunteer, stage=RegularRoute.Stage.INTERESTED
        )
        messages.success(
            request,
            "Thank you: the Specials' office will be in touch about joining as a regular officer.",
        )
    return redirect("careers:my-pathways")


# --- Pathway leads and managers ---------------------------------------------------------


@permissions.application_deciders
def applications(request):
    form = ApplicationFilterForm(request.GET or None)
    queryset = permissions.applications_for(request.user)
    status = PathwayApplication.Status.APPLIED
    if form.is_valid():
        if form.cleaned_data["pathway"]:
            queryset = queryset.filter(pathway=form.cleaned_data["pathway"])
        status = form.cleaned_data["status"]
    if status:
        queryset = queryset.filter(status=status)
    page = paginate(
        request,
        queryset.select_related(
            "pathway__required_course", "volunteer__district", "decided_by"
        ).order_by("applied_at", "pk"),
        APPLICATIONS_PER_PAGE,
    )
    return render(
        request,
        "careers/applications.html",
        {
            "form": form,
            "page": page,
            "rows": _with_standing(page),
            "manages": permissions.manages_specials(request.user),
        },
    )


def _with_standing(applications) -> list:
    """Each application with what its Special still lacks (for those still undecided),
    everyone's facts read together."""
    applications = list(applications)
    undecided = [a for a in applications if a.status == PathwayApplication.Status.APPLIED]
    facts = pathways.facts_for_many({a.volunteer_id for a in undecided})
    return [
        (
            application,
            pathways.reasons_not_eligible(facts[application.volunteer_id], application.pathway)
            if application.status == PathwayApplication.Status.APPLIED
            else [],
        )
        for application in applications
    ]


def _standing(application) -> list[str]:
    """What the Special still lacks for the pathway now (conditions can lapse)."""
    return _with_standing([application])[0][1]


def _application_page(request, application, form=None):
    return render(
        request,
        "careers/application_detail.html",
        {
            "application": application,
            "lacking": _standing(application),
            "form": form or DecisionForm(),
        },
    )


@permissions.application_deciders
def application_detail(request, pk):
    return _application_page(request, permissions.get_application_for(request.user, pk))


@permissions.application_deciders
@require_POST
def decide(request, pk):
    application = permissions.get_application_for(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decided = pathways.decide(
                actor=request.user,
                application=application,
                accept=data["decision"] == "accept",
                reason=data["reason"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"{decided.volunteer.display_name}: {decided.get_status_display().lower()}. "
                "We have e-mailed them your reason.",
            )
            return redirect(reverse("careers:applications"))
    return _application_page(request, application, form)


@permissions.specials_managers
@require_POST
def regular_route(request, pk):
    volunteer = permissions.get_special_for(request.user, pk)
    form = RegularRouteForm(request.POST)
    if form.is_valid():
        try:
            route = pathways.set_regular_route(
                actor=request.user, volunteer=volunteer, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Route to regular officer: {route.get_stage_display()}.")
    else:
        messages.error(request, "Choose a stage for the route to regular officer.")
    return redirect(reverse("careers:special-detail", args=[volunteer.pk]))
