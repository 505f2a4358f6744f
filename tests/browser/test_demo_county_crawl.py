"""Every page of the demo county, as each kind of person, on a 320 px phone (issue 17,
item 14): axe's WCAG 2.0–2.2 A/AA rules pass and no page is wider than the screen.

The suite's other browser tests hold a handful of records; trouble at narrow widths comes
with realistic data (a long e-mail address, a table of 37 hours entries), so this test
builds the county `make run` shows and follows every link each person can reach from
their home, as a person would: up to PER_VIEW pages of each kind (each Django view), so
a list and two of its records are seen, not all 300 people. Every problem is collected
and reported together.
"""

from collections import Counter, deque
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from volunteers.models import User

from .conftest import WCAG_TAGS, _axe

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 300  # as `make run`
WIDTH = 320
# Pages of each kind looked at: one list, two records (a long name or address is per record).
PER_VIEW = 1
PER_RECORD_VIEW = 2
# The demo's sign-ins (volunteers/demo.py), one of each kind of person; None: signed out.
PERSONAS = [
    None,
    "volunteer@demo.cip.example",
    "cadet@demo.cip.example",
    "visitor@demo.cip.example",
    "employer@demo.cip.example",
    "coordinator.special-constabulary@demo.cip.example",
    "coordinator.volunteer-police-cadets@demo.cip.example",
    "opcc@demo.cip.example",
]
# Links that are not pages to look at: downloads, feeds, signing out, and the admin's
# pages that delete or only exist to be posted to.
NOT_PAGES = (
    *(".csv", ".pdf", ".ics", ".atom", ".json"),  # files and feeds, which browsers download
    *("/logout/", "/delete/", "/export", "/history/"),
)
# The admin is OPCC's tool on a desktop; its own pages are checked at 1280 px by
# test_accessibility, and here only its first page, not every model's list.
ADMIN_PREFIX = "/admin/"


def _sign_in(context, base_url, email):
    if email is None:
        return
    client = Client()
    client.force_login(User.objects.get(email=email))
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def _view(path: str) -> tuple[str | None, int]:
    """(the view's name, how many pages of it to look at)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None, 0
    return match.view_name, PER_RECORD_VIEW if match.kwargs else PER_VIEW


def _links(page, base_url) -> list[str]:
    hrefs = page.locator("a[href]:not([download])").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    found = []
    for href in hrefs:
        url = urljoin(page.url, href)
        parts = urlsplit(url)
        if not url.startswith(base_url) or any(bit in parts.path for bit in NOT_PAGES):
            continue
        if parts.path.startswith(ADMIN_PREFIX) and parts.path != ADMIN_PREFIX:
            continue
        found.append(parts._replace(fragment="").geturl())
    return found


def _problems_on(page) -> list[str]:
    page.wait_for_load_state("load")
    problems = []
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    if results.violations_count:
        rules = sorted({v["id"] for v in results.response["violations"]})
        problems.append(f"axe: {', '.join(rules)}")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"{overflow}px wider than the screen")
    return problems


def _crawl(browser, base_url, email) -> tuple[int, list[str]]:
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 800}, locale="en-GB", reduced_motion="reduce"
    )
    _sign_in(context, base_url, email)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    seen_urls, per_view, problems = set(), Counter(), []
    queue = deque([base_url + "/"])
    try:
        while queue:
            url = queue.popleft()
            view, most = _view(urlsplit(url).path)
            if url in seen_urls or view is None or per_view[view] >= most:
                continue
            seen_urls.add(url)
            per_view[view] += 1
            response = page.goto(url)
            if response is None or response.status >= 500:
                problems.append(f"{url}: server error")
                continue
            if "text/html" not in (response.headers.get("content-type") or ""):
                continue
            problems += [f"{page.url}: {problem}" for problem in _problems_on(page)]
            problems += [f"{page.url}: script error {error}" for error in errors]
            errors.clear()
            queue.extend(_links(page, base_url))
    finally:
        context.close()
    return sum(per_view.values()), problems


def test_every_page_of_the_demo_county_works_on_a_320px_phone_for_everyone(
    browser, live_server, settings
):
    settings.REQUIRE_STAFF_MFA = False  # as `make run`: the demo's staff sign in at once
    call_command("seed_demo", volunteers=PEOPLE, stdout=StringIO())
    report, pages = [], {}
    for email in PERSONAS:
        count, problems = _crawl(browser, live_server.url, email)
        pages[email or "signed out"] = count
        report += [f"{email or 'signed out'} · {problem}" for problem in problems]
    assert report == [], "\n".join(report)
    # Each person reached their own part of the county, not only the home page.
    assert pages["opcc@demo.cip.example"] > 40, pages
    assert all(count >= 3 for count in pages.values()), pages


def test_the_admin_list_of_volunteers_fits_beside_its_menu_and_filters_at_1280px(
    browser, live_server, settings
):
    settings.REQUIRE_STAFF_MFA = False
    call_command("seed_demo", volunteers=40, stdout=StringIO())
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    _sign_in(context, live_server.url, "opcc@demo.cip.example")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/volunteers/volunteer/")
        hidden = page.locator(".results").evaluate("box => box.scrollWidth - box.clientWidth")
        assert hidden <= 0, f"{hidden}px of the list are cut off"
    finally:
        context.close()
