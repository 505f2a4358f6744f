"""What the PSV and ESV schemes add to a person's pages and the menus: a PSV's
placements, and the ways in to the catalogue, placements and ESV activities."""

from django.utils import timezone

from volunteers import catalogue, panels

from .models import EsvActivity, Placement
from .permissions import ESV, is_esv, runs_esv, runs_psv


def _placements(volunteer):
    if not catalogue.is_member(volunteer, catalogue.PSV):
        return None
    today = timezone.localdate()
    return list(
        Placement.objects.current_on(today)
        .filter(volunteer=volunteer)
        .select_related("role__setting")
        .order_by("starts_on", "pk")
    )


def portal_context(request, volunteer):
    placements = _placements(volunteer)
    return None if placements is None else {"placements": placements, "audience": "portal"}


def staff_context(request, volunteer):
    if not runs_psv(request.user):
        return None
    placements = _placements(volunteer)
    if placements is None:
        return None
    return {"placements": placements, "audience": "staff", "volunteer": volunteer}


panels.PANELS.register(
    panels.Panel(
        key="psv.placements",
        template="psv/_panel.html",
        schemes=(catalogue.PSV,),
        portal=portal_context,
        staff=staff_context,
        order=20,
    )
)


def esv_portal_context(request, volunteer):
    if not is_esv(volunteer):
        return None
    return {"recorded": EsvActivity.objects.filter(volunteer=volunteer).count()}


panels.PANELS.register(
    panels.Panel(
        key="psv.esv-activities",
        template="psv/_esv_panel.html",
        schemes=(ESV,),
        portal=esv_portal_context,
        order=21,
    )
)

for link in [
    panels.Link("Police Support Volunteer roles", "psv:catalogue", "staff", 45, visible=runs_psv),
    panels.Link("ESV activities", "psv:activities", "staff", 46, visible=runs_esv),
]:
    panels.LINKS.register(link)
