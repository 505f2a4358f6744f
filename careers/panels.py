"""What the Special Constabulary adds to a person's portal home and staff page, and the
managers' menu link."""

from django.urls import reverse

from volunteers import catalogue, panels

from . import services
from .models import CompetenceSignOff, PathwayApplication, Posting
from .permissions import applications_for, leads_pathways, manages_specials, runs_fast_track


def _summary(volunteer) -> dict | None:
    if not catalogue.is_special(volunteer):
        return None
    sign_offs = list(CompetenceSignOff.objects.filter(volunteer=volunteer))
    return {
        "record": services.record_for(volunteer),
        "steps": services.progress(volunteer, sign_offs),
        "postings": Posting.objects.current().filter(volunteer=volunteer).select_related("team"),
    }


def portal_context(request, volunteer):
    summary = _summary(volunteer)
    return summary and {**summary, "audience": "portal"}


def staff_context(request, volunteer):
    if not manages_specials(request.user):
        return None
    summary = _summary(volunteer)
    return summary and {**summary, "audience": "staff", "volunteer": volunteer}


panels.PANELS.register(
    panels.Panel(
        key="careers.service-record",
        template="careers/_panel.html",
        schemes=(catalogue.SPECIAL_CONSTABULARY,),
        portal=portal_context,
        staff=staff_context,
        order=5,
    )
)


def _leads_but_does_not_manage(user) -> bool:
    return leads_pathways(user) and not manages_specials(user)


def _cadet_coordinator_only(user) -> bool:
    return runs_fast_track(user) and not manages_specials(user)


# One menu entry; the Special Constabulary's own pages link to each other (_staff_nav).
for link in [
    panels.Link("Specials", "careers:specials", "staff", 40, visible=manages_specials),
    panels.Link(
        "Pathway applications",
        "careers:applications",
        "staff",
        41,
        visible=_leads_but_does_not_manage,
    ),
    panels.Link(
        "Cadets to Specials", "careers:fast-track", "staff", 42, visible=_cadet_coordinator_only
    ),
]:
    panels.LINKS.register(link)


def _applications_waiting(user, today):
    if not (manages_specials(user) or leads_pathways(user)):
        return None
    return applications_for(user).filter(status=PathwayApplication.Status.APPLIED).count()


panels.WAITING.register(
    panels.Waiting(
        "careers.applications",
        "Pathway applications waiting for a decision",
        _applications_waiting,
        lambda user: reverse("careers:applications"),
        order=40,
    )
)
