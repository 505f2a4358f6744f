"""The staff "today" page (issue 17, item 2): what waits for this person, in their
schemes only, each a count linking to the list; the same queries at any size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.models import Pathway, PathwayApplication
from tests import factories as f
from tests.pages import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def _county(scheme_x, scheme_y, coordinator_x, volunteer, today, extra=0):
    """Known things waiting for the Specials' coordinator, and some that are not theirs;
    `extra` adds that many more of each kind that waits."""
    from schemes.models import Application

    special = volunteer.volunteer
    role_x, role_y = f.make_opportunity(scheme_x), f.make_opportunity(scheme_y)
    for n in range(1 + extra):
        person = f.make_volunteer()
        f.make_membership(person, scheme_x)
        f.make_hours(person, scheme_x, worked_on=today - timedelta(days=1 + n % 5))
        f.make_duty(scheme_x, starts_in_days=0.01, min_people=2)  # later today: this week
        f.make_membership(f.make_volunteer(), scheme_x, status="applied")
        PathwayApplication.objects.create(
            volunteer=person, pathway=Pathway.objects.first(), statement="Please."
        )
        Application.objects.create(opportunity=role_x, volunteer=f.make_volunteer())
    f.make_hours(special, scheme_x, worked_on=today - timedelta(days=6))  # waiting too
    if extra:
        return
    own = coordinator_x.volunteer
    f.make_membership(own, scheme_x)
    f.make_hours(own, scheme_x, worked_on=today - timedelta(days=2))  # theirs: not for them
    f.make_hours(f.make_volunteer(), scheme_y)  # another scheme's
    f.make_duty(scheme_x, starts_in_days=10)  # beyond the week
    f.make_duty(scheme_y, starts_in_days=2)  # another scheme's
    f.make_duty(scheme_x, starts_in_days=3, status="cancelled")
    f.make_vetting(special, expires_in_days=20)
    Application.objects.create(opportunity=role_y, volunteer=f.make_volunteer())  # not theirs
    Application.objects.create(opportunity=role_x, volunteer=own)  # their own: not for them
    Application.objects.create(  # ended
        opportunity=role_x, volunteer=f.make_volunteer(), status=Application.Status.DECLINED
    )


def test_the_today_page_counts_what_waits_in_the_coordinators_schemes(
    client_for, scheme_x, scheme_y, coordinator_x, volunteer, today
):
    _county(scheme_x, scheme_y, coordinator_x, volunteer, today)
    response = client_for("coordinator_x").get(reverse("volunteers:today"))
    lines = {line["title"]: line["count"] for line in response.context["waiting"]}
    assert lines == {
        "Applications to move on": 1,
        "Newcomers who have applied, to welcome": 1,
        "Hours waiting for your approval": 2,
        "Duties short of people for the rest of this week": 1,
        "Pathway applications waiting for a decision": 1,
        "People whose vetting runs out within 60 days": 1,
    }
    page = response.content.decode()
    assert f'href="{reverse("schemes:hours-queue")}"' in page
    assert "Employers waiting for review" not in text_of(response)  # not their work


def test_staff_land_on_it_and_it_asks_the_same_queries_at_any_size(
    client_for, scheme_x, scheme_y, coordinator_x, volunteer, today
):
    client = client_for("coordinator_x")
    assert client.get(reverse("volunteers:after-login")).url == reverse("volunteers:today")
    _county(scheme_x, scheme_y, coordinator_x, volunteer, today)
    client.get(reverse("volunteers:today"))  # the session and caches settle
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("volunteers:today"))
    _county(scheme_x, scheme_y, coordinator_x, volunteer, today, extra=15)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("volunteers:today"))
    assert len(large) == len(small)
    counts = {line["title"]: line["count"] for line in response.context["waiting"]}
    assert counts["Hours waiting for your approval"] == 2 + 16 + 1  # 16 people and Siân again
    assert counts["Applications to move on"] == 1 + 16
