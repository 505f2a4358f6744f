"""Who may open what: every URL pattern of the project must say, for every persona.

A new page without a row here fails `test_every_url_pattern_is_declared`, so each page
added later has to state who may see it. The target of the object pages is the
`volunteer` persona's own record (a Special Constable, scheme X).
"""

from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS
from tests.urlwalk import all_patterns

LOGIN = 302  # LoginRequiredMiddleware sends anonymous people to sign in


@dataclass(frozen=True)
class Rule:
    statuses: dict[str, int]
    method: str = "get"
    # What the URL points at: "person" or "membership" (the volunteer persona's record),
    # "duty" (a duty in scheme X), "hours" (the volunteer's hours) or "feed" (their calendar).
    args: str | None = None
    data: dict = field(default_factory=dict)


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int) -> dict[str, int]:
    return {**everyone(status), "anonymous": LOGIN}


STAFF_PAGE = {
    "anonymous": LOGIN,
    "volunteer": 403,
    "other_volunteer": 403,
    "coordinator_x": 200,
    "coordinator_y": 200,
    "staff": 200,
    "superuser": 200,
}
# The person page of a Special: their scheme's coordinator and staff, nobody else.
PERSON_PAGE = {**STAFF_PAGE, "coordinator_y": 404}
PERSON_POST = {**PERSON_PAGE, "coordinator_x": 302, "staff": 302, "superuser": 302}
DIVERSITY_PAGE = {**everyone(403), "anonymous": LOGIN, "superuser": 200}
# Portal pages about duties and hours need a person record; staff without one are sent to
# make it (302).
PORTAL_PAGE = {**signed_in(200), "staff": 302, "superuser": 302}
# A duty of scheme X, as the volunteers who may book it see it.
PORTAL_DUTY = {**PORTAL_PAGE, "other_volunteer": 404, "coordinator_y": 404}
PORTAL_DUTY_POST = {**PORTAL_DUTY, "volunteer": 302, "coordinator_x": 302}
OWN_HOURS = {**PORTAL_PAGE, "other_volunteer": 404, "coordinator_x": 404, "coordinator_y": 404}

OURS = {
    "health": Rule(everyone(200)),
    "favicon": Rule(everyone(301)),
    "volunteers:home": Rule(everyone(200)),
    "volunteers:after-login": Rule(signed_in(302)),
    "volunteers:portal": Rule(signed_in(200)),
    "volunteers:portal-details": Rule(signed_in(200)),
    # Staff without a person record are sent to tell us their details first.
    "volunteers:portal-diversity": Rule({**signed_in(200), "staff": 302, "superuser": 302}),
    "volunteers:portal-notifications": Rule({**signed_in(200), "staff": 302, "superuser": 302}),
    "volunteers:people-list": Rule(STAFF_PAGE),
    "volunteers:people-export": Rule(STAFF_PAGE),
    "volunteers:person-create": Rule(STAFF_PAGE),
    "volunteers:person-detail": Rule(PERSON_PAGE, args="person"),
    "volunteers:person-edit": Rule(PERSON_PAGE, args="person"),
    "volunteers:person-diversity": Rule(DIVERSITY_PAGE, args="person"),
    "volunteers:membership-add": Rule(PERSON_POST, method="post", args="person"),
    "volunteers:membership-status": Rule(PERSON_POST, method="post", args="membership"),
    "volunteers:diversity-report": Rule(DIVERSITY_PAGE),
    "schemes:roster": Rule(STAFF_PAGE),
    "schemes:duty-create": Rule(STAFF_PAGE),
    "schemes:duty-detail": Rule(PERSON_PAGE, args="duty"),
    "schemes:duty-edit": Rule(PERSON_PAGE, args="duty"),
    "schemes:duty-copy": Rule(PERSON_PAGE, args="duty"),
    "schemes:duty-cancel": Rule(PERSON_PAGE, args="duty"),
    "schemes:duty-attendance": Rule(PERSON_POST, method="post", args="duty"),
    "schemes:hours-queue": Rule(STAFF_PAGE),
    "schemes:hours-decide": Rule(PERSON_POST, method="post", args="hours"),
    "schemes:minimums": Rule(STAFF_PAGE),
    "schemes:minimums-export": Rule(STAFF_PAGE),
    "schemes:portal-duties": Rule(PORTAL_PAGE),
    "schemes:my-duties": Rule(PORTAL_PAGE),
    "schemes:portal-duty": Rule(PORTAL_DUTY, args="duty"),
    "schemes:duty-book": Rule(PORTAL_DUTY_POST, method="post", args="duty"),
    "schemes:signup-cancel": Rule(PORTAL_DUTY_POST, method="post", args="duty"),
    "schemes:my-hours": Rule(PORTAL_PAGE),
    "schemes:hours-edit": Rule(OWN_HOURS, args="hours"),
    "schemes:calendar": Rule(PORTAL_PAGE),
    "schemes:calendar-reset": Rule(signed_in(302), method="post"),
    # The feed's secret token is its only key, so calendar apps can fetch it.
    "schemes:calendar-feed": Rule(everyone(200), args="feed"),
}

