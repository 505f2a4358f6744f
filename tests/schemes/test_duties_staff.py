"""Coordinators: create, repeat, change, copy and cancel duties; the roster; attendance."""

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from schemes.models import Duty, HoursEntry, Signup
from schemes.services import booking
from schemes.services import duties as duty_services
from tests import factories as f
from volunteers import dates

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
FMT = "%Y-%m-%dT%H:%M"


def duty_form(scheme_obj, **overrides):
    start = (timezone.localtime() + timedelta(days=5)).replace(hour=18, minute=30)
    data = {
        "scheme": scheme_obj.pk,
        "title": "Friday night patrol",
        "kind": "patrol",
        "starts_at": start.strftime(FMT),
        "ends_at": (start + timedelta(hours=4)).strftime(FMT),
        "place": "Hatfield Police Station",
        "district": "",
        "min_people": 2,
        "places": 4,
        "signup_deadline": "",
        "cancel_cutoff_hours": 24,
        "required_vetting": "",
        "required_course": "",
        "notes": "Bring your hi-vis.",
        "weeks": 1,
    }
    data.update(overrides)
    return data


def booked_member(duty, scheme_obj, **fields):
    person = f.make_volunteer(**fields)
    f.make_membership(person, scheme_obj)
    booking.book_duty(volunteer=person, duty=duty)
    return person


def test_coordinator_creates_a_duty(client_for, scheme_x):
    response = client_for("coordinator_x").post(reverse("schemes:duty-create"), duty_form(scheme_x))
    duty = Duty.objects.get()
    assert response.url == duty.get_absolute_url()
    assert (duty.title, duty.places, duty.min_people) == ("Friday night patrol", 4, 2)
    assert timezone.localtime(duty.starts_at).strftime("%H:%M") == "18:30"


def test_a_weekly_series_in_one_go(client_for, scheme_x):
    client_for("coordinator_x").post(reverse("schemes:duty-create"), duty_form(scheme_x, weeks=6))
    duties = list(Duty.objects.order_by("starts_at"))
    assert len(duties) == 6
    assert len({d.series for d in duties}) == 1 and duties[0].series is not None
    # Each a week on at the same local time, even across the clocks changing.
    starts = [timezone.localtime(d.starts_at) for d in duties]
    assert {b.date() - a.date() for a, b in itertools.pairwise(starts)} == {timedelta(weeks=1)}
    assert len({start.time() for start in starts}) == 1


def the_week_before_the_clocks_change(month: int, today) -> date:
    """The Sunday a week before the next last Sunday of `month` (when UK clocks change)."""
    for year in (today.year, today.year + 1):
        last = dates.month_end(date(year, month, 1))
        change = last - timedelta(days=(last.weekday() + 1) % 7)
        if change - timedelta(weeks=1) > today + timedelta(days=1):
            return change - timedelta(weeks=1)
    raise AssertionError("unreachable")


