"""The roles open now, for partners' notice boards and portals: an Atom feed, a JSON Feed
(version 1.1), and a page giving partners a snippet of HTML that links to them."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from .models import Opportunity

FEED_TITLE = "Volunteer with your police: roles open now"
FEED_DESCRIPTION = "Roles open now in the county's police volunteer schemes, with how to apply."
FEED_SIZE = 200  # the newest open roles


def open_roles():
    return (
        Opportunity.objects.open_on(timezone.localdate())
        .filter(scheme__is_active=True)
        .select_related("scheme", "district")
        .order_by("-created_at", "-pk")[:FEED_SIZE]
    )


def _where(role) -> str:
    return role.district.name if role.district else "Anywhere in the county"


class RolesAtomFeed(Feed):
    feed_type = Atom1Feed
    title = FEED_TITLE
    subtitle = FEED_DESCRIPTION

    def link(self):
        return reverse("schemes:roles")

    def items(self):
        return open_roles()

    def item_title(self, role):
        return f"{role.title} ({role.scheme.name})"

    def item_description(self, role):
        return f"{role.summary} Where: {_where(role)}. Time asked: {role.time_asked}."

    def item_pubdate(self, role):
        return role.created_at

    def item_updateddate(self, role):
        return role.created_at

    def item_categories(self, role):
        return [role.scheme.name, _where(role), role.get_activity_display()]


roles_atom = login_not_required(RolesAtomFeed())


@login_not_required
@require_safe
def roles_json(request):
    """The same roles as a JSON Feed 1.1 document."""
    items = [
        {
            "id": request.build_absolute_uri(role.get_absolute_url()),
            "url": request.build_absolute_uri(role.get_absolute_url()),
            "title": f"{role.title} ({role.scheme.name})",
            "summary": role.summary,
            "content_text": f"{role.summary}\n\nWhere: {_where(role)}. "
            f"Time asked: {role.time_asked}.",
            "date_published": role.created_at.isoformat(),
            "tags": [role.scheme.name, _where(role), role.get_activity_display()],
        }
        for role in open_roles()
    ]
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": FEED_TITLE,
        "description": FEED_DESCRIPTION,
        "home_page_url": request.build_absolute_uri(reverse("schemes:roles")),
        "feed_url": request.build_absolute_uri(reverse("schemes:roles-json")),
        "language": "en-GB",
        "items": items,
    }
    return JsonResponse(document, content_type="application/feed+json")


@login_not_required
@require_safe
def for_partners(request):
    """How a partner puts our roles on their own site: the feeds, and HTML to copy."""
    return render(
        request,
        "schemes/roles_for_partners.html",
        {
            "roles_url": request.build_absolute_uri(reverse("schemes:roles")),
            "atom_url": request.build_absolute_uri(reverse("schemes:roles-atom")),
            "json_url": request.build_absolute_uri(reverse("schemes:roles-json")),
            "roles": open_roles()[:5],
        },
    )
