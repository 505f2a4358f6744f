"""Specialist career pathways: who may apply and why not, applying, the lead's decision
turning into a posting, and the route to becoming a regular officer."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers import pathways, services
from careers.models import Pathway, PathwayApplication, Posting, RegularRoute, Step
from tests import factories as f
from tests.pages import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def make_ready_for_roads(special, supervisor, scheme):
    """Independent Patrol Status, 13 months' service, 50 hours lately, driving course."""
    record = services.record_for(special)
    record.attested_on = timezone.localdate() - timedelta(days=400)
    record.save()
    for step in Step:
        services.sign_off(
            actor=supervisor,
            volunteer=special,
            step=step,
            signed_off_on=timezone.localdate() - timedelta(days=200),
            evidence="Seen",
        )
    for days_ago in range(10, 110, 10):
        f.make_hours(
            special,
            scheme,
            worked_on=timezone.localdate() - timedelta(days=days_ago),
            status="approved",
            hours=Decimal("5"),
        )
    f.make_training(
        special,
        course_name="Emergency response driving",
        expires_on=timezone.localdate() + timedelta(days=300),
    )


def test_a_new_special_is_told_exactly_what_they_still_need(volunteer):
    roads = Pathway.objects.get(slug="road-policing")
    reasons = pathways.reasons_not_eligible(pathways.facts_for(volunteer.volunteer), roads)
    assert reasons == [
        "You need Independent Patrol Status.",
        "You need 12 months' service; you have 0.",
        "You need 48 h in the last 6 months; you have 0 h.",
        "You need current “Emergency response driving” training.",
    ]


def test_meeting_every_condition_opens_the_pathway(volunteer, coordinator_x, scheme_x):
    special = volunteer.volunteer
    make_ready_for_roads(special, coordinator_x, scheme_x)
    facts = pathways.facts_for(special)
    assert (facts.months_service, facts.recent_hours) == (13, Decimal("50"))
    roads = Pathway.objects.get(slug="road-policing")
    assert pathways.reasons_not_eligible(facts, roads) == []


def test_a_special_applies_from_the_portal_and_the_lead_is_told(
    client_for, volunteer, coordinator_x, scheme_x, django_capture_on_commit_callbacks
):
    special = volunteer.volunteer
    make_ready_for_roads(special, coordinator_x, scheme_x)
    lead = f.make_user(email="roads.lead@example.org")
    Pathway.objects.filter(slug="road-policing").update(lead=lead)
    client = client_for("volunteer")
    page = text_of(client.get(reverse("careers:my-pathways")))
    assert "Roads policing" in page and "You can apply" in page
    assert "You need current “Safeguarding children and adults” training." in page  # CSE

    url = reverse("careers:apply", args=["road-policing"])
    short = client.post(url, {"road-policing-statement": "Keen"})
    assert short.status_code == 200 and "There is a problem" in text_of(short)
    assert "Keen" in short.content.decode()  # what they typed stays

    statement = "Five years as a driving instructor; free most weekends."
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"road-policing-statement": statement}, follow=True)
    assert "your application for Roads policing is with the pathway lead" in text_of(done)
    application = PathwayApplication.objects.get()
    assert application.statement == statement and application.status == "applied"
    receipt, to_lead = sorted(mail.outbox, key=lambda m: m.to != [special.email])
    assert receipt.to == [special.email] and "Thank you for applying" in receipt.body
    assert to_lead.to == ["roads.lead@example.org"]
    again = client.post(url, {"road-policing-statement": statement}, follow=True)
    assert PathwayApplication.objects.count() == 1
    assert pathways.ALREADY_APPLIED in text_of(again)


