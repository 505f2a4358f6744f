from django.urls import reverse

from . import panels, permissions


def navigation(request):
    """The links this person can use, with the current one marked for screen readers."""
    user = request.user
    links = []
    if user.is_authenticated:
        links.append(("Your portal", reverse("volunteers:portal")))
        links += [(link.label, reverse(link.url_name)) for link in panels.links_for("portal")]
        if permissions.uses_staff_pages(user):
            links.append(("People", reverse("volunteers:people-list")))
            links += [(link.label, reverse(link.url_name)) for link in panels.links_for("staff")]
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
        ]
    }
