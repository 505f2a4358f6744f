"""What Dog Welfare adds to a visitor's portal home, the staff "today" page and menus."""

from django.db.models import Count, Min, Q
from django.urls import reverse

from schemes.services.followups import needing_attention
from volunteers import catalogue, panels
from volunteers.permissions import get_own_volunteer

from .models import Assignment, DogIssue
from .permissions import DOG_WELFARE, is_unit_manager, runs_dog_welfare


def portal_context(request, volunteer):
    if not catalogue.is_member(volunteer, DOG_WELFARE):
        return None
    waiting = Assignment.objects.filter(
        Q(visitor=volunteer) | Q(partner=volunteer), visit__isnull=True
    ).aggregate(count=Count("pk"), next_due=Min("due_by"))
    return {"to_visit": waiting["count"], "next_due": waiting["next_due"]}


panels.PANELS.register(
    panels.Panel(
        key="dogwelfare.visits",
        template="dogwelfare/_panel.html",
        schemes=(DOG_WELFARE,),
        portal=portal_context,
        order=31,
    )
)


def _waiting_for_administrator(user, today):
    if not runs_dog_welfare(user):
        return None
    return needing_attention(DogIssue.objects.all(), today).count()


panels.WAITING.register(
    panels.Waiting(
        key="dogwelfare.concerns",
        title="Dog welfare concerns overdue or with the OPCC lead",
        count=_waiting_for_administrator,
        url=lambda user: reverse("dogwelfare:issues"),
        order=61,
    )
)

for link in [
    panels.Link("Dog welfare", "dogwelfare:coverage", "staff", 51, visible=runs_dog_welfare),
    panels.Link(
        "Your dog welfare visits",
        "dogwelfare:my-dogs",
        "portal",
        31,
        visible=lambda user: catalogue.is_member(get_own_volunteer(user), DOG_WELFARE),
    ),
    panels.Link("Your force's dogs", "dogwelfare:force-dogs", "force", 11, visible=is_unit_manager),
]:
    panels.LINKS.register(link)
