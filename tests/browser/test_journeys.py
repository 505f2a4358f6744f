"""The journeys people make, in a real browser, checked for accessibility on every page."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from schemes.models import HoursEntry, Signup
from tests import factories as f
from volunteers.models import Volunteer

from .conftest import check_page, date_keys, open_from_menu, sign_in

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
    expect(page.get_by_role("heading", name="Welcome")).to_be_visible()
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
    expect(page.get_by_text("Thank you, your details are saved.")).to_be_visible()
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
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".error-summary")).to_be_focused()
    assert page.get_by_label("Town or city").input_value() == "Ware"
    check_page(page)


def test_volunteer_books_a_duty_and_logs_hours_on_a_phone(
    live_server, new_page, volunteer, scheme_x
):
    duty = f.make_duty(scheme_x, title="Saturday football patrol", starts_in_days=4)
    page = new_page(width=390, height=844)
    sign_in(page, live_server, volunteer.email)
    open_from_menu(page, "Duties")
    check_page(page)
    page.get_by_role("link", name="Saturday football patrol").click()
    check_page(page)
    page.get_by_role("button", name="Book this duty").click()
    expect(page.get_by_text("you are booked on")).to_be_visible()
    assert Signup.objects.get(duty=duty).status == Signup.Status.BOOKED
    check_page(page)

    page.goto(f"{live_server.url}/portal/hours/")
    check_page(page)
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Date").fill(yesterday.isoformat())
    page.get_by_role("spinbutton", name="Hours").fill("2.5")
    page.get_by_label("What you did (optional)").fill("Front counter cover")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.get_by_text("Thank you for your time.")).to_be_visible()
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
    sign_in(page, live_server, "coord.mfa@example.org", mfa_secret=secret)
    open_from_menu(page, "Hours to approve", group="Duties and hours")
    check_page(page)
    page.get_by_role("button", name="Approve 2 h 30 min").click()
    expect(page.get_by_text("Approved 2 h 30 min from Siân O'Brien.")).to_be_visible()
    check_page(page)
    entry.refresh_from_db()
    assert entry.status == "approved" and entry.decided_by == coordinator


def test_staff_open_the_strategy_dashboard_and_download_its_figures(
    live_server, new_page, scheme_y, tmp_path
):
    from schemes.kpi_registry import rollup
    from volunteers.dates import months_up_to

    staff = f.make_user(email="opcc.analyst@example.org", is_staff=True)
    staff.groups.add(Group.objects.get(name="OPCC staff"))
    secret = f.give_mfa(staff)
    for _ in range(4):
        cadet = f.make_volunteer(
            date_of_birth=date(2011, 5, 1),
            guardian_name="Grace Okafor",
            guardian_phone="07700900555",
        )
        f.make_membership(cadet, scheme_y, joined_on=timezone.localdate() - timedelta(days=100))
    for month in months_up_to(timezone.localdate(), 3):
        rollup(period=month)

    page = new_page(width=320)
    sign_in(page, live_server, "opcc.analyst@example.org", mfa_secret=secret)
    open_from_menu(page, "Strategy", group="Reports")
    expect(page.get_by_role("heading", name="1. Grow and diversify our volunteers")).to_be_visible()
    cadets = page.locator(
        "article", has=page.get_by_role("heading", name="Volunteer Police Cadets")
    )
    assert "Below target" in cadets.inner_text() and "Target: 280" in cadets.inner_text()
    expect(
        cadets.get_by_role("img", name="Volunteer Police Cadets, month by month")
    ).to_be_visible()
    check_page(page)

    # The chart's figures open from the keyboard alone.
    summary = cadets.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    figures = cadets.get_by_role("table")
    expect(figures).to_be_visible()
    expect(figures.locator("tbody tr")).to_have_count(3)
    assert "4" in figures.locator("tbody tr").last.inner_text()

    earlier = months_up_to(timezone.localdate(), 3)[0]
    page.get_by_label("Month", exact=True).select_option(f"{earlier:%Y-%m}")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_text(f"Figures for {earlier:%B %Y}")).to_be_visible()
    check_page(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the figures (CSV)").click()
    saved = tmp_path / "figures.csv"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert text.startswith("Strategic priority,KPI code,KPI,Month")
    assert f"cadets,Volunteer Police Cadets,{earlier:%Y-%m}" in text


def test_special_follows_their_pathway_applies_and_makes_a_suggestion_on_a_phone(
    live_server, new_page, volunteer, scheme_x, coordinator_x
):
    from careers import services as careers
    from careers.models import PathwayApplication, Step, Suggestion

    special = volunteer.volunteer
    careers.sign_off(
        actor=coordinator_x,
        volunteer=special,
        step=Step.INITIAL_TRAINING,
        signed_off_on=timezone.localdate() - timedelta(days=30),
        evidence="Initial learning passed",
    )
    f.make_training(special, course_name="Data protection essentials")
    record = careers.record_for(special)
    record.attested_on = timezone.localdate() - timedelta(days=250)
    record.save()
    for days_ago in (20, 40, 60, 80, 100):
        f.make_hours(
            special,
            scheme_x,
            worked_on=timezone.localdate() - timedelta(days=days_ago),
            status="approved",
            hours=Decimal("6"),
        )

    page = new_page(width=390, height=844)
    sign_in(page, live_server, volunteer.email)
    page.get_by_role("link", name="Your service record and pathway").click()
    expect(page.get_by_text("Supervised phase 1: tutored patrol:")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Career pathways you can apply for").click()
    roads = page.locator("article", has=page.get_by_role("heading", name="Roads policing"))
    assert "You need Independent Patrol Status." in roads.inner_text()
    cyber = page.locator("article", has=page.get_by_role("heading", name="Cyber crime"))
    assert "You can apply" in cyber.inner_text()
    check_page(page)
    cyber.get_by_label("Why you want to join, and what you bring").fill(
        "I work in IT security and can give two evenings a week."
    )
    cyber.get_by_role("button", name="Apply for Cyber crime").click()
    expect(
        page.get_by_text("your application for Cyber crime is with the pathway lead")
    ).to_be_visible()
    assert PathwayApplication.objects.get().pathway.slug == "cyber-crime"
    check_page(page)

    page.goto(f"{live_server.url}/portal/service/feedback/")
    page.get_by_label("Your suggestion in a line").fill("Radio refresher before nights")
    page.get_by_label("Tell us more").fill("A ten-minute radio refresher would help new Specials.")
    page.get_by_label("Hide my name from my line managers").check()
    page.get_by_role("button", name="Send your suggestion").click()
    expect(page.get_by_text("your suggestion is with")).to_be_visible()
    assert Suggestion.objects.get().hide_name
    check_page(page)


def test_manager_issues_an_attendance_letter_and_opens_it_to_print(
    live_server, new_page, volunteer, scheme_x
):
    from volunteers.dates import months_up_to

    manager = f.make_user(email="specials.manager@example.org")
    secret = f.give_mfa(manager)
    f.make_membership(f.make_volunteer(user=manager), scheme_x, role="coordinator")
    membership = volunteer.volunteer.memberships.get()
    membership.joined_on = date(2021, 4, 1)
    membership.save()
    before, last = months_up_to(timezone.localdate().replace(day=1), 3)[:2]
    f.make_hours(
        volunteer.volunteer,
        scheme_x,
        worked_on=before + timedelta(days=3),
        status="approved",
        hours=Decimal("16"),
        kind="duty",
    )

    page = new_page()
    sign_in(page, live_server, "specials.manager@example.org", mfa_secret=secret)
    open_from_menu(page, "Specials", group="Scheme pages")
    page.get_by_role("link", name="Attendance").click()
    page.get_by_role("combobox", name="Month").select_option(f"{last:%Y-%m}")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_text("1 Special below the minimum")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Issue: Reminder to Siân O'Brien").click()
    expect(page.get_by_role("heading", name="Reminder")).to_be_visible()
    expect(page.get_by_text("Dear Siân,")).to_be_visible()
    check_page(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the letter (PDF)").click()
    assert download.value.suggested_filename.startswith("reminder-")


def test_manager_ticks_specials_on_a_phone_and_issues_each_their_next_step(
    live_server, new_page, volunteer, scheme_x
):
    from careers.models import AttendanceAction
    from volunteers.dates import months_up_to

    manager = f.make_user(email="specials.manager@example.org")
    secret = f.give_mfa(manager)
    f.make_membership(f.make_volunteer(user=manager), scheme_x, role="coordinator")
    last = months_up_to(timezone.localdate().replace(day=1), 2)[0]
    for person in (
        volunteer.volunteer,
        f.make_volunteer(first_name="Jo", last_name="Abbott", email="jo.abbott@example.org"),
    ):
        membership = person.memberships.first() or f.make_membership(person, scheme_x)
        membership.joined_on = date(2021, 4, 1)
        membership.save()

    page = new_page(width=390)
    sign_in(page, live_server, "specials.manager@example.org", mfa_secret=secret)
    page.goto(f"{live_server.url}/staff/specials/attendance/?month={last:%Y-%m}")
    expect(page.get_by_text("2 Specials below the minimum")).to_be_visible()
    page.get_by_label("Tick everyone on this page").check()
    page.get_by_role("button", name="Issue the next step to the ticked Specials").first.click()
    expect(page.get_by_role("heading", name="Reminder: 2")).to_be_visible()
    check_page(page)
    assert not AttendanceAction.objects.exists()  # nothing until it is confirmed
    page.get_by_role("button", name="Issue 2 steps").click()
    expect(page.get_by_text("Reminder: 2.")).to_be_visible()
    check_page(page)
    assert AttendanceAction.objects.filter(month=last, stage="reminder").count() == 2


def test_a_business_signs_up_on_a_phone_and_confirms_its_e_mail(live_server, new_page):
    from django.core import mail

    from esp.models import Employer

    page = new_page(width=320, height=800)
    page.goto(f"{live_server.url}/esp/join/")
    check_page(page)
    continue_button = page.get_by_role("button", name="Continue")
    page.get_by_label("Organisation name").fill("Ware Brewing Company")
    page.get_by_label("Sector").select_option(label="Manufacturing and engineering")
    page.get_by_label("Size").select_option(label="10 to 49 staff")
    page.get_by_label("Address").fill("1 Priory Street")
    page.get_by_label("Town or city").fill("Ware")
    page.get_by_label("Postcode").fill("sg12 0ab")
    continue_button.click()
    expect(page.get_by_role("heading", name="About you")).to_be_visible()
    check_page(page)
    page.get_by_label("Your name").fill("Tom Hughes")
    page.get_by_label("Your role").fill("Operations director")
    page.get_by_label("Your work e-mail").fill("tom@warebrewing.example")
    page.get_by_label("Your phone").fill("01920 123456")
    continue_button.click()
    expect(page.get_by_role("heading", name="The support you offer")).to_be_visible()
    check_page(page)
    page.get_by_role("spinbutton", name="Paid leave (hours)").fill("40")
    page.get_by_role("checkbox", name="Paid leave for training (optional)", exact=True).check()
    page.get_by_role("checkbox", name="Flexible working (optional)").check()
    continue_button.click()
    page.get_by_label("Choose a password").fill("hops-and-barley-2026")
    page.get_by_label("Type the password again").fill("hops-and-barley-2027")
    continue_button.click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check_page(page)
    page.get_by_label("Choose a password").fill("hops-and-barley-2026")
    page.get_by_label("Type the password again").fill("hops-and-barley-2026")
    continue_button.click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    check_page(page)
    # A change from the check page keeps the other answers and comes back to it.
    page.get_by_role("link", name="Change address").click()
    assert page.get_by_label("Town or city").input_value() == "Ware"  # nothing lost
    page.get_by_label("Address").fill("3 Priory Street")
    continue_button.click()
    expect(page.get_by_text("3 Priory Street")).to_be_visible()
    expect(page.get_by_text("40 hours' paid leave a year for training")).to_be_visible()
    page.get_by_role("button", name="Sign up as a supporting employer").click()
    expect(page.get_by_role("heading", name="Thank you, Ware Brewing Company")).to_be_visible()
    check_page(page)
    employer = Employer.objects.get()
    assert employer.status == "pending" and employer.postcode == "SG12 0AB"
    assert employer.address_line_1 == "3 Priory Street" and employer.flexible_working

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    assert "/accounts/login/" in page.url  # confirmed: now they sign in
    sign_in(page, live_server, "tom@warebrewing.example", "hops-and-barley-2026")
    # An employer user sets up MFA before anything else (allauth asks for the password
    # again first).
    assert "totp" in page.url and "activate" in page.url
    check_page(page)


def test_a_coordinator_is_warned_before_the_idle_sign_out_and_keeps_what_they_typed(
    live_server, new_page, volunteer, scheme_x, settings
):
    """The security issue's sessions: a warning with "Stay signed in", and after the time
    runs out, what was typed comes back once the person signs in again."""
    settings.REQUIRE_STAFF_MFA = False  # signs in twice within one authenticator code
    settings.STAFF_IDLE_MINUTES = 0.1  # six seconds: the warning shows half-way
    coordinator = f.make_user(email="coord.idle@example.org")
    f.make_membership(f.make_volunteer(user=coordinator), scheme_x, role="coordinator")
    page = new_page()
    sign_in(page, live_server, "coord.idle@example.org")
    page.goto(f"{live_server.url}/staff/people/{volunteer.volunteer.pk}/edit/")
    warning = page.get_by_role("dialog", name="You will be signed out in a minute")
    expect(warning).to_be_visible()
    with page.expect_response("**/session/keep-alive/") as kept:
        warning.get_by_role("button", name="Stay signed in").click()
    assert kept.value.status == 204
    expect(warning).to_be_hidden()
    phone = page.get_by_role("textbox", name="Phone", exact=True)
    phone.fill("07700 900456")
    page.wait_for_url("**/accounts/login/**", timeout=20_000)
    expect(page.get_by_text("You were signed out after")).to_be_visible()
    page.get_by_label("E-mail address").fill("coord.idle@example.org")
    page.get_by_label("Password").fill("correct-horse-battery")
    settings.STAFF_IDLE_MINUTES = 30
    page.locator("main").get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("We put back what you were typing")).to_be_visible()
    expect(phone).to_have_value("07700 900456")


def test_a_stranger_applies_is_taken_through_every_stage_and_books_a_duty_on_a_phone(
    live_server, new_page
):
    """Issue 13's journey: a role on the public pages, an account made on the way, the
    details, the application; the coordinator moves it on and accepts it; then a duty."""
    from urllib.parse import urlsplit

    from django.core import mail
    from icalendar import Calendar

    from schemes.models import Application, Interview, Question, Stage
    from volunteers.catalogue import SchemeSlug

    watch = f.scheme(SchemeSlug.NEIGHBOURHOOD_WATCH)
    role = f.make_opportunity(
        watch,
        title="Neighbourhood Watch coordinator",
        stages=[stage.value for stage in Stage],  # every stage, as a scheme may ask
        residence="anyone",
    )
    Question.objects.create(opportunity=role, text="Which street would you look after?")
    f.make_duty(watch, title="Watch coordinators' meeting", starts_in_days=5)
    coordinator = f.make_user(email="watch.coordinator@example.org")
    secret = f.give_mfa(coordinator)
    f.make_membership(f.make_volunteer(user=coordinator), watch, role="coordinator")

    page = new_page(width=390, height=844)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="See the roles open now").click()
    check_page(page)
    page.get_by_role("link", name="Neighbourhood Watch coordinator").click()
    check_page(page)
    page.get_by_role("link", name="Apply for this role").click()
    # Not signed in: the sign-in page, with the way to make an account.
    page.locator("main").get_by_role("link", name="Create an account").click()
    check_page(page)
    page.get_by_label("E-mail address").fill("new.neighbour@example.org")
    page.locator("#id_password1").fill("a-long-Pass-phrase-9")
    page.get_by_label("The same password again").fill("a-long-Pass-phrase-9")
    page.get_by_role("button", name="Create my account").click()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    page.locator("main").get_by_role("button").first.click()

    page.goto(f"{live_server.url}{role.get_absolute_url()}apply/")
    expect(page.get_by_role("heading", name="Tell us your details")).to_be_visible()
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Neighbour")
    page.get_by_label("Date of birth").fill("1975-06-01")
    page.locator("#id_phone").fill("07700 900 456")
    page.get_by_label("Address line 1").fill("3 Mill Lane")
    page.get_by_label("Town or city").fill("Tring")
    page.get_by_label("Postcode").fill("HP23 5AA")
    page.locator("#id_emergency_contact_name").fill("Tom Neighbour")
    page.locator("#id_emergency_contact_phone").fill("01442123456")
    page.get_by_role("button", name="Save your details").click()
    expect(
        page.get_by_role("heading", name="Apply: Neighbourhood Watch coordinator")
    ).to_be_visible()
    check_page(page)
    page.get_by_label("Which street would you look after?").fill("Mill Lane and Brook Street")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Thank you for applying")).to_be_visible()
    check_page(page)
    application = Application.objects.get()

    staff = new_page(width=390, height=844)
    sign_in(staff, live_server, "watch.coordinator@example.org", mfa_secret=secret)
    open_from_menu(staff, "Applicants", group="People")
    check_page(staff)
    staff.get_by_role("link", name="Neighbour, Nia").click()
    for stage in ("Screening call", "Interview"):
        staff.get_by_role("button", name=f"Move to: {stage}").click()
        expect(staff.get_by_text("Moved on; the applicant")).to_be_visible()
        check_page(staff)
    when = timezone.localtime() + timedelta(days=6)
    staff.get_by_label("Date and time").fill(f"{when:%Y-%m-%d}T18:30")
    staff.get_by_label("Place").fill("Tring Police Station, Langdon Street")
    staff.get_by_label("The panel").fill("PC Ann Lowe and Joe Bright")
    staff.get_by_role("button", name="Arrange it, and invite them").click()
    expect(staff.get_by_text("Interview arranged; the applicant has it")).to_be_visible()
    check_page(staff)
    invitation = next(
        m for m in mail.outbox if m.to == ["new.neighbour@example.org"] and m.attachments
    )
    event = Calendar.from_ical(invitation.attachments[0][1]).walk("VEVENT")[0]
    assert str(event["location"]) == "Tring Police Station, Langdon Street"
    staff.get_by_role("button", name="Move to: References").click()  # too soon
    expect(staff.get_by_text("move them on once it has taken place").first).to_be_visible()
    # The interview takes place (moved into the past, as six days passing would).
    Interview.objects.filter(application=application).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    staff.goto(f"{live_server.url}/staff/applicants/{application.pk}/")
    for stage in ("References", "Vetting", "Training"):
        staff.get_by_role("button", name=f"Move to: {stage}").click()
        expect(staff.get_by_text("Moved on; the applicant")).to_be_visible()
    expect(staff.get_by_text("at its “training” step")).to_be_visible()
    staff.get_by_role("button", name="Accept into Neighbourhood Watch").click()
    expect(staff.get_by_text("Accepted: Nia Neighbour is now in")).to_be_visible()
    application.refresh_from_db()
    assert application.status == "accepted"
    # Training done, the scheme's own steps take over: the coordinator makes them active.
    staff.get_by_role("link", name="Their page").click()
    check_page(staff)
    staff.get_by_label("Move to").select_option(label="Active")
    staff.get_by_role("button", name="Change status").click()
    expect(staff.locator("main").get_by_text("Active").first).to_be_visible()
    assert application.volunteer.memberships.get(scheme=watch).status == "active"

    page.goto(f"{live_server.url}/portal/duties/")
    page.get_by_role("link", name="Watch coordinators' meeting").click()
    page.get_by_role("button", name="Book this duty").click()
    expect(page.get_by_text("you are booked on")).to_be_visible()
    check_page(page)


def test_a_psv_is_placed_and_credited_and_an_esv_records_an_activity_on_a_phone(
    live_server, new_page
):
    from schemes.psv.models import EsvActivity, Placement
    from volunteers.catalogue import PSV, SchemeSlug

    coordinator = f.make_user(email="psv.coordinator@example.org")
    secret = f.give_mfa(coordinator)
    f.make_membership(f.make_volunteer(user=coordinator), f.scheme(PSV), role="coordinator")
    person = f.make_volunteer(first_name="Ravi", last_name="Kumar")
    f.make_membership(person, f.scheme(PSV))

    staff = new_page(width=390, height=844)
    sign_in(staff, live_server, "psv.coordinator@example.org", mfa_secret=secret)
    open_from_menu(staff, "Police Support Volunteer roles", group="Scheme pages")
    expect(staff.get_by_role("heading", name="Puppy fostering")).to_be_visible()
    check_page(staff)
    staff.get_by_role("link", name="Place someone in a role").click()
    staff.locator("#id_volunteer").select_option(label=str(person))
    staff.get_by_label("Role").select_option(label="Puppy fosterer (Puppy fostering)")
    staff.get_by_label("Supervisor").fill("PC Dan Hale")
    staff.get_by_role("button", name="Place them").click()
    expect(staff.get_by_text("is placed as Puppy fosterer")).to_be_visible()
    check_page(staff)
    staff.get_by_label("Hours").fill("3")
    staff.get_by_role("button", name="Credit and approve").click()
    expect(staff.get_by_text("3 h credited and approved")).to_be_visible()
    assert Placement.objects.get(volunteer=person).hours.get().entry.status == "approved"

    esv = f.make_user(email="esv@example.org")
    helper = f.make_volunteer(user=esv, first_name="Jo", last_name="Fry")
    f.make_membership(helper, f.scheme(SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS))
    page = new_page(width=320, height=700)
    sign_in(page, live_server, "esv@example.org")
    page.get_by_role("link", name="Record an activity").click()
    check_page(page)
    page.get_by_label("What").select_option(label="Safe and well check")
    page.get_by_label("District").select_option(label="Dacorum")
    page.get_by_label("Where").fill("Gadebridge")
    page.get_by_label("Outcome").select_option(label="Smoke alarm or equipment fitted")
    page.get_by_label("Hours").fill("2")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_text("Recorded, thank you")).to_be_visible()
    check_page(page)
    assert EsvActivity.objects.get(volunteer=helper).place == "Gadebridge"


def test_custody_visits_from_the_rota_to_the_force_answering_a_concern(live_server, new_page):
    """The manager plans and publishes a quarter; a visitor sees only their own visits,
    files last week's report on a phone (a name typed as a custody number is refused) with
    a concern; the force's inspector answers it, which closes it; the visitor sees it."""
    from scrutiny.custody.models import Allocation, CustodyIssue, VisitReport
    from volunteers.catalogue import SchemeSlug

    icv = f.scheme(SchemeSlug.INDEPENDENT_CUSTODY_VISITORS)
    manager = f.make_user(email="icv.manager@example.org")
    manager_secret = f.give_mfa(manager)
    f.make_membership(f.make_volunteer(user=manager), icv, role="coordinator")
    inspector = f.make_inspector(email="rachel.moore@example.org", full_name="Rachel Moore")
    inspector_secret = inspector.mfa_secret
    suite = f.make_suite(name="Hatfield custody suite", inspector=inspector, visit_every=1)
    ann = f.make_visitor(first_name="Ann", last_name="Ashe", email="ann.visitor@example.org")
    bea, cal, dev = (
        f.make_visitor(first_name=n, last_name="Visitor") for n in ("Bea", "Cal", "Dev")
    )
    today = timezone.localdate()
    last_week = today - timedelta(days=today.weekday() + 7)
    f.make_allocation(suite=suite, first=ann, second=bea, week=last_week)

    staff = new_page(width=390, height=844)
    sign_in(staff, live_server, "icv.manager@example.org", mfa_secret=manager_secret)
    open_from_menu(staff, "Custody visiting", group="Scheme pages")
    expect(staff.get_by_role("heading", name=re.compile("Custody visits rota"))).to_be_visible()
    check_page(staff)
    staff.get_by_role("button", name="Plan this quarter").click()
    expect(staff.get_by_text(re.compile(r"Planned \d+ visits in pairs"))).to_be_visible()
    staff.get_by_role("button", name="Publish to the pairs").click()
    expect(
        staff.get_by_text("Published: each visitor has been sent their own visits")
    ).to_be_visible()
    check_page(staff)

    page = new_page(width=390, height=844)
    sign_in(page, live_server, "ann.visitor@example.org")
    open_from_menu(page, "Your custody visits")
    check_page(page)
    mine = Allocation.objects.published().of(ann).count()
    expect(page.get_by_role("link", name="Ask to swap")).to_have_count(mine)
    for other in (cal, dev):
        together = Allocation.objects.of(other).exclude(pk__in=Allocation.objects.of(ann))
        assert together.exists()  # they visit without Ann, and Ann's page does not say so
    page.get_by_role("link", name="File the report").first.click()
    check_page(page)
    page.locator("#id_visit-arrived_at").fill(f"{last_week + timedelta(days=1)}T19:00")
    page.locator("#id_visit-left_at").fill(f"{last_week + timedelta(days=1)}T20:10")
    page.get_by_label("Custody staff who received you").fill("PS Kate Lowe")
    page.get_by_label("People held when you arrived").fill("6")
    page.get_by_label("People offered a visit").fill("1")
    page.get_by_label("Custody number").fill("John Smith")
    page.get_by_label("Agreed to the visit").check()
    for radio in page.locator("input[type=radio][value=ok]").all():
        radio.check()
    page.locator("input[name=check-blanket][value=concern]").check()
    page.get_by_label(re.compile("Note on blanket and mattress")).fill(
        "No blanket offered overnight."
    )
    page.get_by_role("button", name="File the report").click()
    expect(page.get_by_text("That looks like a name").first).to_be_visible()
    check_page(page)
    assert page.get_by_label("Custody staff who received you").input_value() == "PS Kate Lowe"
    page.get_by_label("Custody number").fill("41/12345/26")
    page.get_by_role("button", name="File the report").click()
    expect(
        page.get_by_text("Thank you: your report is filed, and the 1 concern sent")
    ).to_be_visible()
    check_page(page)
    assert VisitReport.objects.get().detainees.get().custody_number == "41/12345/26"

    force = new_page(width=1280, height=900)
    sign_in(force, live_server, "rachel.moore@example.org", mfa_secret=inspector_secret)
    expect(force.get_by_role("heading", name="Custody visits to your suites")).to_be_visible()
    check_page(force)
    force.get_by_role("link", name=re.compile("Blanket and mattress")).click()
    check_page(force)
    force.get_by_label("The force's answer").fill("Blankets are now offered at booking in.")
    force.get_by_role("button", name="Send the answer").click()
    expect(force.get_by_text("the concern closed and the visitors told")).to_be_visible()
    check_page(force)
    assert CustodyIssue.objects.get().status == "closed"

    page.goto(f"{live_server.url}/portal/custody/")
    expect(page.get_by_text("Blankets are now offered at booking in.")).to_be_visible()
    check_page(page)


