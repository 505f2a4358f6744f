"""What each scheme app adds to a person's portal home and staff page.

The person pages never import the scheme apps: each app registers a `Panel` from its own
`panels.py` (`PANELS.register`, found at start-up by volunteers/plugins.py), and the pages
render every panel whose context function returns something for this person. Menu links
are registered the same way (`LINKS.register`).

Each panel names the schemes it belongs to (`schemes`; empty for one about the shared
person record). A person's staff page shows a coordinator only the panels of the schemes
they coordinate (`permissions.may_see_part_of`), before its context is even built.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .permissions import may_see_part_of
from .plugins import Registry

ContextFn = Callable[..., dict | None]


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    schemes: tuple[str, ...]  # whose coordinators see it on the staff page; () for shared
    portal: ContextFn | None = None  # (request, volunteer) -> context, or None to hide
    staff: ContextFn | None = None  # (request, volunteer) -> context, or None to hide
    order: int = 100


PANELS: Registry[Panel] = Registry("panels", key=lambda panel: panel.key)


def _render_list(side: str, request, volunteer) -> list[dict]:
    shown = []
    for panel in sorted(PANELS, key=lambda p: (p.order, p.key)):
        if side == "staff" and not may_see_part_of(request.user, panel.schemes):
            continue
        build = getattr(panel, side)
        context = build(request, volunteer) if build else None
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown


def portal_panels(request, volunteer) -> list[dict]:
    return _render_list("portal", request, volunteer)


def staff_panels(request, volunteer) -> list[dict]:
    return _render_list("staff", request, volunteer)


# --- Navigation links scheme apps add -------------------------------------------------


# The staff menu's groups, by task (a group of one link shows as that link).
PEOPLE = "People"
DUTIES_AND_HOURS = "Duties and hours"
SCHEMES = "Scheme pages"
REPORTS = "Reports"


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    # "portal" (anyone with a person record), "staff" (OPCC staff and coordinators), "opcc"
    # (OPCC staff), "force" (a force's own staff; narrow it with `visible`), "public" (the
    # home page's "Other ways to help", for everyone) or "join"
    # (the home page's way in: the roles to apply for, filtered by ?scheme=<slug>)
    audience: str
    order: int = 100
    # Narrower than the audience: (user) -> whether to show it, e.g. managers of Specials.
    visible: Callable[..., bool] | None = None
    # The staff menu's group it sits in (staff and opcc links).
    group: str = SCHEMES


LINKS: Registry[Link] = Registry("menu links", key=lambda link: link.url_name)


def links_for(audience: str) -> list[Link]:
    return sorted(
        (link for link in LINKS if link.audience == audience),
        key=lambda link: (link.order, link.label),
    )


# --- The staff "today" page: what is waiting, from every app --------------------------


@dataclass(frozen=True)
class Waiting:
    """One line of the staff "today" page: how many things of a kind wait for this person,
    scoped to what they may see, linking to the list that shows them. `count` answers in
    one query whatever the county's size (tests hold every line to that), or None when
    the line is not for this person."""

    key: str
    title: str  # "Hours waiting for your approval"
    count: Callable[..., int | None]  # (user, today) -> how many, or None: not for them
    url: Callable[..., str]  # (user) -> the filtered list
    order: int = 100


WAITING: Registry[Waiting] = Registry("today page lines", key=lambda line: line.key)


def waiting_for(user, today) -> list[dict]:
    """The lines that apply to `user`, in order, each with its count and link."""
    lines = []
    for line in sorted(WAITING, key=lambda line: (line.order, line.key)):
        count = line.count(user, today)
        if count is not None:
            lines.append({"title": line.title, "count": count, "url": line.url(user)})
    return lines


def _newcomers(user, today):
    from .models import Membership
    from .permissions import schemes_run_by

    return (
        Membership.objects.filter(
            scheme__in=schemes_run_by(user),
            role=Membership.Role.MEMBER,
            status=Membership.Status.APPLIED,
        )
        .values("volunteer_id")
        .distinct()
        .count()
    )


VETTING_NOTICE_DAYS = 60


def _vetting_running_out(user, today):
    from .models import Volunteer

    people = Volunteer.objects.visible_to(user).vetting_expiring_within(
        VETTING_NOTICE_DAYS, today=today
    )
    return people.count()


for line in [
    Waiting(
        "volunteers.newcomers",
        "Newcomers who have applied, to welcome",
        _newcomers,
        lambda user: reverse("volunteers:people-list") + "?status=applied",
        order=10,
    ),
    Waiting(
        "volunteers.vetting",
        f"People whose vetting runs out within {VETTING_NOTICE_DAYS} days",
        _vetting_running_out,
        lambda user: reverse("volunteers:people-list") + f"?vetting_expiring={VETTING_NOTICE_DAYS}",
        order=60,
    ),
]:
    WAITING.register(line)