# Third-party pages, declared as groups; each group's samples are checked below.
THIRD_PARTY = {
    "admin:": "Django admin: OPCC staff with is_staff only, through allauth's sign-in",
    "account_": "allauth account pages: sign-in and sign-up public, the rest signed in",
    "mfa_": "allauth MFA pages: signed in only",
}
THIRD_PARTY_ROUTES = ("admin/",)  # unnamed patterns inside the admin (its catch-all)

SAMPLES = {
    "admin:index": Rule(
        {
            "anonymous": LOGIN,
            "volunteer": 302,
            "other_volunteer": 302,
            "coordinator_x": 302,
            "coordinator_y": 302,
            "staff": 200,
            "superuser": 200,
        }
    ),
    "account_login": Rule({**everyone(302), "anonymous": 200}),
    "account_signup": Rule({**everyone(302), "anonymous": 200}),
    "account_email": Rule(signed_in(200)),
    "account_change_password": Rule(signed_in(200)),
    "mfa_index": Rule(signed_in(200)),
}


def test_every_url_pattern_is_declared():
    undeclared = [
        name or route
        for name, route in all_patterns()
        if name not in OURS
        and not (name and name.startswith(tuple(THIRD_PARTY)))
        and not (name is None and route.startswith(THIRD_PARTY_ROUTES))
    ]
    assert undeclared == [], f"Declare who may open these pages: {undeclared}"


def test_every_rule_names_every_persona():
    for name, rule in {**OURS, **SAMPLES}.items():
        assert set(rule.statuses) == set(PERSONAS), name


def _url(name, rule, request, volunteer):
    person = volunteer.volunteer
    if rule.args == "person":
        return reverse(name, args=[person.pk])
    if rule.args == "membership":
        return reverse(name, args=[person.memberships.get().pk])
    if rule.args == "duty":
        return reverse(name, args=[request.getfixturevalue("duty_x").pk])
    if rule.args == "hours":
        return reverse(name, args=[request.getfixturevalue("hours_x").pk])
    if rule.args == "feed":
        from schemes.services.calendar import feed_for

        return reverse(name, args=[feed_for(person).token])
    return reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", [*OURS, *SAMPLES])
def test_persona_gets_declared_status(name, persona, client_for, volunteer, request):
    rule = OURS.get(name) or SAMPLES[name]
    client = client_for(persona)
    response = getattr(client, rule.method)(_url(name, rule, request, volunteer), rule.data)
    assert response.status_code == rule.statuses[persona], (name, persona)
    if rule.statuses[persona] == LOGIN and persona == "anonymous":
        if response.url.startswith(reverse("admin:login")):
            response = client.get(response.url)  # the admin's sign-in hands over to allauth
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_superuser_opens_every_admin_list_and_add_page(client_for):
    """The admin is registered for every model with columns and filters that work."""
    client = client_for("superuser")
    opened = 0
    for name, route in all_patterns():
        if name and name.startswith("admin:") and "<" not in route and "(?P" not in route:
            if name in {"admin:logout", "admin:login"}:
                continue
            response = client.get(reverse(name))
            assert response.status_code in {200, 403}, name  # 403: add is off for the trail
            opened += 1
    assert opened > 20
