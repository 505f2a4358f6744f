"""The public pages of Employer Supported Policing: the sign-up, and the employers who
agreed to be listed. No account is needed."""

from allauth.core import ratelimit
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from volunteers.forms import add_errors

from .. import services
from ..forms import EmployerSignUpForm
from ..models import Employer, Sector

TOO_MANY = (
    "We have had several sign-ups from your connection in the last hour. Please try again "
    "later, or e-mail the Special Constabulary office."
)


@login_not_required
def join(request):
    form = EmployerSignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_bot:
            return redirect("esp:join-thanks")  # say nothing useful to a bot
        # Only complete sign-ups count towards the limit: fixing a typo never locks anyone out.
        if form.is_valid() and not ratelimit.consume(request, action="esp_join"):
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            employer = form.save(commit=False)
            try:
                services.sign_up(
                    employer=employer, password=form.cleaned_data["password1"], request=request
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                request.session["esp_joined"] = employer.name
                return redirect("esp:join-thanks")
    return render(request, "esp/join.html", {"form": form}, status=status)


@login_not_required
def join_thanks(request):
    return render(request, "esp/join_thanks.html", {"name": request.session.get("esp_joined")})


@login_not_required
def participating(request):
    """The employers that support Specials and agreed to say so, by sector."""
    listed = Employer.objects.filter(
        list_publicly=True, status__in=[Employer.Status.APPROVED, Employer.Status.ACTIVE]
    ).select_related("district")
    by_sector = {}
    for employer in listed.order_by("name"):
        by_sector.setdefault(employer.sector, []).append(employer)
    sectors = [(label, by_sector[code]) for code, label in Sector.choices if code in by_sector]
    return render(request, "esp/participating.html", {"sectors": sectors, "count": listed.count()})
