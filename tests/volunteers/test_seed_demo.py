"""The demo county: deterministic, safe to run twice, and the demo sign-ins work."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from volunteers.demo import DEMO_PASSWORD
from volunteers.models import Membership, Scheme, User, Volunteer

pytestmark = pytest.mark.django_db


def test_seed_builds_people_in_every_scheme_and_district_and_is_safe_twice(capsys):
    call_command("seed_demo", volunteers=120)
    people = Volunteer.objects.count()
    memberships = Membership.objects.count()
    assert people >= 120
    assert Volunteer.objects.values("district").distinct().count() == 10
    for scheme in Scheme.objects.all():
        assert Membership.objects.filter(scheme=scheme, role="coordinator").exists(), scheme
    assert "opcc@demo.cip.example" in capsys.readouterr().out

    call_command("seed_demo", volunteers=120)
    assert (Volunteer.objects.count(), Membership.objects.count()) == (people, memberships)
    assert "already in the database" in capsys.readouterr().out


def test_the_same_seed_builds_the_same_people():
    call_command("seed_demo", volunteers=30)
    first = list(
        Volunteer.objects.order_by("pk").values_list("first_name", "last_name", "postcode")
    )
    from schemes.models import Duty, HoursEntry, Signup

    for model in (HoursEntry, Signup, Duty, Membership, Volunteer):
        model.objects.all().delete()
    call_command("seed_demo", volunteers=30)
    again = list(
        Volunteer.objects.order_by("pk").values_list("first_name", "last_name", "postcode")
    )
    assert first == again


def test_demo_sign_ins_work(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    call_command("seed_demo", volunteers=20)
    response = client.post(
        reverse("account_login"),
        {"login": "coordinator.special-constabulary@demo.cip.example", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    people = client.get(reverse("volunteers:people-list"))
    assert people.status_code == 200
    assert people.context["page"].paginator.count > 0
    client.logout()
    client.post(
        reverse("account_login"), {"login": "cadet@demo.cip.example", "password": DEMO_PASSWORD}
    )
    page = client.get(reverse("volunteers:portal")).content.decode()
    assert "Hello, Zoë" in page and "Volunteer Police Cadets" in page
    assert User.objects.get(email="opcc@demo.cip.example").has_perm(
        "volunteers.view_diversity_data"
    )


def test_demo_duties_keep_their_counts_true_and_the_demo_volunteer_has_bookings():
    from django.db.models import Count, Q

    from schemes.models import Duty, HoursEntry, Signup

    call_command("seed_demo", volunteers=150)
    duties = Duty.objects.annotate(
        taken=Count("signups", filter=Q(signups__status__in=Signup.PLACE_STATUSES))
    )
    assert duties.count() > 50
    assert all(d.booked_count == d.taken <= d.places for d in duties)
    assert HoursEntry.objects.filter(status="pending").exists()
    assert (
        Signup.objects.filter(
            volunteer__email="volunteer@demo.cip.example", status="booked"
        ).count()
        >= 2
    )
    call_command("seed_demo", volunteers=150)
    assert Duty.objects.count() == duties.count()
