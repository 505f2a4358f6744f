"""Staff sessions end after a time without a request, with a warning and a way to stay;
everyone can see where they are signed in and end the other sessions (the security issue's
"Sessions")."""

from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from tests.pages import text_of
from volunteers.middleware import SIGNED_OUT_IDLE

pytestmark = pytest.mark.django_db

IDLE = timedelta(minutes=settings.STAFF_IDLE_MINUTES)


def test_a_staff_session_ends_after_the_idle_time_and_says_why(client_for, staff, clock):
    client = client_for("staff")
    people = reverse("volunteers:people-list")
    page = client.get(people)
    assert 'id="idle-warning"' in page.content.decode()
    assert f'data-idle-seconds="{settings.STAFF_IDLE_MINUTES * 60}"' in page.content.decode()
    clock.shift(IDLE - timedelta(minutes=1))
    assert client.get(people).status_code == 200  # within the time: still signed in
    clock.shift(IDLE + timedelta(seconds=31))  # the limit, counted from a time saved every 30 s
    ended = client.get(people)
    assert ended.status_code == 302 and ended.url.startswith(reverse("account_login"))
    assert f"next={people}" in ended.url.replace("%2F", "/")
    sign_in = client.get(ended.url)
    assert SIGNED_OUT_IDLE.format(minutes=settings.STAFF_IDLE_MINUTES) in text_of(sign_in)
    assert SESSION_KEY not in client.session


def test_stay_signed_in_starts_the_idle_time_again(client_for, staff, clock):
    client = client_for("staff")
    client.get(reverse("volunteers:people-list"))
    clock.shift(IDLE - timedelta(minutes=1))
    assert client.post(reverse("volunteers:keep-alive")).status_code == 204
    clock.shift(IDLE - timedelta(minutes=1))
    assert client.get(reverse("volunteers:people-list")).status_code == 200


def test_a_page_checking_its_own_time_is_not_activity(client_for, staff, clock):
    """An idle tab reloads itself with ?idle=1 when its time is up: that must not keep the
    session (or another idle tab's) alive."""
    client = client_for("staff")
    people = reverse("volunteers:people-list")
    client.get(people)
    clock.shift(IDLE - timedelta(minutes=1))
    assert client.get(people + "?idle=1").status_code == 200
    clock.shift(timedelta(minutes=2))
    ended = client.get(people + "?idle=1")
    assert ended.status_code == 302 and "idle" not in ended.url


def test_a_volunteers_session_has_no_staff_idle_limit(client_for, volunteer, clock):
    client = client_for("volunteer")
    page = client.get(reverse("volunteers:portal"))
    assert 'id="idle-warning"' not in page.content.decode()
    clock.shift(IDLE * 2)
    assert client.get(reverse("volunteers:portal")).status_code == 200


def test_a_person_sees_where_they_are_signed_in_and_ends_the_other_sessions(volunteer):
    laptop, phone = Client(HTTP_USER_AGENT="Laptop browser"), Client(HTTP_USER_AGENT="Phone")
    for client in (laptop, phone):
        response = client.post(
            reverse("account_login"),
            {"login": "sian.volunteer@example.org", "password": "correct-horse-battery"},
        )
        assert response.status_code == 302
    page = text_of(laptop.get(reverse("usersessions_list")))
    assert "Laptop browser" in page and "Phone" in page and "This browser" in page
    laptop.post(reverse("usersessions_list"))
    assert UserSession.objects.filter(user=volunteer).count() == 1
    assert phone.get(reverse("volunteers:portal")).status_code == 302  # signed out there
    assert laptop.get(reverse("volunteers:portal")).status_code == 200
