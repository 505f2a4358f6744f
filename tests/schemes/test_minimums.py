"""The monthly minimum-hours grid: red, amber and green in words, month boundaries, totals."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from schemes.services.minimums import judge
from tests import factories as f
from tests.pages import text_of
from volunteers import dates
from volunteers.models import District

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def special(scheme_x, last_name, **fields):
    person = f.make_volunteer(last_name=last_name, **fields)
    f.make_membership(person, scheme_x)
    return person


@pytest.mark.parametrize(
    ("hours", "state", "label"),
    [
        ("0", "none", "None"),
        ("15.75", "below", "15 h 45 min (below 16 h)"),
        ("16", "met", "16 h (met)"),
        ("2.5", "met", "2 h 30 min (met)"),
    ],
)
def test_cells_say_their_state_in_words(hours, state, label):
    minimum = Decimal("2.5") if hours == "2.5" else Decimal("16")
    cell = judge(Decimal(hours), minimum)
    assert (cell.state, cell.label) == (state, label)


def test_grid_counts_approved_hours_in_the_right_month(client_for, scheme_x, today):
    last = dates.add_months(today.replace(day=1), -1)  # the last complete month
    before = dates.add_months(last, -1)
    met = special(scheme_x, "Aardvark")
    below = special(scheme_x, "Badger")
    special(scheme_x, "Crane")  # nothing at all
    approved = {"status": "approved"}
    f.make_hours(met, scheme_x, worked_on=dates.month_end(before), hours=Decimal("10"), **approved)
    f.make_hours(met, scheme_x, worked_on=last, hours=Decimal("16"), **approved)
    f.make_hours(below, scheme_x, worked_on=dates.month_end(last), hours=Decimal("8"), **approved)
    f.make_hours(below, scheme_x, worked_on=last.replace(day=15), hours=Decimal("9"))  # pending
    page = client_for("coordinator_x").get(
        reverse("schemes:minimums"),
        {"scheme": scheme_x.slug, "month": f"{last:%Y-%m}", "order": "name"},
    )
    rows = {row.volunteer.last_name: row for row in page.context["rows"]}
    months = page.context["months"]
    assert months[-2:] == [before, last]
    assert [c.state for c in rows["Aardvark"].cells[-2:]] == ["below", "met"]
    assert rows["Aardvark"].total == Decimal("26")
    assert rows["Badger"].cells[-1].label == "8 h (below 16 h)"
    assert rows["Crane"].cells[-1].label == "None"
    column = page.context["columns"][-1]
    assert (column["hours"], column["met"], column["below"]) == (Decimal("24"), 1, 1)
    # Everyone filtered: the two Specials above, Crane, and the coordinator themself.
    assert column["none"] == 2


def test_grid_filters_by_district_and_exports_the_same(client_for, scheme_x):
    watford = District.objects.get(slug="watford")
    special(scheme_x, "Inwatford", district=watford)
    special(scheme_x, "Elsewhere", district=District.objects.get(slug="dacorum"))
    client = client_for("coordinator_x")
    params = {"scheme": scheme_x.slug, "district": "watford"}
    page = client.get(reverse("schemes:minimums"), params)
    assert [r.volunteer.last_name for r in page.context["rows"]] == ["Inwatford"]
    response = client.get(reverse("schemes:minimums-export"), params)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["First name", "Last name", "District"] and rows[0][-1] == "Total"
    assert [r[1] for r in rows[1:]] == ["Inwatford"]


def test_grid_costs_the_same_queries_for_10_or_60_people(
    client_for, scheme_x, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("coordinator_x")
    params = {"scheme": scheme_x.slug}
    for i in range(10):
        f.make_hours(special(scheme_x, f"P{i:02d}"), scheme_x, status="approved")
    client.get(reverse("schemes:minimums"), params)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("schemes:minimums"), params)
    for i in range(10, 60):
        f.make_hours(special(scheme_x, f"P{i:02d}"), scheme_x, status="approved")
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("schemes:minimums"), params)
    assert len(page.context["rows"]) == 50  # a page of 50


def test_the_grid_puts_those_most_in_need_first_and_the_month_totals_above_them(
    client_for, scheme_x, today
):
    # This month is not over, so need is judged by the month before it.
    judged = dates.add_months(today.replace(day=1), -1)
    for name, latest, earlier in [
        ("Able", "20", "20"),  # met
        ("Baker", "4", "22"),  # below, but gave a lot before
        ("Cole", "4", "2"),  # below, and little before
        ("Dunn", None, "18"),  # nothing this month
    ]:
        person = special(scheme_x, name)
        if latest:
            f.make_hours(
                person, scheme_x, worked_on=judged, hours=Decimal(latest), status="approved"
            )
        f.make_hours(
            person, scheme_x, worked_on=dates.add_months(judged, -1), hours=Decimal(earlier),
            status="approved",
        )  # fmt: skip
    client = client_for("coordinator_x")
    page = client.get(reverse("schemes:minimums"), {"scheme": scheme_x.slug})
    names = [row.volunteer.last_name for row in page.context["rows"]]
    # The coordinator (a member with no hours) gave nothing at all, so comes first.
    assert names[1:] == ["Dunn", "Cole", "Baker", "Able"]
    text = text_of(page)
    assert f"{judged:%B %Y} at a glance" in text
    assert "2 gave none" in text and "2 below the minimum" in text and "1 met it" in text
    assert text.index("2 gave none") < text.index("Able")  # totals before the people
    by_name = client.get(reverse("schemes:minimums"), {"scheme": scheme_x.slug, "order": "name"})
    assert [r.volunteer.last_name for r in by_name.context["rows"]][:4] == [
        "Able", "Baker", "Cole", "Dunn",
    ]  # fmt: skip


def test_the_month_is_picked_from_a_list_and_a_bad_one_shows_the_latest_and_says_why(
    client_for, scheme_x, today
):
    client = client_for("coordinator_x")
    page = client.get(reverse("schemes:minimums"), {"scheme": scheme_x.slug, "month": "2026-13"})
    assert page.status_code == 200 and "Choose a month from the list." in text_of(page)
    assert page.context["months"][-1] == today.replace(day=1)
    options = page.context["form"].fields["month"].choices
    assert options[0] == (f"{today:%Y-%m}", f"{today:%B %Y}") and len(options) == 36
