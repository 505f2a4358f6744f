"""Adding and changing a person: clear messages, nothing saved on bad input, nothing lost."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.pages import text_of
from volunteers.models import AuditEvent, Volunteer
from volunteers.models.people import FUTURE_BIRTH_DATE, GUARDIAN_NEEDED
from volunteers.validators import (
    INVALID_NAME,
    INVALID_POSTCODE,
    normalise_postcode,
    validate_person_name,
)

pytestmark = pytest.mark.django_db


def person_form_data(**overrides):
    data = {
        "first_name": "Siân",
        "last_name": "O'Brien",
        "preferred_name": "",
        "date_of_birth": "1988-03-14",
        "email": "Sian.OBrien@Example.org",
        "phone": "07700 900 321",
        "address_line_1": "12 Fore Street",
        "address_line_2": "",
        "town": "Hertford",
        "postcode": "sg14 1ab",
        "district": "",
        "emergency_contact_name": "Rhys O’Brien",
        "emergency_contact_phone": "01992 123456",
        "emergency_contact_relationship": "Partner",
        "guardian_name": "",
        "guardian_phone": "",
        "guardian_email": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "name", ["O'Brien", "O’Brien", "Siân", "Zoë", "Lewis-Jones", "St. John", "Łukasz", "Nguyễn"]
)
def test_real_names_are_valid(name):
    validate_person_name(name)


@pytest.mark.parametrize("name", ["R2D2", "<script>", "Bob_Smith", "Anne!"])
def test_names_with_digits_or_symbols_are_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_person_name(name)
    assert error.value.messages == [INVALID_NAME]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("al109ab", "AL10 9AB"),
        ("SG1 1AA", "SG1 1AA"),
        (" wd17  1dn ", "WD17 1DN"),
        ("EC1A1BB", "EC1A 1BB"),
    ],
)
def test_postcodes_are_tidied(typed, stored):
    assert normalise_postcode(typed) == stored


def test_staff_add_a_person_with_tidied_values(client_for):
    client = client_for("staff")
    response = client.post(reverse("volunteers:person-create"), person_form_data())
    person = Volunteer.objects.get()
    assert response.status_code == 302
    assert response.url == person.get_absolute_url()
    assert (person.email, person.postcode, person.phone) == (
        "sian.obrien@example.org",
        "SG14 1AB",
        "07700900321",
    )
    assert AuditEvent.objects.filter(volunteer=person, action="created").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "HERTS 123", INVALID_POSTCODE),
        ("date_of_birth", "2099-01-01", FUTURE_BIRTH_DATE),
        ("first_name", "J0hn", INVALID_NAME),
    ],
)
def test_bad_value_saves_nothing_and_keeps_what_was_typed(client_for, field, value, message):
    client = client_for("staff")
    response = client.post(reverse("volunteers:person-create"), person_form_data(**{field: value}))
    page = response.content.decode()
    assert response.status_code == 200
    assert Volunteer.objects.count() == 0
    assert "There is a problem" in page
    assert message.replace("'", "&#x27;") in page
    # Everything else the person typed is still in the form.
    assert 'value="12 Fore Street"' in page
    assert 'value="O&#x27;Brien"' in page
    assert 'value="Rhys O’Brien"' in page


def test_duplicate_email_is_refused_whatever_its_case(client_for):
    f.make_volunteer(email="taken@example.org")
    client = client_for("staff")
    response = client.post(
        reverse("volunteers:person-create"), person_form_data(email="TAKEN@example.org")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert Volunteer.objects.count() == 1
    assert "Someone is already registered with this e-mail address." in page
    assert 'value="12 Fore Street"' in page


def test_under_18s_need_a_parent_or_guardian(client_for):
    fifteen = timezone.localdate() - timedelta(days=15 * 365 + 30)
    client = client_for("staff")
    response = client.post(
        reverse("volunteers:person-create"),
        person_form_data(date_of_birth=fifteen.isoformat()),
    )
    assert response.status_code == 200
    assert Volunteer.objects.count() == 0
    assert GUARDIAN_NEEDED.replace("'", "&#x27;") in response.content.decode()

    response = client.post(
        reverse("volunteers:person-create"),
        person_form_data(
            date_of_birth=fifteen.isoformat(),
            guardian_name="Grace Okafor",
            guardian_phone="07700900555",
        ),
    )
    assert response.status_code == 302
    assert Volunteer.objects.get().guardian_name == "Grace Okafor"


def test_coordinator_changes_a_person_and_the_trail_says_what_changed(client_for, volunteer):
    person = volunteer.volunteer
    client = client_for("coordinator_x")
    data = person_form_data(email=person.email, phone="07700900999", town="Ware")
    response = client.post(reverse("volunteers:person-edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.town == "Ware"
    event = AuditEvent.objects.filter(volunteer=person, action="changed").get()
    assert event.actor.email == "coord.x@example.org"
    assert event.changes["town"] == {"from": "Stevenage", "to": "Ware"}
    assert event.changes["phone"] == {"from": "07700900123", "to": "07700900999"}


def test_volunteer_creates_then_edits_their_own_details(client):
    user = f.make_user(email="new.person@example.org")
    client.force_login(user)
    response = client.get(reverse("volunteers:portal"))
    assert "Tell us your details" in response.content.decode()

    data = person_form_data()
    data.pop("email")
    response = client.post(reverse("volunteers:portal-details"), data)
    assert response.status_code == 302
    person = Volunteer.objects.get(user=user)
    assert person.email == "new.person@example.org"  # their sign-in's address

    data["postcode"] = "not a postcode"
    data["town"] = "Bishop's Stortford"
    response = client.post(reverse("volunteers:portal-details"), data)
    assert response.status_code == 200
    assert 'value="Bishop&#x27;s Stortford"' in response.content.decode()
    person.refresh_from_db()
    assert person.town == "Hertford"

    data["postcode"] = "CM23 2AB"
    client.post(reverse("volunteers:portal-details"), data)
    person.refresh_from_db()
    assert (person.town, person.postcode) == ("Bishop's Stortford", "CM23 2AB")
    actions = list(AuditEvent.objects.filter(volunteer=person).values_list("action", flat=True))
    assert sorted(actions) == ["changed", "created"]


def test_changes_made_in_the_admin_are_audited(client_for, volunteer):
    person = volunteer.volunteer
    client = client_for("superuser")
    url = reverse("admin:volunteers_volunteer_change", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = person_form_data(email=person.email, town="Tring", district="")
    data.update(
        {
            "user": volunteer.pk,
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": person.memberships.get().pk,
            "memberships-0-volunteer": person.pk,
            "memberships-0-scheme": person.memberships.get().scheme_id,
            "memberships-0-role": "member",
            "memberships-0-status": "active",
            "memberships-0-applied_on": person.memberships.get().applied_on.isoformat(),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.filter(volunteer=person, action="changed").get()
    assert event.changes["town"] == {"from": "Stevenage", "to": "Tring"}


def test_the_guardian_fields_say_when_they_are_needed_not_that_they_are_optional(client_for):
    page = text_of(client_for("staff").get(reverse("volunteers:person-create")))
    assert "Parent or guardian's name (needed for anyone under 18)" in page
    assert "Parent or guardian's name (optional)" not in page
