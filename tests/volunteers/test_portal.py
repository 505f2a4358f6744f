"""The volunteer portal home: my schemes, my vetting and training with expiry warnings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from volunteers.models import Vetting
from volunteers.templatetags.people import expiry_text, long_date

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def test_portal_shows_my_schemes_vetting_and_training_with_warnings(client_for, volunteer):
    person = volunteer.volunteer
    vetting = f.make_vetting(person, expires_in_days=20)
    f.make_training(
        person, course_name="First aid at work", expires_on=timezone.localdate() - timedelta(days=2)
    )
    page = client_for("volunteer").get(reverse("volunteers:portal")).content.decode()
    assert "Hello, Siân" in page
    assert "Special Constabulary" in page
    assert f"Expires on {long_date(vetting.expires_on)} (20 days left)" in page
    assert "status-expiring" in page
    assert "First aid at work" in page
    assert "Expired on" in page and "status-expired" in page


def test_portal_never_shows_anyone_else(client_for, volunteer, other_volunteer):
    page = client_for("volunteer").get(reverse("volunteers:portal")).content.decode()
    assert "Nowak" not in page
    assert "Volunteer Police Cadets" not in page


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "Expires today"),
        (1, "(1 day left)"),
        (60, "(60 days left)"),
        (61, "Expires on"),
        (-1, "Expired on"),
    ],
)
def test_expiry_text_in_plain_english(days, text):
    today = timezone.localdate()
    record = Vetting(
        granted_on=today - timedelta(days=900), expires_on=today + timedelta(days=days)
    )
    assert text in expiry_text(record)
    assert "days left" not in expiry_text(record) or days <= 60


def test_long_dates_read_like_people_write_them():
    from datetime import date

    assert long_date(date(2026, 11, 22)) == "22 November 2026"


def test_home_page_explains_every_scheme_to_anyone(client):
    page = client.get(reverse("volunteers:home")).content.decode()
    for name in [
        "Special Constabulary",
        "Volunteer Police Cadets",
        "Mini Police",
        "Independent Custody Visitors",
        "Stop &amp; Search Scrutiny Panel",
        "Community DriveSafe",
        "Neighbourhood Watch",
        "Dog Welfare",
        "Employer Supported Policing",
        "Police Support Volunteers",
        "Emergency Services Volunteers",
    ]:
        assert name in page
    assert 'lang="en-GB"' in page and 'href="#main"' in page


@pytest.mark.parametrize("persona", ["anonymous", "volunteer", "coordinator_x", "employer"])
def test_every_page_links_to_the_accessibility_statement(persona, client_for, settings):
    settings.CONTACT_EMAIL = "access@opcc.example"
    client = client_for(persona)
    page = client.get(reverse("volunteers:home"), follow=True).content.decode()
    statement = reverse("volunteers:accessibility")
    assert f'href="{statement}"' in page
    text = client.get(statement).content.decode()
    assert "WCAG) version 2.2 at level AA" in text
    assert 'href="mailto:access@opcc.example"' in text
