"""The cadet fast track page: cadets who are 18 or nearly, and moving them into the
Special Constabulary's application stage."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from volunteers import permissions as people
from volunteers.models import Volunteer

from .. import fast_track, permissions


@permissions.fast_track_runners
def cadets(request):
    visible = Volunteer.objects.visible_to(request.user)
    return render(
        request,
        "careers/fast_track.html",
        {
            "rows": fast_track.coming_of_age(visible),
            "manages": permissions.manages_specials(request.user),
            "today": timezone.localdate(),
        },
    )


@permissions.fast_track_runners
@require_POST
def move(request, pk):
    volunteer = people.get_volunteer_for(request.user, pk)
    try:
        fast_track.move_to_specials(actor=request.user, volunteer=volunteer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{volunteer.display_name} is now applying to the Special Constabulary, with their "
            "cadet history kept. We have e-mailed them.",
        )
    return redirect("careers:fast-track")
