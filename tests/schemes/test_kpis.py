"""The KPI registry and rollup on known data: right values, and twice gives the same rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from schemes import census
from schemes.kpi_registry import PRIORITIES, all_kpis, rollup
from schemes.models import KpiSnapshot
from tests import factories as f
from volunteers.catalogue import SchemeSlug
from volunteers.models import District, DiversityProfile

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def values(kpi: str, group: str = "") -> dict:
    rows = KpiSnapshot.objects.filter(
        kpi=kpi, period=timezone.localdate().replace(day=1), group=group
    )
    return {
        (r.district.slug if r.district else None): r.value for r in rows.select_related("district")
    }


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


def test_rollup_on_known_data_and_twice_gives_the_same_rows(scheme_x, scheme_y, this_month):
    watford = District.objects.get(slug="watford")
    stevenage = District.objects.get(slug="stevenage")
    joined = this_month - timedelta(days=40)
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
    assert values("active_volunteers", SchemeSlug.SPECIAL_CONSTABULARY) == {None: 3, "watford": 3}
    assert values("active_volunteers", SchemeSlug.VOLUNTEER_POLICE_CADETS) == {
        None: 1,
        "stevenage": 1,
    }
    assert values("active_volunteers", SchemeSlug.POLICE_SUPPORT_VOLUNTEERS) == {None: 0}
    assert values("cadet_districts") == {None: 1}
    assert values("cadets") == {None: 1, "stevenage": 1}
    assert values("joiners")[None] == 1 and values("leavers") == {None: 1, "watford": 1}
    assert values("hours_given") == {None: Decimal("4"), "watford": Decimal("4")}  # approved only
    assert values("hours_given", SchemeSlug.SPECIAL_CONSTABULARY)[None] == Decimal("4")
    assert values("joiners", SchemeSlug.VOLUNTEER_POLICE_CADETS) == {None: 1, "stevenage": 1}
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
    call_command("rollup_kpis", "--month", "2026-02", "--months", "3")
    periods = set(KpiSnapshot.objects.values_list("period", flat=True))
    assert periods == {date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)}


def test_diversity_against_the_census_hides_groups_under_five(scheme_x, this_month):
    joined = this_month - timedelta(days=40)
    answers = ["white"] * 6 + ["mixed"] * 5 + ["asian"] * 2 + ["prefer_not_to_say"] * 3
    for ethnicity in answers:
        person = f.make_volunteer()
        f.make_membership(person, scheme_x, joined_on=joined)
        DiversityProfile.objects.create(volunteer=person, ethnicity=ethnicity, sex="female")
    rollup()
    rows = {
        r.group: r for r in KpiSnapshot.objects.filter(kpi="diversity_ethnicity", period=this_month)
    }
    assert set(rows) == {"asian", "black", "mixed", "white", "other"}  # not "prefer not"
    assert rows["white"].value == Decimal("46.2")  # 6 of the 13 who answered
    assert rows["asian"].value is None and rows["asian"].is_hidden  # 2 people: hidden
    assert rows["mixed"].is_hidden  # or 100% less the rest would give the 2 away
    assert rows["black"].value == Decimal("0")
    assert rows["white"].target == census.shares("ethnicity")["white"]
    assert rows["white"].target == Decimal("82.0")
    sex = {r.group: r.value for r in KpiSnapshot.objects.filter(kpi="diversity_sex")}
    assert sex == {"female": Decimal("100.0"), "male": Decimal("0")}


def test_census_shares_come_from_the_shipped_data_with_their_source():
    religion = census.shares("religion")
    assert religion["christian"] == Decimal("49.5")  # 557,130 of 1,126,097 who answered
    assert sum(religion.values()) == Decimal("100.0")
    assert "TS030" in census.source("religion")
    for characteristic in census.characteristics():
        total = sum(census.shares(characteristic).values())
        assert Decimal("99.8") <= total <= Decimal("100.2"), characteristic


def test_psv_hours_are_measured_against_the_same_month_a_year_earlier():
    f.make_psv_hours_a_year_apart(last_year="6", this_year="7.5")
    rollup(period=date(2026, 3, 1))
    row = KpiSnapshot.objects.get(kpi="psv_hours", period=date(2026, 3, 1))
    assert (row.value, row.target) == (Decimal("7.5"), Decimal("6"))