def test_the_lead_decides_and_an_acceptance_becomes_a_posting(
    client_for,
    volunteer,
    coordinator_x,
    scheme_x,
    django_capture_on_commit_callbacks,
    today,
):
    special = volunteer.volunteer
    make_ready_for_roads(special, coordinator_x, scheme_x)
    lead = f.make_user(email="roads.lead@example.org")
    f.give_mfa(lead)
    roads = Pathway.objects.get(slug="road-policing")
    roads.lead = lead
    roads.save()
    application = pathways.apply(volunteer=special, pathway=roads, statement="Keen and able.")
    other = PathwayApplication.objects.create(
        volunteer=f.make_volunteer(),
        pathway=Pathway.objects.get(slug="cyber-crime"),
        statement="Not the roads lead's to decide",
    )
    client = client_for("coordinator_x")
    client.force_login(lead)
    queue = text_of(client.get(reverse("careers:applications")))
    assert "1 application" in queue and "Roads policing" in queue
    assert client.get(reverse("careers:application-detail", args=[other.pk])).status_code == 404

    url = reverse("careers:decide", args=[application.pk])
    missing = client.post(url, {"decision": "accept", "reason": "Well qualified"})
    assert "Give the date the posting starts." in text_of(missing)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"decision": "accept", "reason": "Well qualified", "starts_on": str(today)},
            follow=True,
        )
    application.refresh_from_db()
    assert application.status == "accepted" and application.decided_by == lead
    posting = Posting.objects.get(volunteer=special)
    assert posting.team.slug == "road-policing" and application.posting == posting
    message = mail.outbox[-1]
    assert message.to == [special.email] and "Well qualified" in message.body


def test_declining_needs_a_reason(volunteer, coordinator_x):
    application = PathwayApplication.objects.create(
        volunteer=volunteer.volunteer,
        pathway=Pathway.objects.get(slug="cyber-crime"),
        statement="I am keen.",
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        pathways.decide(actor=coordinator_x, application=application, accept=False, reason=" ")
    assert error.value.message_dict == {"reason": [pathways.REASON_NEEDED]}
    pathways.decide(actor=coordinator_x, application=application, accept=False, reason="Full")
    assert PathwayApplication.objects.get().status == "declined"
    assert not Posting.objects.exists()


def test_a_special_can_withdraw_an_open_application(client_for, volunteer):
    application = PathwayApplication.objects.create(
        volunteer=volunteer.volunteer,
        pathway=Pathway.objects.get(slug="cyber-crime"),
        statement="I am keen.",
    )
    response = client_for("volunteer").post(
        reverse("careers:withdraw", args=[application.pk]), follow=True
    )
    assert "Your application for Cyber crime is withdrawn." in text_of(response)
    assert PathwayApplication.objects.get().status == "withdrawn"


def test_the_route_to_regular_officer_from_interest_to_outcome(client_for, volunteer):
    special = volunteer.volunteer
    portal = client_for("volunteer")
    portal.post(reverse("careers:regular-interest"))
    assert RegularRoute.objects.get(volunteer=special).stage == "interested"
    client_for("coordinator_x").post(
        reverse("careers:regular-route", args=[special.pk]),
        {"regular-stage": "assessment", "regular-note": "Assessment centre in March"},
    )
    page = text_of(portal.get(reverse("careers:my-pathways")))
    assert "Where it stands: In assessment (Assessment centre in March)" in page


def test_the_queue_says_what_each_special_lacks_at_the_same_cost_for_any_number(
    client_for,
    volunteer,
    coordinator_x,
    scheme_x,
    django_assert_num_queries,
    today,
):
    make_ready_for_roads(volunteer.volunteer, coordinator_x, scheme_x)
    roads = Pathway.objects.get(slug="road-policing")
    PathwayApplication.objects.create(
        volunteer=volunteer.volunteer, pathway=roads, statement="Ready"
    )

    def apply_newcomers(count):
        for _ in range(count):
            newcomer = f.make_volunteer()
            f.make_membership(newcomer, scheme_x, joined_on=today - timedelta(days=40))
            PathwayApplication.objects.create(volunteer=newcomer, pathway=roads, statement="Keen")

    client = client_for("coordinator_x")
    url = reverse("careers:applications")
    apply_newcomers(1)
    client.get(url)  # the session and the menu's first look
    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    rows = page.context["rows"]
    lacking = {application.volunteer_id: reasons for application, reasons in rows}
    assert lacking[volunteer.volunteer.pk] == []
    newcomer_reasons = next(r for a, r in rows if a.volunteer_id != volunteer.volunteer.pk)
    assert pathways.NEEDS_IPS in newcomer_reasons
    assert "You need 12 months' service; you have 1." in newcomer_reasons
    apply_newcomers(6)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert len(page.context["rows"]) == 8
