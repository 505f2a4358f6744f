"""Each person's approved hours per scheme and month, kept beside the entries: every way
hours are approved, credited, moved or removed leaves the totals the entries add up to,
and the minimum-hours grid reads them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from schemes.models import Duty, HoursEntry, MonthlyHours, Signup
from schemes.services import month_totals
from schemes.services.hours import decide_hours, log_hours
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def kept() -> dict:
    return {
        (row.volunteer_id, row.scheme_id, row.month): row.hours
        for row in MonthlyHours.objects.all()
    }


def added_up() -> dict:
    """The totals worked out by hand from the approved entries."""
    totals: dict = {}
    for entry in HoursEntry.objects.approved():
        key = (entry.volunteer_id, entry.scheme_id, entry.worked_on.replace(day=1))
        totals[key] = totals.get(key, Decimal("0")) + entry.hours
    return totals


def test_approving_attendance_and_the_admin_keep_the_totals_true(
    client_for,
    scheme_x,
    coordinator_x,
    yesterday,
):
    person = f.make_volunteer()
    f.make_membership(person, scheme_x)
    logged = log_hours(
        volunteer=person, scheme=scheme_x, worked_on=yesterday, hours=Decimal("2.5"), kind="admin"
    )
    assert kept() == {}  # waiting hours do not count yet
    decide_hours(actor=coordinator_x, entry=logged, approve=True)
    first = yesterday.replace(day=1)
    assert kept() == {(person.pk, scheme_x.pk, first): Decimal("2.50")} == added_up()

    duty = f.make_duty(scheme_x, starts_in_days=-1, hours=3)
    signup = Signup.objects.create(duty=duty, volunteer=person, status="booked")
    Duty.objects.filter(pk=duty.pk).update(booked_count=1)
    coordinator = client_for("coordinator_x")
    attendance = reverse("schemes:duty-attendance", args=[duty.pk])
    coordinator.post(attendance, {f"s{signup.pk}": "yes"})
    assert kept() == added_up() and sum(kept().values()) == Decimal("5.50")
    coordinator.post(attendance, {f"s{signup.pk}": "no"})
    assert kept() == added_up() and sum(kept().values()) == Decimal("2.50")

    # Staff move the approved entry back a few months in the admin, then delete it.
    admin = client_for("superuser")
    earlier = yesterday - timedelta(days=95)
    change = reverse("admin:schemes_hoursentry_change", args=[logged.pk])
    form = {
        "volunteer": person.pk,
        "scheme": scheme_x.pk,
        "worked_on": earlier.isoformat(),
        "hours": "4.00",
        "kind": "admin",
        "description": "Station admin",
        "status": "approved",
        "rejection_reason": "",
    }
    assert admin.post(change, form).status_code == 302
    assert kept() == {(person.pk, scheme_x.pk, earlier.replace(day=1)): Decimal("4.00")}
    delete = reverse("admin:schemes_hoursentry_delete", args=[logged.pk])
    admin.post(delete, {"post": "yes"})
    assert kept() == {} == added_up()


def test_rebuild_after_a_bulk_load_gives_what_the_services_keep(scheme_x, scheme_y, yesterday):
    people = [f.make_volunteer() for _ in range(3)]
    for number, person in enumerate(people):
        f.make_membership(person, scheme_x)
        f.make_membership(person, scheme_y)
        for days_back, scheme, status in [
            (1, scheme_x, "approved"),
            (2, scheme_x, "approved"),
            (40, scheme_x, "approved"),
            (3, scheme_y, "approved"),
            (4, scheme_x, "pending"),
        ]:
            f.make_hours(
                person,
                scheme,
                worked_on=yesterday - timedelta(days=days_back),
                hours=Decimal(number + 1),
                status=status,
            )
    by_services = kept()
    assert by_services == added_up() and len(by_services) >= 9
    MonthlyHours.objects.all().delete()
    assert month_totals.rebuild() == len(by_services)
    assert kept() == by_services


def test_the_grid_reads_the_kept_totals(client_for, scheme_x):
    person = f.make_volunteer(last_name="Kept")
    f.make_membership(person, scheme_x)
    today = timezone.localdate()  # the grid's last column is this month
    f.make_hours(person, scheme_x, worked_on=today, hours=Decimal("16"), status="approved")
    response = client_for("coordinator_x").get(reverse("schemes:minimums"))
    row = next(r for r in response.context["rows"] if r.volunteer == person)
    assert row.cells[-1].label == "16 h (met)"
    # The grid counts the kept totals, not the entries: without them (a bulk load that
    # was not followed by a rebuild) it shows nothing, which is why loads must rebuild.
    MonthlyHours.objects.all().delete()
    response = client_for("coordinator_x").get(reverse("schemes:minimums"))
    row = next(r for r in response.context["rows"] if r.volunteer == person)
    assert row.cells[-1].label == "None"
    assert response.context["columns"][-1]["met"] == 0
