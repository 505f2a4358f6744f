"""The journeys people make, in a real browser, checked for accessibility on every page."""

import re
import time
from datetime import date, timedelta

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.utils import timezone

from schemes.models import HoursEntry, Signup
from tests import factories as f
from volunteers.models import Volunteer

from .conftest import check_page, date_keys, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def tab_until(page, selector: str, limit: int = 60) -> None:
    """Press Tab until `selector` has focus, failing if the keyboard never reaches it."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_new_volunteer_signs_in_and_gives_their_details_by_keyboard_at_320px(live_server, new_page):
    f.make_user(email="new.volunteer@example.org")
    page = new_page(width=320, height=700)
    sign_in(page, live_server, "new.volunteer@example.org")
    assert page.get_by_role("heading", name="Welcome").is_visible()
    check_page(page)

    # Keyboard only from here: the skip link first, then the form in reading order.
    page.goto(f"{live_server.url}/portal/details/")
    check_page(page)
    born = date_keys(page, date(1988, 3, 14))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    tab_until(page, "#id_first_name")
    answers = [
        ("#id_first_name", "Siân"),
        ("#id_last_name", "O'Brien"),
        ("#id_preferred_name", ""),
        ("#id_date_of_birth", born),
        ("#id_phone", "07700 900 321"),
        ("#id_address_line_1", "12 Fore Street"),
        ("#id_address_line_2", ""),
        ("#id_town", "Hertford"),
        ("#id_postcode", "sg14 1ab"),
    ]
    for selector, text in answers:
        tab_until(page, selector, limit=6)  # the next field is at most a few Tabs away
        if text:
            page.keyboard.type(text)
    tab_until(page, "#id_emergency_contact_name", limit=6)
    page.keyboard.type("Rhys O'Brien")
    page.keyboard.press("Tab")
    page.keyboard.type("01992123456")
    tab_until(page, "main button[type=submit]", limit=10)
    page.keyboard.press("Enter")

    # (#main stays on the address after the skip link; browsers keep it across redirects.)
    page.wait_for_url(re.compile(r"/portal/(#main)?$"))
    assert page.get_by_text("Thank you, your details are saved.").is_visible()
    check_page(page)
    person = Volunteer.objects.get(email="new.volunteer@example.org")
    assert (person.first_name, person.postcode, str(person.date_of_birth)) == (
        "Siân",
        "SG14 1AB",
        "1988-03-14",
    )

    # A mistake keeps everything else and says what to fix.
    page.get_by_role("link", name="Change your contact details").click()
    page.get_by_label("Postcode").fill("not a postcode")
    page.get_by_label("Town or city").fill("Ware")
    page.locator("main").get_by_role("button", name="Save your details").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.get_by_label("Town or city").input_value() == "Ware"
    check_page(page)


def test_volunteer_books_a_duty_and_logs_hours_on_a_phone(
    live_server, new_page, volunteer, scheme_x
):
    duty = f.make_duty(scheme_x, title="Saturday football patrol", starts_in_days=4)
    page = new_page(width=390, height=844)
    sign_in(page, live_server, volunteer.email)
    page.get_by_role("button", name="Show menu").click()
    page.get_by_role("link", name="Duties").click()
    check_page(page)
    page.get_by_role("link", name="Saturday football patrol").click()
    check_page(page)
    page.get_by_role("button", name="Book this duty").click()
    assert page.get_by_text("you are booked on").is_visible()
    assert Signup.objects.get(duty=duty).status == Signup.Status.BOOKED
    check_page(page)

    page.goto(f"{live_server.url}/portal/hours/")
    check_page(page)
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Date").fill(yesterday.isoformat())
    page.get_by_role("spinbutton", name="Hours").fill("2.5")
    page.get_by_label("What you did (optional)").fill("Front counter cover")
    page.get_by_role("button", name="Send for approval").click()
    assert page.get_by_text("Thank you for your time.").is_visible()
    check_page(page)
    entry = HoursEntry.objects.get()
    assert (str(entry.hours), entry.status) == ("2.50", "pending")


def test_coordinator_signs_in_with_mfa_and_approves_hours(
    live_server, new_page, volunteer, scheme_x
):
    coordinator = f.make_user(email="coord.mfa@example.org")
    secret = f.give_mfa(coordinator)
    f.make_membership(f.make_volunteer(user=coordinator), scheme_x, role="coordinator")
    entry = f.make_hours(volunteer.volunteer, scheme_x, description="Station admin")
    page = new_page()
    sign_in(page, live_server, "coord.mfa@example.org")
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Code").fill(code)
    page.locator("main").get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="Hours to approve").click()
    check_page(page)
    page.get_by_role("button", name="Approve 2 h 30 min").click()
    assert page.get_by_text("Approved 2 h 30 min from Siân O'Brien.").is_visible()
    check_page(page)
    entry.refresh_from_db()
    assert entry.status == "approved" and entry.decided_by == coordinator
