"""The staff people list: scope, search, filters, sorting, paging, export and its cost."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from volunteers.catalogue import SchemeSlug
from volunteers.exports import csv_safe
from volunteers.models import AuditEvent, District, Membership

pytestmark = pytest.mark.django_db


def names_on(response):
    return [p.last_name for p in response.context["page"].object_list]


def export_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_coordinator_sees_only_their_schemes_people(client_for, volunteer, other_volunteer):
    response = client_for("coordinator_x").get(reverse("volunteers:people-list"))
    assert "O'Brien" in names_on(response)
    assert "Nowak" not in names_on(response)
    response = client_for("staff").get(reverse("volunteers:people-list"))
    assert {"O'Brien", "Nowak"} <= set(names_on(response))


def test_search_by_name_email_or_postcode(client_for, scheme_x):
    for last, email, postcode in [
        ("Patel", "ravi@example.org", "AL10 9AB"),
        ("Khan", "aisha.k@example.org", "WD17 1DN"),
    ]:
        f.make_membership(
            f.make_volunteer(last_name=last, email=email, postcode=postcode), scheme_x
        )
    client = client_for("staff")
    url = reverse("volunteers:people-list")
    assert names_on(client.get(url, {"q": "pAtEl"})) == ["Patel"]
    assert names_on(client.get(url, {"q": "aisha.k@"})) == ["Khan"]
    assert names_on(client.get(url, {"q": "al109ab"})) == ["Patel"]
    assert names_on(client.get(url, {"q": "WD17 1"})) == ["Khan"]


def test_filters_combine_and_are_described(client_for, scheme_x, scheme_y):
    stevenage = District.objects.get(slug="stevenage")
    watford = District.objects.get(slug="watford")
    a = f.make_volunteer(last_name="Alpha", district=stevenage)
    b = f.make_volunteer(last_name="Bravo", district=watford)
    c = f.make_volunteer(last_name="Charlie", district=stevenage)
    f.make_membership(a, scheme_x, status=Membership.Status.ACTIVE)
    f.make_membership(b, scheme_x, status=Membership.Status.ACTIVE)
    f.make_membership(c, scheme_x, status=Membership.Status.PAUSED)
    f.make_membership(c, scheme_y, status=Membership.Status.ACTIVE)
    client = client_for("staff")
    response = client.get(
        reverse("volunteers:people-list"),
        {"scheme": scheme_x.slug, "status": "active", "district": "stevenage"},
    )
    assert names_on(response) == ["Alpha"]
    html = response.content.decode()
    assert "1 person</strong> · Special Constabulary · Active · Stevenage" in html
    # The download takes the same filters; "Clear filters" goes back to everyone.
    export = reverse("volunteers:people-export")
    assert (
        f'href="{export}?scheme=special-constabulary&amp;status=active&amp;district=stevenage"'
        in html
    )
    assert f'href="{reverse("volunteers:people-list")}">Clear filters</a>' in html


def test_a_coordinators_status_filter_means_status_in_their_schemes(client_for, scheme_x, scheme_y):
    paused_here = f.make_volunteer(last_name="Paused")
    f.make_membership(paused_here, scheme_x, status=Membership.Status.PAUSED)
    f.make_membership(paused_here, scheme_y, status=Membership.Status.ACTIVE)
    active_here = f.make_volunteer(last_name="Active")
    f.make_membership(active_here, scheme_x, status=Membership.Status.ACTIVE)
    url = reverse("volunteers:people-list")

    coordinator = client_for("coordinator_x")
    active = names_on(coordinator.get(url, {"status": "active"}))
    assert "Active" in active and "Paused" not in active
    assert names_on(coordinator.get(url, {"status": "paused"})) == ["Paused"]
    # OPCC staff see every scheme, where Paused is an active cadet leader.
    assert {"Active", "Paused"} <= set(names_on(client_for("staff").get(url, {"status": "active"})))


def test_vetting_expiring_filter(client_for, scheme_x):
    soon = f.make_volunteer(last_name="Soon")
    later = f.make_volunteer(last_name="Later")
    lapsed = f.make_volunteer(last_name="Lapsed")
    for person, days in [(soon, 20), (later, 45), (lapsed, -3)]:
        f.make_membership(person, scheme_x)
        f.make_vetting(person, expires_in_days=days)
    response = client_for("coordinator_x").get(
        reverse("volunteers:people-list"), {"vetting_expiring": 30}
    )
    assert names_on(response) == ["Soon"]


def test_sorting_and_pages_keep_the_filters(client_for, scheme_x):
    for i in range(30):
        f.make_membership(f.make_volunteer(last_name=f"Person{i:02d}"), scheme_x)
    client = client_for("coordinator_x")
    url = reverse("volunteers:people-list")
    first = client.get(url, {"sort": "-name", "q": "Person"})
    assert names_on(first)[:2] == ["Person29", "Person28"]
    assert len(names_on(first)) == 25
    page = first.content.decode()
    assert "30 people" in page
    assert "sort=-name&amp;q=Person&amp;page=2" in page
    second = client.get(url, {"sort": "-name", "q": "Person", "page": 2})
    assert names_on(second) == ["Person04", "Person03", "Person02", "Person01", "Person00"]


def test_a_bad_filter_is_ignored_with_a_message_not_an_error(client_for, volunteer):
    response = client_for("staff").get(
        reverse("volunteers:people-list"), {"vetting_expiring": "soon"}
    )
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()
    assert "O'Brien" in names_on(response)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 7700", "'+44 7700"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Siân", "Siân"),
        ("", ""),
    ],
)
def test_csv_cells_that_spreadsheets_would_run_are_escaped(value, safe):
    assert csv_safe(value) == safe


def test_export_has_the_same_people_as_the_page_and_is_audited(client_for, scheme_x, scheme_y):
    f.make_membership(f.make_volunteer(last_name='=HYPERLINK("x")', first_name="Eve"), scheme_x)
    f.make_membership(f.make_volunteer(last_name="Nowak"), scheme_y)
    response = client_for("coordinator_x").get(reverse("volunteers:people-export"))
    rows = export_rows(response)
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert rows[0][:2] == ["First name", "Last name"]
    last_names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("x")' in last_names
    assert "Nowak" not in last_names
    assert rows[1][-1] == "Special Constabulary (active)"
    assert AuditEvent.objects.filter(action="exported").count() == 1


def test_export_follows_the_filters(client_for, scheme_x):
    f.make_membership(f.make_volunteer(last_name="Keep", postcode="AL1 1AA"), scheme_x)
    f.make_membership(f.make_volunteer(last_name="Drop", postcode="SG1 1AA"), scheme_x)
    response = client_for("staff").get(reverse("volunteers:people-export"), {"q": "AL1"})
    assert [row[1] for row in export_rows(response)[1:]] == ["Keep"]


def _people(n, scheme_obj):
    today = timezone.localdate()
    for _ in range(n):
        person = f.make_volunteer()
        f.make_membership(person, scheme_obj)
        f.make_vetting(person, expires_in_days=10)
        f.make_membership(person, f.scheme(SchemeSlug.POLICE_SUPPORT_VOLUNTEERS))
    return today - timedelta(days=1)


@pytest.mark.parametrize("persona", ["staff", "coordinator_x"])
def test_people_list_costs_the_same_queries_at_10_and_500_people(
    client_for, scheme_x, django_assert_num_queries, persona
):
    client = client_for(persona)
    url = reverse("volunteers:people-list")
    params = {"vetting_expiring": 30, "sort": "district"}
    _people(10, scheme_x)
    client.get(url, params)  # warm up: session, content types
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert len(names_on(client.get(url, params))) == 10
    _people(490, scheme_x)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(names_on(client.get(url, params))) == 25
