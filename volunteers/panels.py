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
    # (OPCC staff) or "public" (the home page's "Other ways to help", for everyone)
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
