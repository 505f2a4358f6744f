"""No one decides on their own record: a second person must (finding 7 of the security
issue). The rule is volunteers.permissions.refuse_own_record; every service that records
a decision about a person calls it, whoever the caller (a page, the admin, a script)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careers import attendance, long_service, pathways
from careers import services as careers
from careers.models import Pathway, PathwayApplication, Posting, Team
from schemes.models import HoursEntry
from schemes.services import hours
from tests import factories as f
from tests.pages import text_of
from volunteers import services
from volunteers.models import Membership
from volunteers.permissions import OWN_RECORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinating_special(coordinator_x, scheme_x):
    """The Specials' coordinator, who is also a Special."""
    person = coordinator_x.volunteer
    f.make_membership(person, scheme_x)
    return person


def _decisions(person, scheme, today):
    """Every decision a coordinator records about a person, as (name, call)."""
    team = Team.objects.first()
    entry = f.make_hours(person, scheme)
    application = PathwayApplication.objects.create(
        volunteer=person, pathway=Pathway.objects.first(), statement="I would like to."
    )
    posting = Posting.objects.create(volunteer=person, team=team, starts_on=today)
    membership = Membership.objects.get(volunteer=person, scheme=scheme, role="member")
    from schemes.models import Signup
    from schemes.services import duties

    duty = f.make_duty(scheme, starts_in_days=-1)
    signup = Signup.objects.create(duty=duty, volunteer=person, status="booked")
    return {
        "mark attendance (which credits hours)": lambda actor: duties.mark_attendance(
            actor=actor, duty=duty, attended={signup.pk: True}
        ),
        "approve hours": lambda actor: hours.decide_hours(actor=actor, entry=entry, approve=True),
        "decide a pathway application": lambda actor: pathways.decide(
            actor=actor, application=application, accept=False, reason="Not this year."
        ),
        "set the route to regular": lambda actor: pathways.set_regular_route(
            actor=actor, volunteer=person, stage="assessment"
        ),
        "change rank": lambda actor: careers.change_rank(
            actor=actor, volunteer=person, rank="sergeant", effective_on=today
        ),
        "post to a team": lambda actor: careers.add_posting(
            actor=actor, volunteer=person, team=team, starts_on=today
        ),
        "end a posting": lambda actor: careers.end_posting(
            actor=actor, posting=posting, ends_on=today
        ),
        "sign off a step": lambda actor: careers.sign_off(
            actor=actor, volunteer=person, step="ips", signed_off_on=today, evidence="Assessed."
        ),
        "record leave": lambda actor: attendance.record_leave(
            actor=actor, volunteer=person, kind="sickness", starts_on=today
        ),
        "send an attendance letter": lambda actor: attendance.issue(
            actor=actor, volunteer=person, month=today.replace(day=1), stage="reminder"
        ),
        "give an award": lambda actor: long_service.add_award(
            actor=actor, volunteer=person, category="commendation", awarded_on=today, citation="."
        ),
        "change a membership": lambda actor: services.change_membership_status(
            actor=actor, membership=membership, status="paused"
        ),
        "add to a scheme": lambda actor: services.add_membership(
            actor=actor, volunteer=person, scheme=f.scheme("volunteer-police-cadets")
        ),
    }


def test_no_decision_about_a_person_is_taken_by_that_person(
    coordinating_special, coordinator_x, scheme_x, today
):
    for name, decide in _decisions(coordinating_special, scheme_x, today).items():
        with pytest.raises(ValidationError) as refused:
            decide(coordinator_x)
        assert refused.value.messages == [OWN_RECORD], name
    assert HoursEntry.objects.get(volunteer=coordinating_special).status == "pending"


def test_a_second_person_may(coordinating_special, staff, scheme_x, today):
    approved = _decisions(coordinating_special, scheme_x, today)["approve hours"](staff)
    assert approved.status == "approved" and approved.decided_by == staff


def test_the_hours_queue_offers_no_approve_button_for_your_own_hours(
    client_for, coordinating_special, scheme_x, volunteer
):
    own = f.make_hours(coordinating_special, scheme_x)
    f.make_hours(volunteer.volunteer, scheme_x, worked_on=own.worked_on - timedelta(days=1))
    client = client_for("coordinator_x")
    page = text_of(client.get(reverse("schemes:hours-queue")))
    assert "Your own hours: another coordinator or OPCC staff decides on them" in page
    assert page.count("Approve 2 h 30 min") == 1  # the other Special's only

    response = client.post(
        reverse("schemes:hours-decide", args=[own.pk]), {"decision": "approve"}, follow=True
    )
    assert OWN_RECORD in text_of(response)
    own.refresh_from_db()
    assert own.status == "pending"


def test_the_admin_changes_no_record_about_the_person_signed_in(client_for, superuser, scheme_x):
    me = f.make_volunteer(user=superuser, first_name="Ada", last_name="Admin")
    mine = f.make_hours(me, scheme_x)
    client = client_for("superuser")
    change = reverse("admin:schemes_hoursentry_change", args=[mine.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    client.post(change, {"status": "approved"})
    mine.refresh_from_db()
    assert mine.status == "pending"
    assert (
        client.post(reverse("admin:schemes_hoursentry_delete", args=[mine.pk])).status_code == 403
    )


def test_a_manager_setting_their_own_route_to_regular_is_told_not_shown_an_error(
    client_for, coordinating_special
):
    response = client_for("coordinator_x").post(
        reverse("careers:regular-route", args=[coordinating_special.pk]),
        {"regular-stage": "assessment", "regular-note": ""},
        follow=True,
    )
    assert response.status_code == 200 and OWN_RECORD in text_of(response)
