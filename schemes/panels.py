"""What duties and hours add to a person's portal home and staff page, and the menus."""

from django.utils import timezone

from volunteers import panels
from volunteers.permissions import records_visible_to

from .models import HoursEntry, Signup
from .services.hours import month_summary

UPCOMING_SHOWN = 5


def _upcoming(volunteer, signups):
    return (
        signups.filter(volunteer=volunteer, duty__ends_at__gte=timezone.now())
        .filter(status__in=[Signup.Status.BOOKED, Signup.Status.WAITLISTED])
        .select_related("duty__scheme")
        .order_by("duty__starts_at")[:UPCOMING_SHOWN]
    )


def portal_context(request, volunteer):
    return {
        "upcoming": _upcoming(volunteer, Signup.objects.all()),
        "summary": month_summary(volunteer),
        "audience": "portal",
    }


def staff_context(request, volunteer):
    """Only the duties and hours in schemes the viewer may see."""
    signups = records_visible_to(request.user, Signup.objects.all(), scheme="duty__scheme")
    hours = records_visible_to(request.user, HoursEntry.objects.filter(volunteer=volunteer))
    return {
        "upcoming": _upcoming(volunteer, signups),
        "recent_hours": hours.select_related("scheme")[:10],
        "audience": "staff",
    }


panels.PANELS.register(
    panels.Panel(
        key="schemes.duties-and-hours",
        template="schemes/_panel.html",
        schemes=(),  # every scheme's duties and hours, filtered to the viewer's own below
        portal=portal_context,
        staff=staff_context,
        order=10,
    )
)

for link in [
    panels.Link("Duties", "schemes:portal-duties", "portal", 10),
    panels.Link("My hours", "schemes:my-hours", "portal", 20),
    panels.Link("Roster", "schemes:roster", "staff", 10, group=panels.DUTIES_AND_HOURS),
    panels.Link(
        "Hours to approve", "schemes:hours-queue", "staff", 20, group=panels.DUTIES_AND_HOURS
    ),
    panels.Link("Minimum hours", "schemes:minimums", "staff", 30, group=panels.DUTIES_AND_HOURS),
    panels.Link("Strategy", "schemes:strategy", "opcc", 10, group=panels.REPORTS),
]:
    panels.LINKS.register(link)
