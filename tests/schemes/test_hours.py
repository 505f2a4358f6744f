"""Logging hours and approving them: the rules a volunteer and a coordinator meet."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from schemes.models import HoursEntry
from schemes.services import hours as hours_services
from tests import factories as f
from tests.pages import text_of
from volunteers.catalogue import SchemeSlug

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def log(person, scheme_obj, hours, **fields):
    values = {"worked_on": (timezone.localdate() - timedelta(days=1)), "kind": "admin"}
    values.update(fields)
    return hours_services.log_hours(
        volunteer=person, scheme=scheme_obj, hours=Decimal(hours), **values
    )


@pytest.fixture
def person(volunteer):
    return volunteer.volunteer


def test_hours_are_stored_exactly(person, scheme_x):
    entry = log(person, scheme_x, "2.25")
    entry.refresh_from_db()
    assert entry.hours == Decimal("2.25") and isinstance(entry.hours, Decimal)
    assert entry.status == HoursEntry.Status.PENDING


def test_no_future_dates(person, scheme_x):
    with pytest.raises(ValidationError) as error:
        log(person, scheme_x, "1", worked_on=timezone.localdate() + timedelta(days=1))
    assert error.value.message_dict == {"worked_on": [hours_services.FUTURE_DATE]}


def test_quarter_hours_only(person, scheme_x):
    with pytest.raises(ValidationError) as error:
        log(person, scheme_x, "1.1")
    assert error.value.message_dict == {"hours": [hours_services.NOT_QUARTER]}


def test_no_more_than_24_hours_in_a_day_across_all_entries(person, scheme_x):
    f.make_membership(person, f.scheme(SchemeSlug.POLICE_SUPPORT_VOLUNTEERS))
    log(person, scheme_x, "14")
    log(person, f.scheme(SchemeSlug.POLICE_SUPPORT_VOLUNTEERS), "10")
    with pytest.raises(ValidationError) as error:
        log(person, scheme_x, "0.25")
    assert "24 h 15 min on" in error.value.message_dict["hours"][0]
    # A rejected entry does not count towards the day.
    entry = HoursEntry.objects.filter(hours=Decimal("10")).get()
    hours_services.decide_hours(actor=None, entry=entry, approve=False, reason="Wrong scheme")
    assert log(person, scheme_x, "0.25").pk


def test_only_for_a_scheme_you_belong_to(person, scheme_y):
    with pytest.raises(ValidationError) as error:
        log(person, scheme_y, "1")
    assert error.value.message_dict == {"scheme": [hours_services.NOT_IN_SCHEME]}


def test_approval_locks_and_rejection_needs_a_reason_and_emails(
    person,
    scheme_x,
    coordinator_x,
    django_capture_on_commit_callbacks,
    yesterday,
):
    approved = log(person, scheme_x, "3")
    hours_services.decide_hours(actor=coordinator_x, entry=approved, approve=True)
    approved.refresh_from_db()
    assert approved.status == "approved" and not approved.is_editable
    with pytest.raises(ValidationError):
        hours_services.correct_hours(
            entry=approved, scheme=scheme_x, worked_on=yesterday, hours=Decimal("4"), kind="admin"
        )

    rejected = log(person, scheme_x, "2", worked_on=yesterday - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        hours_services.decide_hours(actor=coordinator_x, entry=rejected, approve=False, reason=" ")
    assert error.value.message_dict == {"reason": [hours_services.REASON_NEEDED]}
    with django_capture_on_commit_callbacks(execute=True):
        hours_services.decide_hours(
            actor=coordinator_x,
            entry=rejected,
            approve=False,
            reason="That was a training day, log it as training",
        )
    assert "log it as training" in mail.outbox[0].body

    corrected = hours_services.correct_hours(
        entry=rejected,
        scheme=scheme_x,
        worked_on=rejected.worked_on,
        hours=Decimal("2"),
        kind="training",
    )
    assert (corrected.status, corrected.kind, corrected.rejection_reason) == (
        "pending",
        "training",
        "",
    )


def test_volunteer_logs_hours_and_a_bad_value_keeps_the_rest(
    client_for, volunteer, scheme_x, yesterday
):
    client = client_for("volunteer")
    data = {
        "scheme": scheme_x.pk,
        "worked_on": yesterday.isoformat(),
        "hours": "2.3",
        "kind": "admin",
        "description": "Station front counter",
    }
    response = client.post(reverse("schemes:my-hours"), data)
    page = response.content.decode()
    assert response.status_code == 200 and HoursEntry.objects.count() == 0
    assert "quarter hours" in page and 'value="Station front counter"' in page
    data["hours"] = "2.5"
    response = client.post(reverse("schemes:my-hours"), data, follow=True)
    assert "Thank you for your time." in response.content.decode()
    assert HoursEntry.objects.get().hours == Decimal("2.5")


def test_approved_hours_cannot_be_opened_for_editing(client_for, volunteer, scheme_x):
    entry = f.make_hours(volunteer.volunteer, scheme_x, status="approved")
    response = client_for("volunteer").get(
        reverse("schemes:hours-edit", args=[entry.pk]), follow=True
    )
    assert hours_services.LOCKED in response.content.decode()


def test_coordinator_approves_from_the_queue_and_sees_only_their_schemes(
    client_for, volunteer, other_volunteer, scheme_x, scheme_y
):
    mine = f.make_hours(volunteer.volunteer, scheme_x)
    f.make_hours(other_volunteer.volunteer, scheme_y, description="Cadet parade")
    client = client_for("coordinator_x")
    page = client.get(reverse("schemes:hours-queue"))
    assert [e.pk for e in page.context["page"].object_list] == [mine.pk]
    client.post(reverse("schemes:hours-decide", args=[mine.pk]), {"decision": "approve"})
    mine.refresh_from_db()
    assert mine.status == "approved"


def test_hours_queue_costs_the_same_queries_at_any_length(
    client_for,
    volunteer,
    scheme_x,
    django_assert_num_queries,
    yesterday,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("coordinator_x")
    f.make_hours(volunteer.volunteer, scheme_x)
    client.get(reverse("schemes:hours-queue"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("schemes:hours-queue"))
    for i in range(30):
        person = f.make_volunteer()
        f.make_membership(person, scheme_x)
        f.make_hours(person, scheme_x, worked_on=yesterday - timedelta(days=i % 5))
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(reverse("schemes:hours-queue")).status_code == 200


def test_someone_elses_leaving_does_not_hide_a_scheme_from_my_hours_form(
    person, scheme_x, yesterday
):
    # A regression: excluding "left" across the join hid a scheme anyone had left.
    leaver = f.make_volunteer()
    f.make_membership(leaver, scheme_x, status="left", left_on=yesterday)
    from schemes.forms import HoursForm

    assert list(HoursForm(volunteer=person).fields["scheme"].queryset) == [scheme_x]


def test_a_coordinator_approves_several_entries_at_once_and_can_undo_it(
    client_for, volunteer, coordinator_x, scheme_x, today
):
    """Issue 17, item 4: tick, approve, a summary; and an undo while it is fresh."""
    first = f.make_hours(volunteer.volunteer, scheme_x, worked_on=today - timedelta(days=2))
    other = f.make_volunteer()
    f.make_membership(other, scheme_x)
    second = f.make_hours(other, scheme_x, hours=Decimal("4"))
    own = coordinator_x.volunteer
    f.make_membership(own, scheme_x)
    mine = f.make_hours(own, scheme_x)
    client = client_for("coordinator_x")
    queue = text_of(client.get(reverse("schemes:hours-queue")))
    assert "Approve the ticked entries" in queue
    done = client.post(
        reverse("schemes:hours-approve-many"),
        {"entry": [first.pk, second.pk, mine.pk]},
        follow=True,
    )
    page = text_of(done)
    assert "Approved 2 entries, 6 h 30 min in all." in page
    assert "Not approved: " in page and "No one decides on their own record" in page
    statuses = dict(HoursEntry.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "approved", second.pk: "approved", mine.pk: "pending"}
    assert "You approved 2 entries together just now" in page

    undone = text_of(client.post(reverse("schemes:hours-undo"), follow=True))
    assert "Undone: 2 entries wait for approval again." in undone
    assert set(HoursEntry.objects.values_list("status", flat=True)) == {"pending"}
    again = text_of(client.post(reverse("schemes:hours-undo"), follow=True))
    assert "There is nothing left to undo." in again
