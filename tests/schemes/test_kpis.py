"""The KPI registry and rollup on known data: right values, and twice gives the same rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from schemes.kpi_registry import PRIORITIES, all_kpis, rollup
from schemes.models import KpiSnapshot
from tests import factories as f
from volunteers.models import District

pytestmark = pytest.mark.django_db
THIS_MONTH = timezone.localdate().replace(day=1)


def values(kpi: str) -> dict:
    rows = KpiSnapshot.objects.filter(kpi=kpi, period=THIS_MONTH).select_related("district")
    return {(r.district.slug if r.district else None): r.value for r in rows}


def test_every_kpi_names_a_strategic_priority():
    kpis = all_kpis()
    assert {k.code for k in kpis} >= {
        "active_volunteers",
        "cadets",
        "hours_given",
        "psv_hours",
        "vetting_current_share",
        "joiners",
        "leavers",
    }
    assert all(k.priority in PRIORITIES for k in kpis)


def test_rollup_on_known_data_and_twice_gives_the_same_rows(scheme_x, scheme_y):
    watford = District.objects.get(slug="watford")
    stevenage = District.objects.get(slug="stevenage")
    joined = THIS_MONTH - timedelta(days=40)
    specials = [f.make_volunteer(district=watford) for _ in range(3)]
    for person in specials:
        f.make_membership(person, scheme_x, joined_on=joined)
    cadet = f.make_volunteer(
        district=stevenage,
        date_of_birth=date(2011, 1, 1),
        guardian_name="Grace Okafor",
        guardian_phone="07700900555",
    )
    f.make_membership(cadet, scheme_y, joined_on=timezone.localdate())
    leaver = f.make_volunteer(district=watford)
    f.make_membership(
        leaver, scheme_x, joined_on=joined, status="left", left_on=timezone.localdate()
    )
    f.make_vetting(specials[0], expires_in_days=300)
    f.make_hours(
        specials[0], scheme_x, worked_on=timezone.localdate(), status="approved", hours=Decimal("4")
    )
    f.make_hours(specials[1], scheme_x, worked_on=timezone.localdate(), hours=Decimal("9"))

    written = rollup()
    assert values("active_volunteers") == {None: 4, "watford": 3, "stevenage": 1}
    assert values("cadets") == {None: 1, "stevenage": 1}
    assert values("joiners")[None] == 1 and values("leavers") == {None: 1, "watford": 1}
    assert values("hours_given") == {None: Decimal("4"), "watford": Decimal("4")}  # approved only
    assert values("vetting_current_share") == {
        None: Decimal("25.0"),
        "watford": Decimal("33.3"),
        "stevenage": Decimal("0.0"),
    }
    assert rollup() == written
    assert KpiSnapshot.objects.count() == written


def test_rollup_command_for_a_past_month(capsys):
    call_command("rollup_kpis", "--month", "2026-01")
    assert "KPI snapshots" in capsys.readouterr().out
    assert KpiSnapshot.objects.filter(period=date(2026, 1, 1)).exists()
