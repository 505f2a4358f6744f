"""Long service worked out from real duty records, and awards on the record."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careers import long_service, services
from careers.models import Award
from schemes.models import Duty, Signup
from tests import factories as f
from tests.pages import text_of
from volunteers.dates import anniversary, years_before

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def attested(person, years_ago: int, days: int = 30):
    record = services.record_for(person)
    record.attested_on = years_before(timezone.localdate(), years_ago) - timedelta(days=days)
    record.save()
    return record.attested_on


def attend(person, scheme, day: date, count: int):
    """`count` attended duties on consecutive days from `day`."""
    duties = Duty.objects.bulk_create(
        Duty(
            scheme=scheme,
            title="Patrol",
            starts_at=timezone.make_aware(datetime.combine(day + timedelta(days=i), time(18))),
            ends_at=timezone.make_aware(datetime.combine(day + timedelta(days=i), time(22))),
            place="Hatfield",
            places=4,
            booked_count=1,
        )
        for i in range(count)
    )
    Signup.objects.bulk_create(
        Signup(duty=d, volunteer=person, status=Signup.Status.ATTENDED) for d in duties
    )


def serve(person, scheme, start: date, years: list[int]):
    """Attend years[k] duties in service year k."""
    for k, count in enumerate(years):
        if count:
            attend(person, scheme, anniversary(start, k) + timedelta(days=5), count)


def test_nine_qualifying_years_earn_the_medal(volunteer, scheme_x):
    special = volunteer.volunteer
    start = attested(special, 10)
    serve(special, scheme_x, start, [50] * 9 + [12])
    (standing,) = long_service.standings()
    assert (standing.qualifying_years, standing.completed_years) == (9, 10)
    assert standing.eligible and standing.next_award_name == (
        "Special Constabulary Long Service Medal"
    )


def test_a_year_short_of_fifty_duties_does_not_qualify(volunteer, scheme_x):
    special = volunteer.volunteer
    start = attested(special, 10)
    serve(special, scheme_x, start, [50] * 4 + [49] + [50] * 4 + [0])
    (standing,) = long_service.standings()
    assert standing.qualifying_years == 8 and not standing.eligible
    assert standing.due_within_a_year  # the year they are in now would be the ninth


def test_due_within_a_year_shows_this_years_duties(volunteer, scheme_x):
    special = volunteer.volunteer
    start = attested(special, 8, days=100)
    serve(special, scheme_x, start, [50] * 8 + [20])
    (standing,) = long_service.standings()
    assert standing.due_within_a_year and standing.duties_this_year == 20
    assert standing.year_ends_on == anniversary(start, 9)


def test_clasps_follow_every_ten_further_years():
    assert [long_service.awards_for(n) for n in [8, 9, 18, 19, 29]] == [0, 1, 1, 2, 3]
    assert long_service.award_name(2) == "Long Service Medal clasp (1)"


def test_a_manager_records_the_medal_and_it_shows_on_the_portal(client_for, volunteer, scheme_x):
    special = volunteer.volunteer
    serve(special, scheme_x, attested(special, 9), [55] * 9)
    client = client_for("coordinator_x")
    page = text_of(client.get(reverse("careers:long-service")))
    assert "Siân O'Brien Special Constabulary Long Service Medal" in page
    response = client.post(reverse("careers:long-service-record", args=[special.pk]), follow=True)
    assert "Special Constabulary Long Service Medal recorded for Siân O'Brien." in text_of(response)
    assert "Nobody is waiting for a long-service award." in text_of(response)
    award = Award.objects.get()
    assert award.category == "long_service" and "9 qualifying years" in award.citation
    again = client.post(reverse("careers:long-service-record", args=[special.pk]), follow=True)
    assert long_service.NOT_EARNED in text_of(again) and Award.objects.count() == 1
    portal = text_of(client_for("volunteer").get(reverse("careers:my-service")))
    assert "Special Constabulary Long Service Medal" in portal


def test_commendations_are_recorded_on_the_service_record(client_for, volunteer, today):
    special = volunteer.volunteer
    client = client_for("coordinator_x")
    response = client.post(
        reverse("careers:award-add", args=[special.pk]),
        {
            "award-category": "cc_commendation",
            "award-awarded_on": str(today),
            "award-citation": "Bravery at a house fire in Hatfield",
        },
        follow=True,
    )
    assert "Recorded: Chief Constable's Commendation." in text_of(response)
    future = client.post(
        reverse("careers:award-add", args=[special.pk]),
        {"award-category": "other", "award-awarded_on": str(today + timedelta(days=3))},
    )
    assert "This date is in the future." in text_of(future)
    portal = text_of(client_for("volunteer").get(reverse("careers:my-service")))
    assert "Chief Constable's Commendation" in portal and "house fire" in portal


def test_specials_attested_recently_are_not_even_looked_at(volunteer, scheme_x):
    attested(volunteer.volunteer, 2)
    assert long_service.standings() == []
    f.make_membership(f.make_volunteer(), scheme_x)  # no record at all: not a candidate
    assert long_service.standings() == []
