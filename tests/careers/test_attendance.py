"""Attendance below the minimum: the series of reminder, letters and review meeting, its
reset when the minimum is met again, its pause for leave, and the letters themselves."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from careers import attendance
from careers.models import AttendanceAction, CountedHours, LeaveOfAbsence
from tests import factories as f
from tests.pages import text_of
from volunteers.dates import months_up_to

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
Stage = AttendanceAction.Stage


@pytest.fixture
def six_months(today):
    """The last six complete months, oldest first: the Special met the minimum in the first;
    the five after it are M4, M3, M2, M1, M0 (the latest)."""
    return months_up_to(today, 7)[:-1]


@pytest.fixture
def months(six_months):
    return six_months[1:]


@pytest.fixture
def special(volunteer, scheme_x, six_months):
    person = volunteer.volunteer
    membership = person.memberships.get()
    membership.joined_on = date(2020, 1, 6)
    membership.save()
    give(person, scheme_x, six_months[0], "16")
    return person


def give(person, scheme, month: date, hours: str, kind: str = "duty"):
    f.make_hours(
        person,
        scheme,
        worked_on=month + timedelta(days=9),
        status="approved",
        hours=Decimal(hours),
        kind=kind,
    )


def next_step(person, month):
    (row,) = attendance.rows_for([person], month)
    return row.next_stage


def test_the_series_moves_on_a_step_each_month_below(special, scheme_x, coordinator_x, months):
    for month in months:
        give(special, scheme_x, month, "6")
    issued = []
    for month in months:
        stage = next_step(special, month)
        attendance.issue(actor=coordinator_x, volunteer=special, month=month, stage=stage)
        issued.append(stage)
    assert issued == [Stage.REMINDER, Stage.LETTER_1, Stage.LETTER_2, Stage.LETTER_3, Stage.REVIEW]
    letter = AttendanceAction.objects.get(stage=Stage.LETTER_2)
    assert "you gave 6 h." in letter.body and "3 months running" in letter.body
    assert letter.issued_by == coordinator_x


def test_meeting_the_minimum_starts_the_series_again(special, scheme_x, coordinator_x, months):
    m4, m3, m2, m1, m0 = months
    give(special, scheme_x, m4, "4")
    give(special, scheme_x, m3, "5")
    attendance.issue(actor=coordinator_x, volunteer=special, month=m4, stage=Stage.REMINDER)
    attendance.issue(actor=coordinator_x, volunteer=special, month=m3, stage=Stage.LETTER_1)
    give(special, scheme_x, m2, "16")  # met: the series resets
    give(special, scheme_x, m1, "3")
    assert next_step(special, m1) == Stage.REMINDER
    assert m2 not in attendance.rows_for([special], m1)[0].run


def test_leave_pauses_the_series_and_takes_them_off_the_list(
    special, scheme_x, coordinator_x, months
):
    m4, m3, m2, m1, m0 = months
    give(special, scheme_x, m3, "2")
    attendance.issue(actor=coordinator_x, volunteer=special, month=m3, stage=Stage.REMINDER)
    attendance.record_leave(
        actor=coordinator_x,
        volunteer=special,
        kind=LeaveOfAbsence.Kind.STUDY,
        starts_on=m2 + timedelta(days=3),
        ends_on=m1 + timedelta(days=20),
    )
    below, on_leave = attendance.below_minimum(m1)
    assert special.pk in on_leave and special.pk not in below
    with pytest.raises(ValidationError) as error:
        attendance.issue(actor=coordinator_x, volunteer=special, month=m1, stage=Stage.LETTER_1)
    assert error.value.messages == [attendance.ON_LEAVE]
    # Back from leave and still short: the series carries on where it paused.
    assert next_step(special, m0) == Stage.LETTER_1
    assert attendance.rows_for([special], m0)[0].run == [m0, m3, m4]


def test_which_kinds_of_hours_count_is_a_setting(special, scheme_x, months):
    m0 = months[-1]
    give(special, scheme_x, m0, "10", kind="duty")
    give(special, scheme_x, m0, "8", kind="training")
    below, _ = attendance.below_minimum(m0)
    assert special.pk not in below  # 18 hours
    CountedHours.objects.filter(kind="training").update(counts=False)
    below, _ = attendance.below_minimum(m0)
    assert special.pk in below  # 10 counted hours


def test_steps_out_of_turn_or_twice_are_refused(special, scheme_x, coordinator_x, months):
    m0 = months[-1]
    give(special, scheme_x, m0, "1")
    with pytest.raises(ValidationError) as error:
        attendance.issue(actor=coordinator_x, volunteer=special, month=m0, stage=Stage.LETTER_2)
    assert error.value.messages == ["The next step for them is: Reminder."]
    attendance.issue(actor=coordinator_x, volunteer=special, month=m0, stage=Stage.REMINDER)
    with pytest.raises(ValidationError):
        attendance.issue(actor=coordinator_x, volunteer=special, month=m0, stage=Stage.LETTER_1)
    met = months[-2]
    give(special, scheme_x, met, "16")
    with pytest.raises(ValidationError) as error:
        attendance.issue(actor=coordinator_x, volunteer=special, month=met, stage=Stage.REMINDER)
    assert error.value.messages == [attendance.NOT_BELOW]


def test_a_manager_issues_from_the_list_and_prints_the_letter(
    client_for,
    special,
    scheme_x,
    django_capture_on_commit_callbacks,
    months,
):
    m2, m1, m0 = months[-3:]
    give(special, scheme_x, m2, "16")  # met; the series starts after it
    give(special, scheme_x, m1, "2")
    give(special, scheme_x, m0, "7.5")
    AttendanceAction.objects.create(
        volunteer=special,
        stage=Stage.REMINDER,
        month=m1,
        hours=2,
        minimum=16,
        issued_on=m1 + timedelta(days=35),
        body="Earlier reminder",
    )
    client = client_for("coordinator_x")
    page = text_of(client.get(reverse("careers:attendance"), {"month": f"{m0:%Y-%m}"}))
    assert "1 Special below the minimum" in page
    assert "7 h 30 min of 16 h" in page and "Issue: Unsatisfactory attendance letter 1" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("careers:attendance-issue"),
            {"volunteer": special.pk, "month": f"{m0:%Y-%m}", "stage": Stage.LETTER_1},
            follow=True,
        )
    letter = text_of(response)
    assert "Unsatisfactory attendance letter 1 issued to Siân O'Brien." in letter
    assert "Dear Siân" in letter and "in each of the last 2 months" in letter
    # On paper: the force's address block and a reference to quote.
    assert "Police Headquarters, Stanborough Road" in letter
    assert f"Our reference: SC/ATT/{special.pk}/{m0:%Y-%m}" in letter
    assert mail.outbox == []  # letters are printed or sent as PDFs; only reminders e-mail
    action = AttendanceAction.objects.get(stage=Stage.LETTER_1)
    pdf = client.get(reverse("careers:letter-pdf", args=[action.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    again = text_of(client.get(reverse("careers:attendance"), {"month": f"{m0:%Y-%m}"}))
    assert "Unsatisfactory attendance letter 1 issued" in again


def test_a_letter_to_a_name_outside_latin_1_downloads_with_its_name(
    client_for, special, scheme_x, coordinator_x, months
):
    special.last_name = "Łukaszewicz"
    special.save()
    m0 = months[-1]
    give(special, scheme_x, m0, "2")
    action = attendance.issue(
        actor=coordinator_x, volunteer=special, month=m0, stage=next_step(special, m0)
    )
    pdf = client_for("coordinator_x").get(reverse("careers:letter-pdf", args=[action.pk]))
    header = pdf["Content-Disposition"]
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    header.encode("latin-1")  # what a browser can read from an HTTP header
    assert "filename*=utf-8''" in header and "%C5%81ukaszewicz.pdf" in header


def test_a_reminder_is_also_e_mailed(
    special,
    scheme_x,
    coordinator_x,
    django_capture_on_commit_callbacks,
    months,
):
    m0 = months[-1]
    give(special, scheme_x, m0, "3")
    with django_capture_on_commit_callbacks(execute=True):
        attendance.issue(actor=coordinator_x, volunteer=special, month=m0, stage=Stage.REMINDER)
    assert [m.to for m in mail.outbox] == [[special.email]]
    body = mail.outbox[0].body
    assert "you gave 3 h, below the 16 h a month" in body and "Dear Siân" in body
    assert "Police Headquarters" not in body and "Our reference" not in body  # paper only


def test_the_list_costs_the_same_queries_for_more_specials(
    client_for,
    special,
    scheme_x,
    django_assert_max_num_queries,
    months,
):
    m0 = months[-1]
    client = client_for("coordinator_x")
    url = reverse("careers:attendance")
    client.get(url, {"month": f"{m0:%Y-%m}"})
    with django_assert_max_num_queries(40) as few:
        client.get(url, {"month": f"{m0:%Y-%m}"})
    for _ in range(15):
        person = f.make_volunteer()
        f.make_membership(person, scheme_x, joined_on=date(2021, 3, 1))
        give(person, scheme_x, m0, "1")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"month": f"{m0:%Y-%m}"})
    assert "16 Specials below the minimum" in text_of(response)


def test_a_manager_ticks_several_sees_what_each_gets_then_issues_them_together(
    client_for, special, scheme_x, scheme_y, django_capture_on_commit_callbacks, months
):
    m1, m0 = months[-2:]
    give(special, scheme_x, m1, "2")
    AttendanceAction.objects.create(
        volunteer=special, stage=Stage.REMINDER, month=m1, hours=2, minimum=16,
        issued_on=m1 + timedelta(days=35), body="Earlier reminder",
    )  # fmt: skip
    others = []
    for name in ("Abbott", "Baker"):
        person = f.make_volunteer(first_name="Jo", last_name=name, email=f"{name}@example.org")
        f.make_membership(person, scheme_x, joined_on=date(2020, 1, 6))
        give(person, scheme_x, m0, "3")
        others.append(person)
    elsewhere = f.make_volunteer(first_name="Not", last_name="Mine")
    f.make_membership(elsewhere, scheme_y, joined_on=date(2020, 1, 6))
    client = client_for("coordinator_x")
    ticked = [special.pk, *(p.pk for p in others), elsewhere.pk]
    confirm = text_of(
        client.post(
            reverse("careers:attendance-issue-many"), {"month": f"{m0:%Y-%m}", "volunteer": ticked}
        )
    )
    assert "Reminder: 2" in confirm and "Unsatisfactory attendance letter 1: 1" in confirm
    assert "Jo Abbott" in confirm and "Not Mine" not in confirm and "Issue 3 steps" in confirm
    assert not AttendanceAction.objects.filter(month=m0).exists()  # nothing yet
    confirmed = {
        "month": f"{m0:%Y-%m}",
        "volunteer": ticked,
        "confirmed": "yes",
        f"step-{special.pk}": Stage.LETTER_1,
        **{f"step-{person.pk}": Stage.REMINDER for person in others},
    }
    AttendanceAction.objects.create(  # someone else issues Baker's meanwhile
        volunteer=others[1], stage=Stage.REMINDER, month=m0, hours=3, minimum=16,
        issued_on=m0 + timedelta(days=35), body="Reminder",
    )  # fmt: skip
    AttendanceAction.objects.create(  # and Abbott's reminder for the month before
        volunteer=others[0], stage=Stage.REMINDER, month=m1, hours=0, minimum=16,
        issued_on=m1 + timedelta(days=35), body="Reminder",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("careers:attendance-issue-many"), confirmed, follow=True)
    page = text_of(done)
    assert "Issued for " in page and "Unsatisfactory attendance letter 1: 1." in page
    assert f"Not issued to Jo Baker: {attendance.ALREADY_ISSUED}" in page
    # Abbott's next step is now letter 1: what was confirmed (a reminder) is refused, not
    # swapped for a letter no one saw.
    assert "Not issued to Jo Abbott: The next step for them is: Unsatisfactory" in page
    stages = dict(AttendanceAction.objects.filter(month=m0).values_list("volunteer_id", "stage"))
    assert stages == {special.pk: Stage.LETTER_1, others[1].pk: Stage.REMINDER}
    assert mail.outbox == []  # no reminder went out
