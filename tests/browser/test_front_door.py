"""Every kind of person signs in and lands on their own home, and their menus hold only
what they may open: checked against the access matrix (tests/test_access_matrix.py), not
a list kept by hand (issue 17, items 1 and 3). Each home is photographed at 1280 and
390 px into test-artifacts/front-door/ (kept out of git)."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve, reverse
from playwright.sync_api import expect

from tests.test_access_matrix import OURS, SAMPLES

from .conftest import ARTIFACTS, check_page

pytestmark = pytest.mark.django_db(transaction=True)

HOMES = {
    "volunteer": "volunteers:portal",
    "other_volunteer": "volunteers:portal",
    "coordinator_x": "volunteers:today",
    "coordinator_y": "volunteers:today",
    "staff": "volunteers:today",
    "superuser": "volunteers:today",
    "employer": "esp:employer-home",
}


def _signed_in_page(new_page, live_server, user, *, width):
    """A browser already signed in as `user` (the sign-in pages have journeys of their own)."""
    client = Client()
    client.force_login(user)
    page = new_page(width=width, height=900)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def _menu_names(page) -> set[str]:
    hrefs = (
        page.get_by_role("navigation", name="Main")
        .locator("a[href]")
        .evaluate_all("links => links.map(link => link.getAttribute('href'))")
    )
    names = set()
    for href in hrefs:
        match = resolve(urlsplit(href).path)
        names.add(match.view_name)
    return names


@pytest.mark.parametrize("persona", list(HOMES))
def test_each_person_lands_on_their_home_and_their_menu_holds_only_what_they_may_open(
    persona, live_server, new_page, request, volunteer
):
    user = request.getfixturevalue(persona)
    for width in (1280, 390):
        page = _signed_in_page(new_page, live_server, user, width=width)
        page.goto(f"{live_server.url}{reverse('volunteers:after-login')}")
        assert urlsplit(page.url).path == reverse(HOMES[persona]), persona
        check_page(page)
        folder = ARTIFACTS / "front-door"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{persona}-{width}.png", full_page=True)
    names = _menu_names(page) - {"volunteers:home", "account_logout"}
    assert names, persona
    not_theirs = [
        name
        for name in names
        if (OURS.get(name) or SAMPLES.get(name)) is None
        or (OURS.get(name) or SAMPLES[name]).statuses[persona] != 200
    ]
    assert not_theirs == [], persona


def test_on_a_phone_the_hours_queue_is_cards_and_ticked_entries_are_approved_together(
    live_server, new_page, volunteer, coordinator_x, scheme_x
):
    from datetime import timedelta

    from django.utils import timezone

    from tests import factories as f

    for day in (2, 3, 4):
        worked_on = timezone.localdate() - timedelta(days=day)
        f.make_hours(volunteer.volunteer, scheme_x, worked_on=worked_on)
    page = _signed_in_page(new_page, live_server, coordinator_x, width=390)
    page.goto(f"{live_server.url}{reverse('schemes:hours-queue')}")
    check_page(page)  # nothing wider than the phone: the rows are cards
    page.get_by_label("Tick every entry on this page").check()
    page.get_by_role("button", name="Approve the ticked entries").click()
    expect(page.get_by_text("Approved 3 entries, 7 h 30 min in all.")).to_be_visible()
    check_page(page)
