"""What custody visiting adds to a visitor's portal home and the menus."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from schemes.services.followups import needing_attention
from volunteers import catalogue, panels
from volunteers.permissions import get_own_volunteer

from .models import Allocation, CustodyIssue
from .permissions import ICV, is_inspector, runs_custody_visiting


def portal_context(request, volunteer):
    if not catalogue.is_member(volunteer, ICV):
        return None
    today = timezone.localdate()
    next_visit = (
        Allocation.objects.published()
        .of(volunteer)
        .filter(report__isnull=True, week_starting__gte=today - timedelta(days=6))
        .select_related("suite")
        .order_by("week_starting")
        .first()
    )
    return {"next_visit": next_visit, "today": today}


panels.PANELS.register(
    panels.Panel(
        key="custody.visits",
        template="custody/_panel.html",
        schemes=(ICV,),
        portal=portal_context,
        order=30,
    )
)


def _waiting_for_manager(user, today):
    if not runs_custody_visiting(user):
        return None
    return needing_attention(CustodyIssue.objects.all(), today).count()


panels.WAITING.register(
    panels.Waiting(
        key="custody.concerns",
        title="Custody visit concerns overdue or with the OPCC lead",
        count=_waiting_for_manager,
        url=lambda user: reverse("custody:issues"),
        order=60,
    )
)

for link in [
    panels.Link("Custody visiting", "custody:rota", "staff", 50, visible=runs_custody_visiting),
    panels.Link(
        "Your custody visits",
        "custody:my-visits",
        "portal",
        30,
        visible=lambda user: catalogue.is_member(get_own_volunteer(user), ICV),
    ),
    panels.Link(
        "Custody visits to your suites", "custody:force-home", "force", 10, visible=is_inspector
    ),
]:
    panels.LINKS.register(link)
