"""Police Support Volunteers: the role catalogue across its settings, placements with the
hours given in them through the hours engine, the roles in use year on year; and the
Emergency Services Volunteers' activities with their outcomes."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from schemes.kpi_registry import KPIS
from schemes.models import HoursEntry, MonthlyHours
from schemes.psv import services
from schemes.psv.models import EsvActivity, Placement, Role, Setting
from tests import factories as f
from tests.pages import tables_of, text_of
from volunteers.catalogue import PSV, SchemeSlug
from volunteers.dates import years_before
from volunteers.models import District

pytestmark = pytest.mark.django_db
ESV = SchemeSlug.EMERGENCY_SERVICES_VOLUNTEERS


@pytest.fixture
def psv_coordinator():
    return f.make_coordinator(f.scheme(PSV), email="psv.coordinator@example.org")


def _psv(**fields):
    person = f.make_volunteer(**fields)
    f.make_membership(person, f.scheme(PSV))
    return person


def test_the_catalogue_holds_over_thirty_settings_police_and_fire():
    assert Setting.objects.count() >= 30
    assert Role.objects.filter(title="Puppy fosterer", setting__name="Puppy fostering").exists()
    assert Role.objects.get(title="Emergency Services Volunteer").service == "both"


def test_a_placement_credits_hours_through_the_hours_engine(psv_coordinator, today):
    person = _psv()
    role = Role.objects.get(title="Puppy fosterer")
    outsider = f.make_volunteer()
    with pytest.raises(ValidationError) as refused:
        services.place(
            actor=psv_coordinator, volunteer=outsider, role=role, starts_on=today, supervisor="Sgt"
        )
    assert refused.value.message_dict["volunteer"] == [services.NOT_A_PSV.format(person=outsider)]
    start = today - timedelta(days=20)
    placement = services.place(
        actor=psv_coordinator, volunteer=person, role=role, starts_on=start, supervisor="PC Hale"
    )
    with pytest.raises(ValidationError):  # the same role twice at once
        services.place(
            actor=psv_coordinator, volunteer=person, role=role, starts_on=today, supervisor="PC"
        )
    with pytest.raises(ValidationError) as early:
        services.credit_hours(
            actor=psv_coordinator,
            placement=placement,
            worked_on=start - timedelta(days=1),
            hours=Decimal("2"),
        )
    assert "starts on" in early.value.messages[0]
    entry = services.credit_hours(
        actor=psv_coordinator, placement=placement, worked_on=today, hours=Decimal("3.5")
    )
    with pytest.raises(ValidationError) as twice:  # the same stint sent again
        services.credit_hours(
            actor=psv_coordinator, placement=placement, worked_on=today, hours=Decimal("3.5")
        )
    assert "already credited" in twice.value.messages[0]
    assert entry.status == HoursEntry.Status.APPROVED and entry.scheme.slug == PSV
    assert entry.description == "Puppy fosterer (Puppy fostering)"
    kept = MonthlyHours.objects.get(volunteer=person, month=today.replace(day=1))
    assert kept.hours == Decimal("3.5")
    with pytest.raises(ValidationError):
        services.end(actor=psv_coordinator, placement=placement, ends_on=start - timedelta(days=1))
    services.end(actor=psv_coordinator, placement=placement, ends_on=today)
    assert not Placement.objects.current_on(today + timedelta(days=1)).exists()


def test_the_placements_page_lists_filters_and_credits(client_for, psv_coordinator, today):
    from django.test import Client

    person = _psv(first_name="Nia", last_name="Okafor")
    _psv(first_name="Ben", last_name="Ashby")
    client = Client()
    client.force_login(psv_coordinator)
    page = client.post(
        reverse("psv:placement-add"),
        {
            "volunteer": person.pk,
            "role": Role.objects.get(title="Front counter volunteer").pk,
            "starts_on": today.isoformat(),
            "supervisor": "Sgt Amy Cole",
        },
    )
    placement = Placement.objects.get(volunteer=person)
    assert page.url == reverse("psv:placement", args=[placement.pk])
    listed = tables_of(client.get(reverse("psv:placements"), {"setting": "front-counter"}))[0]
    assert list(listed) == ["Okafor, Nia"]
    catalogue = client.get(reverse("psv:catalogue")).content.decode()
    link = re.search(r'href="([^"]*)">1 placed now', catalogue).group(1).replace("&amp;", "&")
    assert list(tables_of(client.get(link))[0]) == ["Okafor, Nia"]
    assert listed["Okafor, Nia"][0] == "Front counter volunteer Front counter"
    bad = client.post(
        reverse("psv:placement-hours", args=[placement.pk]),
        {"worked_on": today.isoformat(), "hours": "30", "description": "Desk"},
    )
    assert "Desk" in bad.content.decode() and "At most 24 hours in a day." in text_of(bad)
    client.post(
        reverse("psv:placement-hours", args=[placement.pk]),
        {"worked_on": today.isoformat(), "hours": "4", "description": "Desk"},
    )
    assert "4 h" in text_of(client.get(reverse("psv:placement", args=[placement.pk])))


@pytest.mark.date_sensitive
def test_roles_in_use_are_counted_against_a_year_earlier(psv_coordinator, today):
    person = _psv()
    year_ago = years_before(today, 1)
    for title in ("Puppy fosterer", "Volunteer driver"):
        Placement.objects.create(
            volunteer=person, role=Role.objects.get(title=title), starts_on=year_ago, supervisor="S"
        )
    for title in ("Media volunteer", "Heritage volunteer", "Role actor"):
        Placement.objects.create(
            volunteer=person,
            role=Role.objects.get(title=title),
            starts_on=today - timedelta(days=1) if today.day > 1 else today,
            supervisor="S",
        )
    kpi = KPIS.get("psv_roles_in_use")
    period = today.replace(day=1)
    assert kpi.compute(period) == {None: Decimal(5)}
    assert kpi.target_from(period) == Decimal(2)


def test_an_esv_records_an_activity_and_its_hours_wait_for_approval(client_for, volunteer, today):
    person = volunteer.volunteer
    client = client_for("volunteer")
    url = reverse("psv:my-activities")
    assert client.get(url).status_code == 403  # a Special, not an ESV
    f.make_membership(person, f.scheme(ESV))
    typed = {
        "kind": "safe_and_well",
        "done_on": today.isoformat(),
        "district": District.objects.get(slug="dacorum").pk,
        "place": "Gadebridge",
        "outcome": "equipment_fitted",
        "hours": "2",
    }
    kept = client.post(url, {**typed, "place": ""})
    assert "This field is required" in text_of(kept)
    assert 'value="equipment_fitted" selected' in kept.content.decode()  # the rest is kept
    assert client.post(url, typed).status_code == 302
    activity = EsvActivity.objects.get()
    assert activity.get_outcome_display() == "Smoke alarm or equipment fitted"
    entry = HoursEntry.objects.get(volunteer=person, scheme__slug=ESV)
    assert entry.status == HoursEntry.Status.PENDING and entry.hours == Decimal("2")
    listing = client_for("staff").get(reverse("psv:activities"))
    assert "Smoke alarm or equipment fitted: 1" in text_of(listing)
    assert KPIS.get("esv_activities").compute(today.replace(day=1))["safe_and_well"] == {
        None: Decimal(1)
    }


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_psv_and_esv_lists_cost_the_same_however_many_rows(client_for, today):
    from itertools import cycle

    client = client_for("staff")
    roles = cycle(Role.objects.all())
    pages = [reverse(name) for name in ("psv:catalogue", "psv:placements", "psv:activities")]

    def add(count):
        for _ in range(count):
            person = _psv()
            f.make_membership(person, f.scheme(ESV))
            Placement.objects.create(
                volunteer=person, role=next(roles), starts_on=today, supervisor="Sgt"
            )
            EsvActivity.objects.create(
                volunteer=person,
                kind="patrol",
                done_on=today,
                district=District.objects.get(slug="watford"),
                place="Town centre",
                outcome="reassurance",
                hours=Decimal("2"),
            )

    add(2)
    [_queries(client, url) for url in pages]  # a first visit also keeps the session
    before = [_queries(client, url) for url in pages]
    add(8)
    assert [_queries(client, url) for url in pages] == before
