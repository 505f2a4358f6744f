from django.urls import reverse

from . import permissions


def navigation(request):
    """The links this person can use, with the current one marked for screen readers."""
    user = request.user
    links = []
    if user.is_authenticated:
        links.append(("Your portal", reverse("volunteers:portal")))
        if permissions.uses_staff_pages(user):
            links.append(("People", reverse("volunteers:people-list")))
        if permissions.can_view_diversity(user):
            links.append(("Diversity", reverse("volunteers:diversity-report")))
        if user.is_staff:
            links.append(("Admin", reverse("admin:index")))
        links.append(("Account", reverse("account_email")))
    path = request.path
    return {
        "nav_links": [
            {
                "label": label,
                "url": url,
                "current": path == url
                or (url != "/" and path.startswith(url) and label != "Your portal"),
            }
            for label, url in links
        ]
    }
