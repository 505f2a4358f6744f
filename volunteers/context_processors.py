from django.urls import reverse

from . import panels, permissions
from .middleware import idle_limit, idle_slack


def _links(audience: str, user, *, narrowed_only: bool = False) -> list[tuple[str, str]]:
    """The audience's links this user may use; `narrowed_only` keeps just those meant for
    someone in particular (a link with its own `visible` check)."""
    return [
        (link.label, reverse(link.url_name))
        for link in panels.links_for(audience)
        if (link.visible is None and not narrowed_only) or (link.visible and link.visible(user))
    ]


YOUR_VOLUNTEERING = "Your volunteering"
TODAY = "Today"
FOR_YOUR_FORCE = "For your force"


def menu_for(user) -> list[dict]:
    """The person's menu, by task: what they do as a volunteer (or for an employer) apart
    from what they do as staff, each group holding only what they may open. Staff groups
    come from the links' `group`; a group of one shows as that one link."""
    if not user.is_authenticated:
        return []
    staff = permissions.uses_staff_pages(user)
    own = permissions.get_own_volunteer(user)
    employer_only = permissions.is_employer_user(user) and own is None
    force_only = permissions.is_force_staff(user) and own is None and not staff
    groups: dict[str, list] = {}
    if employer_only:  # an employer's own staff: their portal is the employer one
        groups[YOUR_VOLUNTEERING] = _links("portal", user, narrowed_only=True)
    elif force_only:  # a force's own staff: the pages where they answer the schemes
        groups[FOR_YOUR_FORCE] = _links("force", user)
    elif own is not None or not staff:  # a volunteer, or someone who has yet to say who
        groups[YOUR_VOLUNTEERING] = [("Your portal", reverse("volunteers:portal"))] + _links(
            "portal", user
        )
    if staff:
        groups[TODAY] = [("Today", reverse("volunteers:today"))]
        groups[panels.PEOPLE] = [("People", reverse("volunteers:people-list"))]
        for audience in ("staff", "opcc"):
            if audience == "opcc" and not permissions.is_opcc_staff(user):
                continue
            for link in panels.links_for(audience):
                if link.visible is None or link.visible(user):
                    groups.setdefault(link.group, []).append((link.label, reverse(link.url_name)))
    if permissions.can_view_diversity(user):
        groups.setdefault(panels.REPORTS, []).append(
            ("Diversity", reverse("volunteers:diversity-report"))
        )
    if user.is_staff:
        groups["Admin"] = [("Admin", reverse("admin:index"))]
    groups["Account"] = [("Account", reverse("account_email"))]
    if permissions.is_force_staff(user) and not force_only:
        groups[FOR_YOUR_FORCE] = _links("force", user)
    order = [
        YOUR_VOLUNTEERING,
        FOR_YOUR_FORCE,
        TODAY,
        panels.PEOPLE,
        panels.DUTIES_AND_HOURS,
        panels.SCHEMES,
    ]
    order += [panels.REPORTS, "Admin", "Account"]
    ranked = sorted(
        groups.items(), key=lambda item: order.index(item[0]) if item[0] in order else 5
    )
    # Only someone who is also staff sees their volunteering as a group of its own.
    flat = {YOUR_VOLUNTEERING} if not staff else set()
    return [
        {"label": label, "links": links, "flat": label in flat or len(links) == 1}
        for label, links in ranked
        if links
    ]


def navigation(request):
    """The person's menu, with the current page marked for screen readers (the longest
    matching address: "/portal/duties/" over "/portal/")."""
    menu = menu_for(request.user)
    path = request.path
    urls = [url for group in menu for _, url in group["links"]]
    current = max((url for url in urls if path.startswith(url)), key=len, default=None)
    for group in menu:
        group["links"] = [
            {"label": label, "url": url, "current": url == current} for label, url in group["links"]
        ]
        group["current"] = any(link["current"] for link in group["links"])
    limit = idle_limit(request.user)
    return {
        "menu": menu,
        "idle_seconds": limit,
        "idle_slack": idle_slack(limit) if limit else 0,
    }
