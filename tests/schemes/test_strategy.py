"""The strategy dashboard: the priorities and ambitions against targets, from snapshots."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from schemes.kpi_registry import PRIORITIES, rollup
from schemes.models import KpiSnapshot, KpiTarget
from tests import factories as f
from tests.pages import text_of
from volunteers import dates
from volunteers.models import District, DiversityProfile, Scheme

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
URL = reverse("schemes:strategy")


def months_back(n: int) -> date:
    """The first day of the month `n` months before the test clock's."""
    return dates.add_months(timezone.localdate(), -n)


@pytest.fixture
def county(scheme_x, scheme_y):
    """Cadets in two districts, Specials with diversity answers, a year of figures."""
    stevenage = District.objects.get(slug="stevenage")
    watford = District.objects.get(slug="watford")
    long_ago = months_back(14)
    for district in [stevenage, stevenage, watford]:
        cadet = f.make_volunteer(
            district=district,
            date_of_birth=date(2011, 5, 1),
            guardian_name="Grace Okafor",
            guardian_phone="07700900555",
        )
        f.make_membership(cadet, scheme_y, joined_on=long_ago)
    for ethnicity in ["white"] * 6 + ["mixed"] * 5 + ["black"] * 2:
        special = f.make_volunteer(district=watford)
        f.make_membership(special, scheme_x, joined_on=long_ago)
        DiversityProfile.objects.create(volunteer=special, ethnicity=ethnicity)
    for n in range(3):
        rollup(period=months_back(n))


def test_staff_see_every_priority_with_ambitions_against_targets(client_for, county, this_month):
    page = text_of(client_for("staff").get(URL))
    for title in PRIORITIES.values():
        assert title in page
    assert "Ambition: Over 280 cadets, with a unit in all ten districts" in page
    assert "Target: 280 by 31 December 2026" in page
    assert "Below target" in page  # 3 cadets of 280, in words as well as colour
    assert f"Figures for {this_month:%B %Y}" in page
    assert "worked out on" in page


def test_trend_chart_has_its_figures_in_a_table(client_for, county):
    html = client_for("staff").get(URL).content.decode()
    assert 'role="img" aria-labelledby="chart-cadets-title chart-cadets-desc"' in html
    page = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Volunteer Police Cadets, month by month" in page
    assert "Figures for this chart" in page
    for n in range(3):
        assert months_back(n).strftime("%B %Y") in page


def test_district_and_scheme_breakdowns(client_for, county):
    response = client_for("staff").get(URL)
    board = response.context["board"]
    rows = {row["name"]: row["cells"] for row in board.district_rows}
    codes = [kpi.code for kpi in board.district_kpis]
    cadets = codes.index("cadets")
    assert rows["Stevenage"][cadets][0] == 2 and rows["Watford"][cadets][0] == 1
    assert rows["Whole county"][cadets][0] == 3
    assert len(rows) == District.objects.count() + 1
    schemes = {row["name"]: row["cells"] for row in board.scheme_rows}
    active = [kpi.code for kpi in board.scheme_kpis].index("active_volunteers")
    assert schemes["Special Constabulary"][active][0] == 13
    assert schemes["All schemes"][active][0] == 16
    assert len(schemes) == Scheme.objects.count() + 1


def test_diversity_shows_the_census_beside_volunteers_and_hides_small_groups(client_for, county):
    page = text_of(client_for("staff").get(URL))
    assert "Ethnic group: active volunteers against the county" in page
    # 6 of 13 who answered are White: 46.2%, against 82.0% in the census.
    assert "White 46.2% 82.0% down 35.8 points" in page
    # The 2 Black volunteers are not counted out, nor is Mixed, which would give them away.
    assert "Black, Black British, Black Welsh, Caribbean or African hidden" in page
    assert "Mixed or Multiple ethnic groups hidden" in page
    assert "TS021" in page and "Office for National Statistics" in page


def test_the_page_reads_snapshots_only_in_the_same_queries_for_any_size(
    client_for, county, django_assert_max_num_queries, scheme_x
):
    client = client_for("staff")
    client.get(URL)  # warm the session and the user's roles
    cache.clear()  # and draw the figures afresh each time
    with django_assert_max_num_queries(22) as few:
        client.get(URL)
    for _ in range(40):
        f.make_membership(f.make_volunteer(), scheme_x, joined_on=months_back(5))
    for n in range(3, 12):
        rollup(period=months_back(n))
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(response.context["head"].periods) == 12