def test_a_dog_visitor_phones_in_a_serious_concern_and_the_dog_shows_visited(live_server, new_page):
    """On a phone, a visitor files a visit with a serious concern: the form shows the Dog
    Unit Manager's number and will not file it until they say they phoned. The
    administrator's coverage page then shows the dog visited."""
    from scrutiny.dogwelfare.models import DogUnit, DogVisit
    from volunteers.catalogue import SchemeSlug
    from volunteers.models import Force

    manager = f.make_unit_manager(force_slug="cambridgeshire", phone="01480 456111")
    unit = DogUnit.objects.create(
        force=Force.objects.get(slug="cambridgeshire"),
        name="Cambridgeshire Dog Unit",
        manager=manager.force_roles.get(),
    )
    dog = f.make_dog(force_slug="cambridgeshire", unit=unit, name="Luna", breed="Labrador")
    visitor = f.make_dog_visitor(first_name="Priya", email="priya.dogs@example.org")
    f.make_dog_assignment(dog=dog, visitor=visitor)

    page = new_page(width=390, height=844)
    sign_in(page, live_server, "priya.dogs@example.org")
    open_from_menu(page, "Your dog welfare visits")
    check_page(page)
    page.get_by_role("link", name="File the visit").click()
    expect(page.get_by_role("link", name="01480 456111")).to_be_visible()
    check_page(page)
    for radio in page.locator("input[type=radio][value=ok]").all():
        radio.check()
    page.locator("input[name=check-injuries][value=concern]").check()
    page.get_by_label(re.compile("Note on free of injuries")).fill("Deep cut on a forepaw; lame.")
    page.get_by_label(re.compile("This is a serious concern")).check()
    page.get_by_role("button", name="File the visit").click()
    expect(page.get_by_text("phone the Dog Unit Manager now on 01480 456111").first).to_be_visible()
    check_page(page)
    assert not DogVisit.objects.exists()
    page.get_by_label(re.compile("I have phoned the Dog Unit Manager")).check()
    page.get_by_role("button", name="File the visit").click()
    expect(
        page.get_by_text("Thank you: your visit is filed, and the 1 concern sent")
    ).to_be_visible()
    check_page(page)
    assert DogVisit.objects.get().is_serious

    administrator = f.make_user(email="dogs.admin@example.org")
    secret = f.give_mfa(administrator)
    f.make_membership(
        f.make_volunteer(user=administrator), f.scheme(SchemeSlug.DOG_WELFARE), role="coordinator"
    )
    staff = new_page(width=1280, height=900)
    sign_in(staff, live_server, "dogs.admin@example.org", mfa_secret=secret)
    open_from_menu(staff, "Dog welfare", group="Scheme pages")
    expect(staff.get_by_role("heading", name=re.compile("Dog welfare coverage"))).to_be_visible()
    row = staff.get_by_role("row", name=re.compile("PD Luna"))
    expect(row.get_by_text("Visited")).to_be_visible()
    check_page(staff)
