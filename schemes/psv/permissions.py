"""Who runs the Police Support Volunteers' placements (OPCC staff and the PSV scheme's
coordinators) and the Emergency Services Volunteers' activities (OPCC staff and the ESV
scheme's coordinators). Views load placements and activities only through here."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from volunteers import catalogue, permissions
from volunteers.catalogue import SchemeSlug

ESV = SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS


def runs_psv(user) -> bool:
    return permissions.is_opcc_staff(user) or permissions.coordinates(user, catalogue.PSV)


def runs_esv(user) -> bool:
    return permissions.is_opcc_staff(user) or permissions.coordinates(user, ESV)


psv_managers = permissions.only_for(
    runs_psv, "These pages are for the Police Support Volunteers' coordinators and OPCC staff."
)
esv_managers = permissions.only_for(
    runs_esv,
    "This page is for the Emergency Services Volunteers' coordinators and OPCC staff.",
)


def get_placement_for(user, pk):
    """A placement, for those who run the PSVs (OPCC staff, the scheme's coordinators)."""
    from .models import Placement

    if not runs_psv(user):
        raise Http404("No such placement.")
    return get_object_or_404(Placement.objects.select_related("volunteer", "role__setting"), pk=pk)


def is_esv(volunteer) -> bool:
    return catalogue.is_member(volunteer, ESV)


def get_own_esv(user):
    return permissions.get_own_member(user, ESV, "This page is for Emergency Services Volunteers.")