def test_the_figures_are_drawn_once_until_they_or_a_target_change(
    client_for,
    county,
    scheme_y,
    django_assert_max_num_queries,
    this_month,
):
    client = client_for("staff")
    client.get(URL)
    with django_assert_max_num_queries(100) as drawn:
        cache.clear()
        client.get(URL)
    with django_assert_max_num_queries(len(drawn.captured_queries) - 3):
        kept = client.get(URL)  # the same figures, from the cache
    assert "board" not in kept.context  # nothing was built
    assert f"to 3 in {this_month:%B %Y}" in text_of(kept)
    cadet = f.make_volunteer(
        date_of_birth=date(2011, 5, 1), guardian_name="Ann Lee", guardian_phone="07700900556"
    )
    f.make_membership(cadet, scheme_y, joined_on=months_back(14))
    rollup()  # worked out again: the next page shows it at once
    assert f"to 4 in {this_month:%B %Y}" in text_of(client.get(URL))
    KpiTarget.objects.create(kpi="cadets", value=4, target_on=date(2027, 3, 31))
    assert "Target met Target: 4 by 31 March 2027" in text_of(client.get(URL))


def test_an_earlier_month_can_be_chosen(client_for, county, this_month):
    earlier = months_back(2)
    response = client_for("staff").get(URL, {"month": f"{earlier:%Y-%m}"})
    assert response.context["head"].period == earlier
    assert f"Figures for {earlier:%B %Y}" in text_of(response)
    unknown = client_for("staff").get(URL, {"month": "1999-01"}, follow=True)
    assert "no figures for that month" in text_of(unknown)
    assert unknown.context["head"].period == this_month


def test_csv_has_a_year_of_figures_with_hidden_groups_in_words(client_for, county):
    response = client_for("staff").get(reverse("schemes:strategy-export"))
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    cadets = [r for r in rows if r["KPI code"] == "cadets" and r["Area"] == "Whole county"]
    assert [r["Value"] for r in cadets] == ["3"] * 3  # a head count is a whole number
    assert {r["Target"] for r in cadets} == {"280"}
    black = next(
        r for r in rows if r["KPI code"] == "diversity_ethnicity" and r["Group"] == "black"
    )
    assert black["Value"] == "hidden (a small group, or one that would give a small group away)"
    assert black["Strategic priority"] == PRIORITIES["grow"]


def test_with_no_figures_staff_can_work_them_out_now(client_for, scheme_x, this_month):
    client = client_for("staff")
    page = text_of(client.get(URL))
    assert "No figures yet" in page
    response = client.post(reverse("schemes:strategy-refresh"), follow=True)
    assert "The figures have been worked out again." in text_of(response)
    assert KpiSnapshot.objects.filter(period=this_month).exists()
    again = client.post(reverse("schemes:strategy-refresh"), follow=True)
    assert "less than two minutes ago" in text_of(again)


def test_old_figures_are_flagged(client_for, county):
    KpiSnapshot.objects.update(computed_at=timezone.now() - timedelta(days=4))
    page = text_of(client_for("staff").get(URL))
    assert "more than two days old" in page


def test_coordinators_do_not_get_the_dashboard_or_its_menu_link(client_for, county):
    coordinator = client_for("coordinator_x")
    assert coordinator.get(URL).status_code == 403
    assert (
        'href="/staff/strategy/"' not in coordinator.get(reverse("schemes:roster")).content.decode()
    )
    assert (
        'href="/staff/strategy/"'
        in client_for("staff").get(reverse("schemes:roster")).content.decode()
    )


def test_psv_hours_card_reads_against_a_year_before(client_for):
    f.make_psv_hours_a_year_apart(last_year="6", this_year="8")
    rollup(period=date(2026, 3, 1))
    page = text_of(client_for("staff").get(URL, {"month": "2026-03"}))
    assert "Up on a year ago" in page and "A year before: 6 h" in page


def test_a_target_staff_set_in_the_admin_shows_at_once_and_is_kept_by_the_rollup(
    client_for,
    county,
    superuser,
    this_month,
):
    admin = client_for("superuser")
    response = admin.post(
        reverse("admin:schemes_kpitarget_add"),
        {
            "kpi": "cadets",
            "value": "3",
            "target_on": "2027-03-31",
            "ambition": "Three cadets by spring, then grow",
        },
        follow=True,
    )
    assert response.status_code == 200
    target = KpiTarget.objects.get(kpi="cadets")
    assert target.updated_by == superuser
    page = text_of(client_for("staff").get(URL))
    assert "Ambition: Three cadets by spring, then grow" in page
    assert "Target met Target: 3 by 31 March 2027" in page
    older = text_of(client_for("staff").get(URL, {"month": f"{months_back(1):%Y-%m}"}))
    assert "Target: 280 by" in older  # last month was measured against the old target
    rollup()
    row = KpiSnapshot.objects.get(kpi="cadets", period=this_month, district=None)
    assert row.target == Decimal("3")
