import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from . import disclosure, exports, outbox, panels, permissions, services
from .context_processors import menu_for
from .forms import (
    DiversityForm,
    MembershipAddForm,
    MembershipStatusForm,
    PeopleFilterForm,
    PersonDetailsForm,
    PortalDetailsForm,
)
from .middleware import LAST_ACTIVE
from .models import (
    AuditEvent,
    DiversityProfile,
    Membership,
    Scheme,
    TrainingRecord,
    Vetting,
    Volunteer,
)
from .pages import paginate

PEOPLE_PER_PAGE = 25


@require_POST
def keep_alive(request):
    """ "Stay signed in": a request, so the idle time starts again (IdleTimeoutMiddleware)."""
    request.session[LAST_ACTIVE] = int(time.time())
    return HttpResponse(status=204)


@login_not_required
def home(request):
    schemes = Scheme.objects.filter(is_active=True)
    return render(
        request,
        "volunteers/home.html",
        {
            "schemes": schemes,
            "other_ways": panels.links_for("public"),
            # Where people choose a role to apply for (schemes registers it).
            "join": next(iter(panels.links_for("join")), None),
        },
    )


@login_not_required
@require_safe
def accessibility(request):
    """The accessibility statement the public sector bodies accessibility regulations ask
    for: how accessible the service is, how it is checked, what is known not to be, and
    whom to tell."""
    return render(request, "volunteers/accessibility.html", {"contact": settings.CONTACT_EMAIL})


def after_login(request):
    """Each person lands on their own home: staff (a coordinator who also volunteers too)
    on their "today" page, anyone else on the first page of their menu: a volunteer's
    portal, or an employer's own portal."""
    if permissions.uses_staff_pages(request.user):
        return redirect("volunteers:today")
    menu = menu_for(request.user)
    return redirect(menu[0]["links"][0][1] if menu else "volunteers:portal")


# --- The volunteer portal ---------------------------------------------------------------


def portal(request):
    volunteer = permissions.get_own_volunteer(request.user)
    context = {"volunteer": volunteer}
    if volunteer is not None:
        context |= {
            "memberships": volunteer.all_memberships,
            "vettings": volunteer.vettings.all(),
            "training": volunteer.training.select_related("course"),
            "panels": panels.portal_panels(request, volunteer),
        }
    return render(request, "volunteers/portal.html", context)


def portal_details(request):
    """Create or update my own details; my e-mail is my sign-in's."""
    volunteer = permissions.get_own_volunteer(request.user)
    is_new = volunteer is None
    if is_new:
        volunteer = Volunteer(user=request.user, email=request.user.email)
    before = services.snapshot(volunteer, services.AUDITED_PERSON_FIELDS)
    form = PortalDetailsForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        if is_new:
            services.create_volunteer(actor=request.user, volunteer=form.instance)
            messages.success(request, "Thank you, your details are saved.")
        else:
            services.update_volunteer(actor=request.user, volunteer=form.instance, before=before)
            messages.success(request, "Thank you, your details are up to date.")
        return redirect(_safe_next(request) or "volunteers:portal")
    return render(
        request,
        "volunteers/portal_details.html",
        {"form": form, "is_new": is_new},
    )


