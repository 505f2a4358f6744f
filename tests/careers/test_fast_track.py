"""The cadet fast track: the same person, history kept, from 18."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careers import fast_track
from careers.models import ServiceRecord
from tests import factories as f
from tests.pages import text_of
from volunteers.catalogue import SchemeSlug
from volunteers.models import AuditEvent, Membership

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def cadet_aged(scheme, *, years: int, days: int = 0, **fields):
    born = fast_track.eighteenth_birthday_cutoff(timezone.localdate()) - timedelta(days=days)
    born = born.replace(year=born.year + 18 - years)
    person = f.make_volunteer(
        date_of_birth=born, guardian_name="Grace Okafor", guardian_phone="07700900555", **fields
    )
    f.make_membership(person, scheme, joined_on=timezone.localdate() - timedelta(days=900))
    return person


def test_a_cadet_of_18_moves_into_the_specials_application_as_the_same_person(
    client_for, scheme_y, coordinator_y
):
    cadet = cadet_aged(scheme_y, years=18, days=10, first_name="Amara")
    f.make_hours(cadet, scheme_y, status="approved")
    client = client_for("coordinator_y")
    page = text_of(client.get(reverse("careers:fast-track")))
    assert "Amara" in page and "Move into the Special Constabulary" in page
    response = client.post(reverse("careers:fast-track-move", args=[cadet.pk]), follow=True)
    assert "is now applying to the Special Constabulary" in text_of(response)
    memberships = {m.scheme.slug: m for m in Membership.objects.filter(volunteer=cadet)}
    assert memberships[SchemeSlug.SPECIAL_CONSTABULARY].status == "applied"
    assert memberships[SchemeSlug.VOLUNTEER_POLICE_CADETS].status == "left"
    assert memberships[SchemeSlug.VOLUNTEER_POLICE_CADETS].status_reason == fast_track.MOVED
    assert cadet.hours_entries.count() == 1  # their history stays with them
    assert ServiceRecord.objects.filter(volunteer=cadet).exists()
    assert AuditEvent.objects.filter(volunteer=cadet, actor=coordinator_y).count() >= 2


def test_a_cadet_under_18_waits(client_for, scheme_y, coordinator_y):
    cadet = cadet_aged(scheme_y, years=18, days=-60)  # 18 in about two months
    page = text_of(client_for("coordinator_y").get(reverse("careers:fast-track")))
    assert "Not 18 yet" in page
    with pytest.raises(ValidationError) as error:
        fast_track.move_to_specials(actor=coordinator_y, volunteer=cadet)
    assert "the Special Constabulary takes applications from 18" in error.value.messages[0]
    assert not Membership.objects.filter(
        volunteer=cadet, scheme__slug=SchemeSlug.SPECIAL_CONSTABULARY
    )


def test_only_cadets_and_only_once(scheme_x, scheme_y, coordinator_y):
    adult = f.make_volunteer()
    f.make_membership(adult, scheme_x)
    with pytest.raises(ValidationError) as error:
        fast_track.move_to_specials(actor=coordinator_y, volunteer=adult)
    assert error.value.messages == [fast_track.NOT_A_CADET]
    cadet = cadet_aged(scheme_y, years=19)
    fast_track.move_to_specials(actor=coordinator_y, volunteer=cadet)
    with pytest.raises(ValidationError):
        fast_track.move_to_specials(actor=coordinator_y, volunteer=cadet)


def test_younger_cadets_are_not_listed(client_for, scheme_y):
    cadet_aged(scheme_y, years=15, first_name="Toby")
    assert "Toby" not in text_of(client_for("coordinator_y").get(reverse("careers:fast-track")))
