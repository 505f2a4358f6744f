"""What Employer Supported Policing adds: menu entries, and a Special's employer on their
portal home and staff page (the ESP employer link on the service record)."""

from django.urls import reverse

from volunteers import catalogue, panels
from volunteers.catalogue import is_special
from volunteers.permissions import is_employer_user

from . import services
from .models import Employer
from .permissions import works_with_employers

for link in [
    panels.Link("Employers", "esp:employers", "staff", 50, visible=works_with_employers),
    panels.Link("Your Specials", "esp:employer-home", "portal", 5, visible=is_employer_user),
    panels.Link("Employers: sign up to support Specials", "esp:join", "public", 10),
    panels.Link("The employers who already support Specials", "esp:participating", "public", 20),
]:
    panels.LINKS.register(link)


def portal_context(request, volunteer):
    if not is_special(volunteer):
        return None
    return {"current": services.current_link(volunteer), "audience": "portal"}


def staff_context(request, volunteer):
    current = services.current_link(volunteer)
    return current and {"current": current, "audience": "staff"}


panels.PANELS.register(
    panels.Panel(
        key="esp.employer",
        template="esp/_panel.html",
        # The employer of a Special: for ESP's coordinators and the Specials' managers.
        schemes=(catalogue.ESP, catalogue.SPECIAL_CONSTABULARY),
        portal=portal_context,
        staff=staff_context,
        order=20,
    )
)


def _employers_to_review(user, today):
    if not works_with_employers(user):
        return None
    return Employer.objects.filter(status=Employer.Status.PENDING).count()


panels.WAITING.register(
    panels.Waiting(
        "esp.review",
        "Employers waiting for review",
        _employers_to_review,
        lambda user: reverse("esp:employers") + "?status=pending",
        order=50,
    )
)
