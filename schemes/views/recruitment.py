"""Joining a scheme: the public list of roles and each role's page; applying, and the
applicant's own view of their applications; the coordinators' list of applicants and the
page where each is moved on, declined or accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from volunteers import dates, disclosure
from volunteers.exports import stream_csv
from volunteers.forms import add_errors
from volunteers.models import Membership
from volunteers.models.diversity import CHARACTERISTICS, DiversityProfile
from volunteers.pages import paginate
from volunteers.permissions import (
    can_view_diversity,
    get_own_volunteer,
    schemes_run_by,
    staff_pages,
)

from ..forms import (
    ApplicantFilterForm,
    ApplyForm,
    DeclineForm,
    FunnelFilterForm,
    InterviewForm,
    MoveOnForm,
    RoleFilterForm,
    WithdrawForm,
)
from ..models import Application, Opportunity
from ..services import funnel as funnels
from ..services import recruitment
from ..services.calendar import interview_invitation

ROLES_PER_PAGE = 20
APPLICANTS_PER_PAGE = 50


# --- Public ------------------------------------------------------------------------


def _open_roles(request):
    form = RoleFilterForm(request.GET or None)
    data = form.valid_values()
    roles = (
        Opportunity.objects.open_on(timezone.localdate())
        .filter(scheme__is_active=True)
        .select_related("scheme", "district")
    )
    if data.get("scheme"):
        roles = roles.filter(scheme=data["scheme"])
    if data.get("district"):  # roles there, and those anywhere in the county
        roles = roles.filter(Q(district=data["district"]) | Q(district__isnull=True))
    if data.get("activity"):
        roles = roles.filter(activity=data["activity"])
    return form, roles.order_by("scheme__name", "title", "pk")


@login_not_required
@require_safe
def roles(request):
    form, found = _open_roles(request)
    page = paginate(request, found, ROLES_PER_PAGE)
    return render(request, "schemes/roles.html", {"form": form, "page": page})


def _public_role(slug) -> Opportunity:
    role = (
        Opportunity.objects.select_related("scheme", "district")
        .filter(slug=slug, scheme__is_active=True)
        .first()
    )
    if role is None:
        raise Http404("No such role.")
    return role


@login_not_required
@require_safe
def role(request, slug):
    opportunity = _public_role(slug)
    today = timezone.localdate()
    mine = None
    volunteer = get_own_volunteer(request.user)
    if volunteer is not None:
        mine = opportunity.applications.filter(
            volunteer=volunteer, status=Application.Status.OPEN
        ).first()
    return render(
        request,
        "schemes/role.html",
        {"role": opportunity, "open": opportunity.takes_applications(today), "mine": mine},
    )


# --- Applying, and the applicant's own applications ---------------------------------


def apply(request, slug):
    opportunity = _public_role(slug)
    volunteer = get_own_volunteer(request.user)
    if volunteer is None:
        messages.info(request, "Tell us your details first; then you come back to apply.")
        details = reverse("volunteers:portal-details")
        return redirect(f"{details}?next={opportunity.get_absolute_url()}apply/")
    already = opportunity.applications.filter(
        volunteer=volunteer, status=Application.Status.OPEN
    ).first()
    if already:
        messages.info(request, "You have already applied for this role: here is how it is going.")
        return redirect("schemes:my-application", pk=already.pk)
    form = ApplyForm(request.POST or None, opportunity=opportunity, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            application = recruitment.apply(
                volunteer=volunteer,
                opportunity=opportunity,
                answers=form.answers(),
                declared=form.declared(),
                actor=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                "Thank you for applying. We have e-mailed you what happens next, and the "
                f"coordinator of {opportunity.scheme} will be in touch.",
            )
            return redirect("schemes:my-application", pk=application.pk)
    # What the form cannot change stops the application before anyone types a word (where
    # they live or work is a question on the form).
    reasons = recruitment.reasons_not_eligible(opportunity, volunteer, today=timezone.localdate())
    blocking = [reason for reason in reasons if reason != recruitment.LIVE_OR_WORK]
    return render(
        request,
        "schemes/apply.html",
        {"role": opportunity, "form": form, "blocking": blocking, "volunteer": volunteer},
    )


def _own_application(request, pk) -> Application:
    volunteer = get_own_volunteer(request.user)
    application = (
        Application.objects.filter(pk=pk, volunteer=volunteer)
        .select_related("opportunity__scheme")
        .first()
        if volunteer
        else None
    )
    if application is None:
        raise Http404("No such application.")
    return application


def my_applications(request):
    volunteer = get_own_volunteer(request.user)
    applications = (
        Application.objects.filter(volunteer=volunteer)
        .select_related("opportunity__scheme")
        .order_by("-created_at", "-pk")
        if volunteer
        else Application.objects.none()
    )
    return render(request, "schemes/my_applications.html", {"applications": applications})


def my_application(request, pk):
    application = _own_application(request, pk)
    return render(
        request,
        "schemes/my_application.html",
        {
            "application": application,
            "steps": application.steps.all(),
            "interview": getattr(application, "interview", None),
            "form": WithdrawForm(),
        },
    )


@require_safe
def my_interview(request, pk):
    """The applicant's interview, for their calendar."""
    application = _own_application(request, pk)
    interview = getattr(application, "interview", None)
    if interview is None or not application.is_open:
        raise Http404("No interview is arranged.")
    response = HttpResponse(interview_invitation(interview), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="interview.ics"'
    return response


@require_POST
def withdraw(request, pk):
    application = _own_application(request, pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        recruitment.withdraw(
            volunteer=application.volunteer,
            application=application,
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your application is withdrawn. Thank you for telling us.")
    return redirect("schemes:my-application", pk=application.pk)


# --- Coordinators ------------------------------------------------------------------


def _applications_for(user):
    """The applications to the roles of the schemes this person runs."""
    return Application.objects.filter(opportunity__scheme__in=schemes_run_by(user))


def _filtered_applicants(request):
    roles = Opportunity.objects.filter(scheme__in=schemes_run_by(request.user))
    form = ApplicantFilterForm(request.GET or None, roles=roles.order_by("title"))
    data = form.valid_values()
    found = _applications_for(request.user).select_related("volunteer", "opportunity__scheme")
    status = data.get("status") or Application.Status.OPEN
    if status != "all":
        found = found.filter(status=status)
    if data.get("role"):
        found = found.filter(opportunity=data["role"])
    if data.get("stage"):
        found = found.filter(stage=data["stage"])
    if data.get("q"):
        q = data["q"]
        found = found.filter(
            Q(volunteer__first_name__icontains=q)
            | Q(volunteer__last_name__icontains=q)
            | Q(volunteer__email__icontains=q)
        )
    return form, found.order_by("stage_changed_at", "pk")


@staff_pages
def applicants(request):
    form, found = _filtered_applicants(request)
    page = paginate(request, found, APPLICANTS_PER_PAGE)
    now = timezone.now()
    for application in page.object_list:
        application.days_waiting = (now - application.stage_changed_at).days
    return render(request, "schemes/applicants.html", {"form": form, "page": page})


@staff_pages
def applicants_export(request):
    _, found = _filtered_applicants(request)
    now = timezone.now()
    rows = (
        [
            a.volunteer.first_name,
            a.volunteer.last_name,
            a.volunteer.email,
            a.opportunity.title,
            a.opportunity.scheme.name,
            a.get_stage_display(),
            a.get_status_display(),
            timezone.localtime(a.created_at).date().isoformat(),
            (now - a.stage_changed_at).days,
        ]
        for a in found.iterator(chunk_size=500)
    )
    header = [
        "First name",
        "Last name",
        "E-mail",
        "Role",
        "Scheme",
        "Stage",
        "Status",
        "Applied on",
        "Days at this stage",
    ]
    return stream_csv("applicants.csv", header, rows)


def _applicant(request, pk) -> Application:
    return get_object_or_404(
        _applications_for(request.user).select_related("volunteer", "opportunity__scheme"),
        pk=pk,
    )


def _applicant_page(request, application, **forms):
    return render(
        request,
        "schemes/applicant.html",
        {
            "application": application,
            "steps": application.steps.select_related("actor"),
            "next_stage": recruitment.next_stage(application),
            "move_form": forms.get("move_form") or MoveOnForm(),
            "decline_form": forms.get("decline_form") or DeclineForm(),
            "interview": getattr(application, "interview", None),
            "interview_form": forms.get("interview_form")
            or InterviewForm(instance=getattr(application, "interview", None)),
            "own": application.volunteer.user_id == request.user.pk,
            "starts_at": Membership.Status(
                recruitment.membership_status_on_accepting(application)
            ).label.lower(),
        },
    )


@staff_pages
def applicant(request, pk):
    return _applicant_page(request, _applicant(request, pk))


def _decide(request, application, decision: str, forms: dict) -> str:
    """Carry out one decision; the words that say it was done (ValidationError if not)."""
    if decision == "decline":
        form = forms["decline_form"]
        recruitment.decline(
            actor=request.user, application=application, reason=form.cleaned_data["reason"]
        )
        return "Declined; the applicant has been told, kindly, with your reason."
    note = forms["move_form"].cleaned_data.get("note", "")
    if decision == "accept":
        recruitment.accept(actor=request.user, application=application, note=note)
        return f"Accepted: {application.volunteer} is now in {application.opportunity.scheme}."
    recruitment.move_on(
        actor=request.user,
        application=application,
        to_stage=request.POST.get("to_stage", ""),
        note=note,
    )
    return "Moved on; the applicant has been told."


@require_POST
@staff_pages
def applicant_decide(request, pk):
    """Move on a stage, accept, or decline (with a reason the applicant reads)."""
    application = _applicant(request, pk)
    decision = request.POST.get("decision")
    forms = {"move_form": MoveOnForm(request.POST), "decline_form": DeclineForm(request.POST)}
    form = forms["decline_form" if decision == "decline" else "move_form"]
    if decision != "decline":
        forms["decline_form"] = DeclineForm()  # not what was sent: no errors to show there
    if form.is_valid():
        try:
            done = _decide(request, application, decision, forms)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("schemes:applicant", pk=application.pk)
    # What was typed stays, with what is wrong beside it.
    return _applicant_page(request, application, **forms)


@require_POST
@staff_pages
def applicant_interview(request, pk):
    """Arrange the interview (or move it): the applicant is e-mailed with an invitation."""
    application = _applicant(request, pk)
    form = InterviewForm(request.POST)
    if form.is_valid():
        try:
            recruitment.arrange_interview(
                actor=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, "Interview arranged; the applicant has it by e-mail, for their calendar."
            )
            return redirect("schemes:applicant", pk=application.pk)
    return _applicant_page(request, application, interview_form=form)


# --- The recruitment funnel ----------------------------------------------------------


def _funnel(request):
    """The funnel's filters and the applications they pick: a year to today by default."""
    characteristics = []
    if can_view_diversity(request.user):
        characteristics = [
            (name, str(DiversityProfile._meta.get_field(name).verbose_name).capitalize())
            for name in CHARACTERISTICS
        ]
    schemes = schemes_run_by(request.user).order_by("name")
    form = FunnelFilterForm(request.GET or None, schemes=schemes, characteristics=characteristics)
    data = form.valid_values()
    today = timezone.localdate()
    last = data.get("applied_to") or today
    first = data.get("applied_from") or dates.years_before(last, 1)
    chosen = schemes.filter(pk=data["scheme"].pk) if data.get("scheme") else schemes
    found = funnels.applications_between(min(first, last), last, schemes=chosen)
    return form, found, first, last, data.get("by") or ""


@require_safe
@staff_pages
def recruitment_funnel(request):
    form, found, first, last, by = _funnel(request)
    context = {
        "form": form,
        "first": first,
        "last": last,
        "stages": funnels.funnel(found),
        "threshold": disclosure.threshold(),
    }
    if by:
        context["by_label"] = dict(form.fields["by"].choices)[by]
        context["group_stages"], context["groups"] = funnels.funnel_by_answer(found, by)
    return render(request, "schemes/recruitment_funnel.html", context)


@require_safe
@staff_pages
def recruitment_funnel_export(request):
    _, found, first, last, by = _funnel(request)
    span = f"{first:%Y-%m-%d}-to-{last:%Y-%m-%d}"
    if by:  # hidden cells stay hidden in the file
        labels, groups = funnels.funnel_by_answer(found, by)
        header = ["Group", *labels]
        rows = (
            [g.label, *("hidden" if c.reached is None else c.reached for c in g.cells)]
            for g in groups
        )
        return stream_csv(f"recruitment-funnel-by-{by}-{span}.csv", header, rows)
    header = [
        "Stage",
        "Reached it",
        "Moved on",
        "Declined there",
        "Withdrew there",
        "Still there",
        "Days it takes (median)",
    ]
    rows = (
        [s.label, s.entered, s.moved_on, s.declined, s.withdrew, s.waiting, s.median_days or ""]
        for s in funnels.funnel(found)
    )
    return stream_csv(f"recruitment-funnel-{span}.csv", header, rows)
