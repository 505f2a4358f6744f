from django.urls import reverse

from . import panels, permissions
from .middleware import idle_limit


def _links(audience: str, user, *, narrowed_only: bool = False) -> list[tuple[str, str]]:
    """The audience's links this user may use; `narrowed_only` keeps just those meant for
    someone in particular (a link with its own `visible` check)."""
    return [
        (link.label, reverse(link.url_name))
        for link in panels.links_for(audience)
        if (link.visible is None and not narrowed_only) or (link.visible and link.visible(user))
    ]


def navigation(request):
    """The links this person can use, with the current one marked for screen readers."""
    user = request.user
    links = []
    if user.is_authenticated:
        employer_only = permissions.is_employer_user(user) and not permissions.get_own_volunteer(
            user
        )
        if employer_only:  # an employer's own staff: their portal is the employer one
            links += _links("portal", user, narrowed_only=True)
        else:
            links.append(("Your portal", reverse("volunteers:portal")))
            links += _links("portal", user)
        if permissions.uses_staff_pages(user):
            links.append(("People", reverse("volunteers:people-list")))
            links += _links("staff", user)
        if permissions.is_opcc_staff(user):
            links += _links("opcc", user)
        if permissions.can_view_diversity(user):
            links.append(("Diversity", reverse("volunteers:diversity-report")))
        if user.is_staff:
            links.append(("Admin", reverse("admin:index")))
        links.append(("Account", reverse("account_email")))
    path = request.path
    # The longest matching address is the current page ("/portal/duties/" over "/portal/").
    current = max((url for _, url in links if path.startswith(url)), key=len, default=None)
    return {
        "nav_links": [
            {"label": label, "url": url, "current": url == current} for label, url in links
        ],
        "idle_seconds": idle_limit(user),
    }