@pytest.mark.parametrize("month", [3, 10], ids=["spring forward", "fall back"])
def test_a_weekly_series_keeps_its_local_time_when_the_clocks_change(
    client_for, scheme_x, month, today
):
    start = datetime.combine(the_week_before_the_clocks_change(month, today), time(18, 30))
    form = duty_form(
        scheme_x,
        starts_at=start.strftime(FMT),
        ends_at=(start + timedelta(hours=4)).strftime(FMT),
        weeks=3,
    )
    client_for("coordinator_x").post(reverse("schemes:duty-create"), form)
    duties = list(Duty.objects.order_by("starts_at"))
    assert [timezone.localtime(d.starts_at).strftime("%a %d %b %H:%M") for d in duties] == [
        (start + timedelta(weeks=n)).strftime("%a %d %b %H:%M") for n in range(3)
    ]
    # An hour more or less passes in between: the local time is what is kept.
    assert duties[2].starts_at - duties[0].starts_at in {
        timedelta(weeks=2, hours=-1),
        timedelta(weeks=2, hours=1),
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"starts_at": "2020-01-01T10:00", "ends_at": "2020-01-01T12:00"},
            "starts_at",
            duty_services.PAST_START,
        ),
        ({"ends_at": "2000-01-01T00:00"}, "ends_at", "The end must be after the start."),
        ({"places": 1, "min_people": 3}, "places", "The maximum must be at least the minimum."),
    ],
)
def test_bad_duty_input_saves_nothing_and_keeps_what_was_typed(
    client_for, scheme_x, changes, field, message
):
    response = client_for("coordinator_x").post(
        reverse("schemes:duty-create"), duty_form(scheme_x, **changes)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert Duty.objects.count() == 0
    assert message in page and "There is a problem" in page
    assert 'value="Friday night patrol"' in page and "Bring your hi-vis." in page


def test_coordinator_cannot_create_a_duty_for_another_scheme(client_for, scheme_y):
    response = client_for("coordinator_x").post(reverse("schemes:duty-create"), duty_form(scheme_y))
    assert response.status_code == 200
    assert Duty.objects.count() == 0


def test_places_cannot_drop_below_the_people_booked(client_for, scheme_x, duty_x):
    for _ in range(3):
        booked_member(duty_x, scheme_x)
    data = duty_form(scheme_x, places=2, min_people=1, title="Renamed patrol")
    data.pop("weeks")
    response = client_for("coordinator_x").post(
        reverse("schemes:duty-edit", args=[duty_x.pk]), data
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "3 people are already booked" in page
    assert 'value="Renamed patrol"' in page
    duty_x.refresh_from_db()
    assert (duty_x.places, duty_x.title) == (4, "Town centre patrol")


def test_more_places_fill_from_the_waiting_list(client_for, scheme_x):
    duty = f.make_duty(scheme_x, min_people=1, places=1)
    booked_member(duty, scheme_x)
    waiting = booked_member(duty, scheme_x)
    data = duty_form(
        scheme_x,
        places=2,
        min_people=1,
        starts_at=timezone.localtime(duty.starts_at).strftime(FMT),
        ends_at=timezone.localtime(duty.ends_at).strftime(FMT),
    )
    data.pop("weeks")
    client_for("coordinator_x").post(reverse("schemes:duty-edit", args=[duty.pk]), data)
    assert Signup.objects.get(duty=duty, volunteer=waiting).status == Signup.Status.BOOKED


def test_copy_fills_the_form_a_week_later(client_for, duty_x):
    page = client_for("coordinator_x").get(reverse("schemes:duty-copy", args=[duty_x.pk]))
    later = timezone.localtime(duty_x.starts_at + timedelta(weeks=1)).strftime(FMT)
    html = page.content.decode()
    assert f'value="{later}"' in html and 'value="Town centre patrol"' in html
    assert Duty.objects.count() == 1  # nothing saved until the coordinator says so


def test_cancelling_asks_first_then_tells_everyone_booked_or_waiting(
    client_for, scheme_x, django_capture_on_commit_callbacks
):
    duty = f.make_duty(scheme_x, min_people=1, places=1)
    booked_member(duty, scheme_x, email="a@example.org")
    booked_member(duty, scheme_x, email="b@example.org")
    client = client_for("coordinator_x")
    confirm = client.get(reverse("schemes:duty-cancel", args=[duty.pk])).content.decode()
    assert "2 people are booked or waiting" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("schemes:duty-cancel", args=[duty.pk]),
            {"reason": "Event called off by the organisers"},
            follow=True,
        )
    assert "We have e-mailed 2 people." in response.content.decode()
    duty.refresh_from_db()
    assert duty.is_cancelled and duty.sequence == 1
    cancelled = [m for m in mail.outbox if "Cancelled:" in m.subject]
    assert sorted(m.to[0] for m in cancelled) == ["a@example.org", "b@example.org"]
    assert "Event called off" in cancelled[0].body


def test_cancelling_needs_a_reason(client_for, duty_x):
    response = client_for("coordinator_x").post(
        reverse("schemes:duty-cancel", args=[duty_x.pk]), {"reason": ""}
    )
    assert response.status_code == 200
    duty_x.refresh_from_db()
    assert not duty_x.is_cancelled


def test_attendance_credits_approved_hours_and_a_no_show_removes_them(
    client_for, scheme_x, coordinator_x
):
    duty = f.make_duty(scheme_x, starts_in_days=-1, hours=3.2)  # yesterday, 3 h 12 min
    came, missed = f.make_volunteer(), f.make_volunteer()
    signups = []
    for person in (came, missed):
        f.make_membership(person, scheme_x)
        signups.append(Signup.objects.create(duty=duty, volunteer=person, status="booked"))
    Duty.objects.filter(pk=duty.pk).update(booked_count=2)
    client = client_for("coordinator_x")
    client.post(
        reverse("schemes:duty-attendance", args=[duty.pk]),
        {f"s{signups[0].pk}": "yes", f"s{signups[1].pk}": "no"},
    )
    entry = HoursEntry.objects.get()
    assert (entry.volunteer, entry.hours, entry.status) == (came, Decimal("3.25"), "approved")
    assert entry.decided_by == coordinator_x
    assert Signup.objects.get(pk=signups[1].pk).status == Signup.Status.NO_SHOW
    # Marked again as did not attend: the credit goes.
    client.post(reverse("schemes:duty-attendance", args=[duty.pk]), {f"s{signups[0].pk}": "no"})
    assert HoursEntry.objects.count() == 0


def test_attendance_waits_until_the_duty_starts(client_for, duty_x, scheme_x):
    person = booked_member(duty_x, scheme_x)
    signup = Signup.objects.get(volunteer=person)
    response = client_for("coordinator_x").post(
        reverse("schemes:duty-attendance", args=[duty_x.pk]), {f"s{signup.pk}": "yes"}, follow=True
    )
    assert duty_services.NOT_STARTED in response.content.decode()
    assert HoursEntry.objects.count() == 0


def test_roster_week_shows_places_and_flags_duties_short_of_people(client_for, scheme_x, scheme_y):
    short = f.make_duty(scheme_x, starts_in_days=1, title="Short patrol", min_people=3)
    f.make_duty(scheme_y, starts_in_days=1, title="Cadet parade")
    page = client_for("coordinator_x").get(
        reverse("schemes:roster"), {"date": timezone.localtime(short.starts_at).date().isoformat()}
    )
    html = page.content.decode()
    assert "Short patrol" in html and "0 of 4 booked" in html
    assert "Short of people (needs 3)" in html
    assert "Cadet parade" not in html  # another scheme's duty


@pytest.mark.parametrize("view", ["week", "month"])
def test_roster_costs_the_same_queries_for_few_or_many_duties(
    client_for, scheme_x, django_assert_num_queries, view
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    day = timezone.localdate() + timedelta(days=2)
    client = client_for("coordinator_x")
    params = {"view": view, "date": day.isoformat()}
    f.make_duty(scheme_x, starts_in_days=2)
    client.get(reverse("schemes:roster"), params)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("schemes:roster"), params)
    for i in range(30):
        f.make_duty(scheme_x, starts_in_days=2 + (i % 3) / 24, title=f"Patrol {i}")
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("schemes:roster"), params)
    assert "Patrol 29" in page.content.decode()
