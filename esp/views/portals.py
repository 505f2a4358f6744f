"""The two sides of a link: a Special names their employer and decides what it may see;
the employer confirms the link and sees the contribution of those who consented."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from volunteers import catalogue
from volunteers import permissions as people
from volunteers.exports import as_download, stream_csv
from volunteers.formats import hours_text, long_date
from volunteers.pdf import document_pdf

from .. import impact, permissions, services
from ..forms import EmployerDetailsForm, LinkForm
from ..models import EmployerLink

NOT_A_SPECIAL = "Employer Supported Policing is for Special Constables."


def _own_special(user):
    return people.get_own_member(user, catalogue.SPECIAL_CONSTABULARY, NOT_A_SPECIAL)


def my_employer(request):
    volunteer = _own_special(request.user)
    current = services.current_link(volunteer)
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        link = services.link(
            actor=request.user,
            volunteer=volunteer,
            employer=None if data["self_employed"] else data["employer"],
            shares_hours=data["shares_hours"],
        )
        messages.success(
            request,
            "Saved: you are self-employed."
            if link.self_employed
            else f"Saved: {link.employer} will be asked to confirm they employ you."
            + (" They may see your hours once they do." if link.shares_hours else ""),
        )
        return redirect("esp:my-employer")
    return render(request, "esp/my_employer.html", {"form": form, "current": current})


@require_POST
def my_consent(request):
    volunteer = _own_special(request.user)
    shares = request.POST.get("shares_hours") == "yes"
    try:
        link = services.set_consent(actor=request.user, volunteer=volunteer, shares_hours=shares)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{link.employer} may now see your hours and training."
            if shares
            else f"Done: {link.employer} can no longer see anything about your volunteering.",
        )
    return redirect("esp:my-employer")


# --- The employer portal ------------------------------------------------------------------


@permissions.employer_users
def employer_home(request):
    employer = permissions.own_employer(request.user)
    waiting = (
        EmployerLink.objects.seen_by(employer)
        .filter(confirmed_at__isnull=True)
        .select_related("volunteer")
    )
    return render(
        request,
        "esp/employer_home.html",
        {"employer": employer, "waiting": waiting, "impact": impact.impact_for(employer)},
    )


@permissions.employer_users
@require_POST
def employer_confirm(request, pk):
    employer = permissions.own_employer(request.user)
    try:
        link = services.confirm_link(actor=request.user, employer=employer, link_pk=pk)
    except ValidationError as error:
        raise Http404("No such link.") from error
    messages.success(request, f"Confirmed: {link.volunteer.display_name} works for you.")
    return redirect("esp:employer-home")


@permissions.employer_users
def employer_details(request):
    employer = permissions.own_employer(request.user)
    form = EmployerDetailsForm(request.POST or None, instance=employer)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details and support are saved.")
        return redirect("esp:employer-home")
    return render(request, "esp/employer_details.html", {"form": form, "employer": employer})


@permissions.employer_users
@require_POST
def employer_look_again(request):
    """A declined employer, whose circumstances changed, asks the team to review it again."""
    employer = permissions.own_employer(request.user)
    if employer.status != employer.Status.DECLINED:
        messages.error(request, "Your organisation is not waiting for another look.")
        return redirect("esp:employer-home")
    services.change_status(
        actor=request.user,
        employer=employer,
        status=employer.Status.PENDING,
        reason=services.ASKED_TO_LOOK_AGAIN,
    )
    messages.success(
        request, "Thank you: the Employer Supported Policing team will review your sign-up again."
    )
    return redirect("esp:employer-home")


def _staff_who_serve(count: int) -> str:
    """The impact summary's first words, in good grammar for any number."""
    if count == 1:
        return "1 of your staff serves as a Special Constable and shares their hours with you"
    who = "None" if count == 0 else str(count)
    return f"{who} of your staff serve as Special Constables and share their hours with you"


def _impact_figures(summary) -> list[tuple[str, str]]:
    """The impact summary's headline figures: (the figure, what it counts)."""
    people = len(summary.rows)
    return [
        (
            str(people),
            "Special Constable on your staff sharing their hours"
            if people == 1
            else "Special Constables on your staff sharing their hours",
        ),
        (hours_text(summary.hours), f"given since {long_date(summary.year_start)}"),
        (
            hours_text(summary.released),
            f"on release from work, of the {hours_text(summary.pledged)} a year you pledged",
        ),
        (
            str(summary.training_days),
            "day in training" if summary.training_days == 1 else "days in training",
        ),
    ]


def _impact_lines(employer, summary) -> list[str]:
    return [
        f"{_staff_who_serve(len(summary.rows))}. Since {long_date(summary.year_start)} they "
        f"have given {hours_text(summary.hours)}, {hours_text(summary.released)} of them on "
        f"release from work (you pledged {hours_text(summary.pledged)} a year), and spent "
        f"{summary.training_days} days in training.",
        "Training completed this year: " + (", ".join(summary.courses) or "none recorded yet."),
        "Skills that come back to your workplace:\n- " + "\n- ".join(summary.skills),
        "Thank you for supporting the Special Constabulary.",
    ]


@permissions.employer_users
def employer_impact_csv(request):
    employer = permissions.own_employer(request.user)
    summary = impact.impact_for(employer)
    header = [
        "First name",
        "Last name",
        "Rank",
        "Hours this quarter",
        "Hours this year",
        "On release this year",
        "Training days this year",
    ]
    rows = [
        [
            r.volunteer.first_name,
            r.volunteer.last_name,
            r.rank,
            r.hours_quarter,
            r.hours_year,
            r.released_year,
            r.training_days,
        ]
        for r in summary.rows
    ]
    return stream_csv(f"impact-{summary.year_start:%Y}.csv", header, rows)


@permissions.employer_users
def employer_impact_pdf(request):
    employer = permissions.own_employer(request.user)
    summary = impact.impact_for(employer)
    pdf = document_pdf(
        heading=f"{employer.name}: your Special Constables in {summary.year_start:%Y}",
        paragraphs=_impact_lines(employer, summary),
        title=f"Employer Supported Policing impact: {employer.name}",
        author=f"Special Constabulary, {settings.FORCE_NAME}",
        brand=f"{settings.FORCE_NAME} · Employer Supported Policing",
        figures=_impact_figures(summary),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    return as_download(response, f"impact-{summary.year_start:%Y}.pdf")