def _safe_next(request) -> str:
    """Where to go back to after saving (an application waiting for the details): only a
    page of this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if allowed and wanted.startswith("/") else ""


def portal_diversity(request):
    volunteer = permissions.get_own_volunteer(request.user)
    if volunteer is None:
        messages.info(request, "Tell us your details first.")
        return redirect("volunteers:portal-details")
    profile = DiversityProfile.objects.filter(volunteer=volunteer).first()
    profile = profile or DiversityProfile(volunteer=volunteer)
    form = DiversityForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_diversity_profile(actor=request.user, profile=form.instance)
        messages.success(request, "Thank you. Your answers help us reach everyone in the county.")
        return redirect("volunteers:portal")
    return render(request, "volunteers/portal_diversity.html", {"form": form})


def portal_notifications(request):
    """My recent reminders, and which optional ones I want."""
    volunteer = permissions.get_own_volunteer(request.user)
    if volunteer is None:
        messages.info(request, "Tell us your details first.")
        return redirect("volunteers:portal-details")
    kinds = outbox.kinds(request.user)  # only those that can reach this person
    if request.method == "POST":
        wanted = set(request.POST.getlist("wanted"))
        services.set_reminder_choices(
            actor=request.user,
            volunteer=volunteer,
            turned_off={k.code for k in kinds if k.optional and k.code not in wanted},
        )
        messages.success(request, "Your reminder choices are saved.")
        return redirect("volunteers:portal-notifications")
    off = set(volunteer.reminder_opt_outs.values_list("kind", flat=True))
    return render(
        request,
        "volunteers/portal_notifications.html",
        {
            "kinds": [(kind, kind.code not in off) for kind in kinds],
            "notifications": volunteer.notifications.all()[:30],
        },
    )


# --- Staff people pages ---------------------------------------------------------------


@permissions.staff_pages
def today(request):
    """What waits for this member of staff today, from every app, in their schemes only:
    each a count linking to the list that shows them (panels.WAITING)."""
    day = timezone.localdate()
    lines = panels.waiting_for(request.user, day)
    return render(
        request,
        "volunteers/today.html",
        {
            "day": day,
            "waiting": [line for line in lines if line["count"]],
            "clear": [line for line in lines if not line["count"]],
            "schemes": permissions.schemes_run_by(request.user),
        },
    )


def _filtered_people(request):
    form = PeopleFilterForm(request.GET or None, schemes=Scheme.objects.visible_to(request.user))
    volunteers = form.filter(
        Volunteer.objects.visible_to(request.user),
        memberships=Membership.objects.visible_to(request.user),
    )
    return form, volunteers


@permissions.staff_pages
def people_list(request):
    form, volunteers = _filtered_people(request)
    page = paginate(
        request,
        volunteers.select_related("district").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.visible_to(request.user).select_related("scheme"),
                to_attr="visible_memberships",
            )
        ),
        PEOPLE_PER_PAGE,
    )
    return render(
        request,
        "volunteers/people_list.html",
        {"form": form, "page": page, "filters": form.summary()},
    )


@permissions.staff_pages
def people_export(request):
    form, volunteers = _filtered_people(request)
    services.record_event(
        actor=request.user,
        volunteer=None,
        action=AuditEvent.Action.EXPORTED,
        record=None,
        summary="Exported the people list: "
        + (" · ".join(form.summary()) or "everyone they can see"),
    )
    return exports.stream_csv(
        "people.csv",
        exports.PEOPLE_HEADER,
        exports.people_rows(volunteers, Membership.objects.visible_to(request.user)),
    )


@permissions.staff_pages
def person_detail(request, pk):
    volunteer = permissions.get_volunteer_for(request.user, pk)
    memberships = Membership.objects.visible_to(request.user).filter(volunteer=volunteer)
    memberships = memberships.select_related("scheme", "status_changed_by")
    membership_rows = [
        (
            m,
            MembershipStatusForm(statuses=services.next_statuses(m), prefix=f"m{m.pk}")
            if permissions.can_change_scheme(request.user, m.scheme)
            else None,
        )
        for m in memberships
    ]
    return render(
        request,
        "volunteers/person_detail.html",
        {
            "volunteer": volunteer,
            "membership_rows": membership_rows,
            "add_form": MembershipAddForm(schemes=permissions.schemes_run_by(request.user)),
            "vettings": Vetting.objects.filter(volunteer=volunteer),
            "training": TrainingRecord.objects.filter(volunteer=volunteer)
            .seen_by(request.user)
            .select_related("course__scheme"),
            "audit_events": AuditEvent.objects.for_volunteer(volunteer).seen_by(request.user)[:50],
            "can_view_diversity": permissions.can_view_diversity(request.user),
            "panels": panels.staff_panels(request, volunteer),
        },
    )


@permissions.staff_pages
def person_create(request):
    form = PersonDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        volunteer = services.create_volunteer(actor=request.user, volunteer=form.instance)
        messages.success(request, f"{volunteer} is added. Now add them to a scheme.")
        return redirect(volunteer)
    return render(request, "volunteers/person_form.html", {"form": form, "volunteer": None})


@permissions.staff_pages
def person_edit(request, pk):
    volunteer = permissions.get_volunteer_for_change(request.user, pk)
    before = services.snapshot(volunteer, services.AUDITED_PERSON_FIELDS)
    form = PersonDetailsForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        services.update_volunteer(actor=request.user, volunteer=form.instance, before=before)
        messages.success(request, f"{volunteer}'s details are saved.")
        return redirect(volunteer)
    return render(request, "volunteers/person_form.html", {"form": form, "volunteer": volunteer})


@require_POST
@permissions.staff_pages
def membership_add(request, pk):
    volunteer = permissions.get_volunteer_for_change(request.user, pk)
    form = MembershipAddForm(request.POST, schemes=permissions.schemes_run_by(request.user))
    if form.is_valid():
        try:
            membership = services.add_membership(
                actor=request.user, volunteer=volunteer, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{volunteer} is added to {membership.scheme}.")
    else:
        messages.error(request, "Choose a scheme you run, a role and a status.")
    return redirect(volunteer)


@require_POST
@permissions.staff_pages
def membership_status(request, pk):
    membership = permissions.get_membership_for_change(request.user, pk)
    form = MembershipStatusForm(
        request.POST, statuses=services.next_statuses(membership), prefix=f"m{membership.pk}"
    )
    if form.is_valid():
        try:
            membership = services.change_membership_status(
                actor=request.user, membership=membership, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{membership.volunteer} is now {membership.get_status_display().lower()} in "
                f"{membership.scheme}. We have e-mailed them.",
            )
    else:
        messages.error(request, "Choose a status this membership can move to.")
    return redirect(membership.volunteer)


@permissions.staff_pages
@permissions.diversity_readers
def person_diversity(request, pk):
    volunteer = permissions.get_volunteer_for(request.user, pk)
    profile = DiversityProfile.objects.filter(volunteer=volunteer).first()
    services.record_diversity_view(actor=request.user, volunteer=volunteer)
    return render(
        request, "volunteers/person_diversity.html", {"volunteer": volunteer, "profile": profile}
    )


@permissions.staff_pages
@permissions.diversity_readers
def diversity_report(request):
    schemes = Scheme.objects.visible_to(request.user)
    scheme = schemes.filter(slug=request.GET.get("scheme") or "").first()
    volunteers = Volunteer.objects.visible_to(request.user)
    if scheme:
        volunteers = volunteers.in_scheme(scheme, status=Membership.Status.ACTIVE)
    return render(
        request,
        "volunteers/diversity_report.html",
        {
            "schemes": schemes,
            "scheme": scheme,
            "sections": services.diversity_breakdown(volunteers),
            "total": volunteers.count(),
            "threshold": disclosure.threshold(),
        },
    )
