"""What duties and hours add to a person's portal home and staff page, and the menus."""

from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from volunteers import panels
from volunteers.permissions import records_visible_to, schemes_run_by

from .models import Application, Duty, HoursEntry, Signup
from .permissions import hours_for_decision
from .services.hours import month_summary
from .services.roster import week_days

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
    panels.Link("Applicants", "schemes:applicants", "staff", 20, group=panels.PEOPLE),
    panels.Link("Your applications", "schemes:my-applications", "portal", 40),
    panels.Link("See the roles open now", "schemes:roles", "join"),
    panels.Link("Strategy", "schemes:strategy", "opcc", 10, group=panels.REPORTS),
    panels.Link(
        "Recruitment funnel", "schemes:recruitment-funnel", "staff", 20, group=panels.REPORTS
    ),
]:
    panels.LINKS.register(link)


# --- What waits on the staff "today" page ---------------------------------------------


def _hours_waiting(user, today):
    waiting = hours_for_decision(user).filter(status=HoursEntry.Status.PENDING)
    return waiting.exclude(volunteer__user=user).count()  # no one approves their own


def _duties_short(user, today):
    """From today to the end of the roster's week, so the count is what the roster shows."""
    return (
        Duty.objects.filter(scheme__in=schemes_run_by(user), status=Duty.Status.SCHEDULED)
        .between(today, week_days(today)[-1])
        .filter(booked_count__lt=F("min_people"))
        .count()
    )


def _applications_waiting(user, today):
    """Open applications to the roles of this person's schemes (not their own)."""
    return (
        Application.objects.filter(
            opportunity__scheme__in=schemes_run_by(user), status=Application.Status.OPEN
        )
        .exclude(volunteer__user=user)
        .count()
    )


for line in [
    panels.Waiting(
        "schemes.applications",
        "Applications to move on",
        _applications_waiting,
        lambda user: reverse("schemes:applicants"),
        order=15,
    ),
    panels.Waiting(
        "schemes.hours",
        "Hours waiting for your approval",
        _hours_waiting,
        lambda user: reverse("schemes:hours-queue"),
        order=20,
    ),
    panels.Waiting(
        "schemes.short",
        "Duties short of people for the rest of this week",
        _duties_short,
        lambda user: reverse("schemes:roster"),
        order=30,
    ),
]:
    panels.WAITING.register(line)
