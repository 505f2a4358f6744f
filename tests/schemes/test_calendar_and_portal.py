"""The private calendar feed, the portal's duty pages and the panels on the person pages."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from schemes.models import CalendarFeed, Duty
from schemes.services import booking
from schemes.services import duties as duty_services
from schemes.services.calendar import feed_for
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def events_of(response) -> dict:
    calendar = Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_feed_is_valid_icalendar_with_cancellations_marked(client, volunteer, scheme_x):
    person = volunteer.volunteer
    kept = f.make_duty(scheme_x, starts_in_days=2, title="Kept patrol")
    called_off = f.make_duty(scheme_x, starts_in_days=4, title="Called-off patrol")
    dropped = f.make_duty(scheme_x, starts_in_days=6, title="Dropped patrol")
    for duty in (kept, called_off, dropped):
        booking.book_duty(volunteer=person, duty=duty)
    duty_services.cancel_duty(duty=called_off, reason="Weather")
    booking.cancel_signup(volunteer=person, duty=dropped)

    response = client.get(reverse("schemes:calendar-feed", args=[feed_for(person).token]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = events_of(response)
    assert set(events) == {
        "Kept patrol (Special Constabulary)",
        "Called-off patrol (Special Constabulary)",
        "Dropped patrol (Special Constabulary)",
    }
    assert events["Kept patrol (Special Constabulary)"]["status"] == "CONFIRMED"
    assert events["Called-off patrol (Special Constabulary)"]["status"] == "CANCELLED"
    assert events["Dropped patrol (Special Constabulary)"]["status"] == "CANCELLED"
    kept_event = events["Kept patrol (Special Constabulary)"]
    assert kept_event.decoded("dtstart") == kept.starts_at
    assert str(kept_event["uid"]) == f"duty-{kept.pk}@citizens-in-policing-hub"


def test_a_changed_duty_gets_a_higher_sequence(client, volunteer, scheme_x):
    person = volunteer.volunteer
    duty = f.make_duty(scheme_x)
    booking.book_duty(volunteer=person, duty=duty)
    url = reverse("schemes:calendar-feed", args=[feed_for(person).token])
    before = events_of(client.get(url))["Town centre patrol (Special Constabulary)"]["sequence"]
    duty.place = "Welwyn Garden City Police Station"
    duty_services.update_duty(duty=duty, changed=["place"])
    after = events_of(client.get(url))["Town centre patrol (Special Constabulary)"]
    assert after["sequence"] == before + 1
    assert str(after["location"]) == "Welwyn Garden City Police Station"


def test_resetting_the_address_stops_the_old_one(client_for, volunteer):
    old = feed_for(volunteer.volunteer).token
    client = client_for("volunteer")
    client.post(reverse("schemes:calendar-reset"))
    new = CalendarFeed.objects.get(volunteer=volunteer.volunteer).token
    assert new != old
    assert client.get(reverse("schemes:calendar-feed", args=[old])).status_code == 404
    assert client.get(reverse("schemes:calendar-feed", args=[new])).status_code == 200
    page = client.get(reverse("schemes:calendar")).content.decode()
    assert new in page and "webcal://" in page


def test_portal_lists_only_my_schemes_upcoming_duties_with_filters(
    client_for, volunteer, scheme_x, scheme_y
):
    from volunteers.models import District

    hatfield = District.objects.get(slug="welwyn-hatfield")
    f.make_duty(scheme_x, title="Hatfield patrol", district=hatfield)
    f.make_duty(scheme_x, title="Stevenage patrol", district=District.objects.get(slug="stevenage"))
    f.make_duty(scheme_x, title="Yesterday's patrol", starts_in_days=-1)
    f.make_duty(scheme_x, title="Cancelled patrol", status=Duty.Status.CANCELLED)
    f.make_duty(scheme_y, title="Cadet parade")
    client = client_for("volunteer")
    titles = [d.title for d in client.get(reverse("schemes:portal-duties")).context["page"]]
    assert titles == ["Hatfield patrol", "Stevenage patrol"]
    filtered = client.get(reverse("schemes:portal-duties"), {"district": "welwyn-hatfield"})
    assert [d.title for d in filtered.context["page"]] == ["Hatfield patrol"]


def test_portal_duty_list_costs_the_same_queries_for_2_or_20_duties(
    client_for, volunteer, scheme_x, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("volunteer")
    for i in range(2):
        booking.book_duty(
            volunteer=volunteer.volunteer, duty=f.make_duty(scheme_x, starts_in_days=i + 1, hours=1)
        )
    client.get(reverse("schemes:portal-duties"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("schemes:portal-duties"))
    for i in range(18):
        f.make_duty(scheme_x, starts_in_days=5 + i, hours=1, required_vetting="NPPV2")
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("schemes:portal-duties"))
    assert len(page.context["page"].object_list) == 20


def test_portal_home_and_person_page_show_duties_and_hours(client_for, volunteer, scheme_x):
    duty = f.make_duty(scheme_x, title="Saturday football match")
    booking.book_duty(volunteer=volunteer.volunteer, duty=duty)
    f.make_hours(volunteer.volunteer, scheme_x, status="approved", description="Front counter")
    home = client_for("volunteer").get(reverse("volunteers:portal")).content.decode()
    assert "Your next duties" in home and "Saturday football match" in home
    assert "Special Constabulary: " in home and "(below 16 h)" in home
    staff_page = (
        client_for("coordinator_x")
        .get(reverse("volunteers:person-detail", args=[volunteer.volunteer.pk]))
        .content.decode()
    )
    assert "Duties and hours" in staff_page and "Saturday football match" in staff_page
    assert "Recent hours" in staff_page
    # Another scheme's coordinator never sees this person at all.
    assert (
        client_for("coordinator_y")
        .get(reverse("volunteers:person-detail", args=[volunteer.volunteer.pk]))
        .status_code
        == 404
    )


def test_my_duties_lists_upcoming_and_past(client_for, volunteer, scheme_x):
    from schemes.models import Signup

    upcoming = f.make_duty(scheme_x, title="Next week's patrol", starts_in_days=7)
    past = f.make_duty(scheme_x, title="Last week's patrol", starts_in_days=-7)
    booking.book_duty(volunteer=volunteer.volunteer, duty=upcoming)
    Signup.objects.create(duty=past, volunteer=volunteer.volunteer, status="attended")
    page = client_for("volunteer").get(reverse("schemes:my-duties"))
    assert [s.duty.title for s in page.context["upcoming"]] == ["Next week's patrol"]
    assert [s.duty.title for s in page.context["page"]] == ["Last week's patrol"]


def test_a_feed_dies_with_its_account(client, volunteer):
    url = reverse("schemes:calendar-feed", args=[feed_for(volunteer.volunteer).token])
    assert client.get(url).status_code == 200
    volunteer.is_active = False
    volunteer.save()
    assert client.get(url).status_code == 404
