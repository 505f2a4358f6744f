"""The benchmark's SQL top-up still fits the tables it fills (PostgreSQL only).

`make bench` seeds people through `seed_demo`, then inserts duties and hours entries in
bulk SQL that names every column; a new NOT NULL column breaks it, so it is run here."""

import pytest
from django.db import connection

from bench.seed import top_up
from schemes.models import Duty, HoursEntry
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (CI's service pass runs it and refuses to skip)")


def test_top_up_adds_bookable_duties_and_hours_for_active_members(scheme_x, scheme_y):
    for scheme in (scheme_x, scheme_y):
        f.make_membership(f.make_volunteer(), scheme)

    sizes = top_up(duties=30, hours=200)

    assert sizes["duties"] == Duty.objects.count() == 30
    assert sizes["hours_entries"] == HoursEntry.objects.count() == 200
    bookable = Duty.objects.filter(status=Duty.Status.SCHEDULED, requirement="")
    assert bookable.count() == 30
    assert set(HoursEntry.objects.values_list("status", flat=True)) == {"approved", "pending"}
    # Asking again for no more than there is adds nothing.
    assert top_up(duties=10, hours=100) == sizes
