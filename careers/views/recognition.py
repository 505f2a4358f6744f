"""Recognition: awards and commendations on a Special's record, and the long-service list
worked out from duty records."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from volunteers import catalogue
from volunteers.exports import stream_csv
from volunteers.forms import add_errors

from .. import long_service, permissions
from ..forms import AwardForm
from .records import record_page


def _split(standings):
    eligible = [s for s in standings if s.eligible]
    due = [s for s in standings if s.due_within_a_year]
    return eligible, due


@permissions.specials_managers
def long_service_list(request):
    visible = catalogue.specials().visible_to(request.user).values("pk")
    eligible, due = _split(long_service.standings(only=visible))
    return render(
        request,
        "careers/long_service.html",
        {
            "eligible": eligible,
            "due": due,
            "duties_a_year": long_service.DUTIES_A_YEAR,
            "medal_years": long_service.MEDAL_YEARS,
        },
    )


@permissions.specials_managers
def long_service_export(request):
    visible = catalogue.specials().visible_to(request.user).values("pk")
    eligible, due = _split(long_service.standings(only=visible))
    rows = [
        [
            s.volunteer.first_name,
            s.volunteer.last_name,
            "Eligible now" if s.eligible else "Due within 12 months",
            s.next_award_name,
            s.attested_on,
            s.qualifying_years,
            s.duties_this_year,
            s.year_ends_on,
        ]
        for s in eligible + due
    ]
    header = [
        "First name",
        "Last name",
        "Standing",
        "Award",
        "Attested on",
        "Qualifying years",
        "Duties this service year",
        "Service year ends",
    ]
    return stream_csv("long-service.csv", header, rows)


@permissions.specials_managers
@require_POST
def long_service_record(request, pk):
    volunteer = permissions.get_special_for(request.user, pk)
    try:
        award = long_service.record_award(
            actor=request.user, volunteer=volunteer, awarded_on=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{award.get_category_display()} recorded for {volunteer.display_name}."
        )
    return redirect("careers:long-service")


@permissions.specials_managers
@require_POST
def award_add(request, pk):
    volunteer = permissions.get_special_for(request.user, pk)
    form = AwardForm(request.POST)
    if form.is_valid():
        try:
            award = long_service.add_award(
                actor=request.user, volunteer=volunteer, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Recorded: {award.get_category_display()}.")
            return redirect(reverse("careers:special-detail", args=[volunteer.pk]))
    return record_page(request, volunteer, award_form=form)
