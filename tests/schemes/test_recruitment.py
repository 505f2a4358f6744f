"""Applying for a role: eligibility with plain reasons, one open application per role, and
an application moved through its stages to a membership, declined or withdrawn."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from schemes.models import Application, Step
from schemes.services import recruitment
from schemes.services.recruitment import Declared
from tests import factories as f
from volunteers.catalogue import SchemeSlug
from volunteers.dates import years_before
from volunteers.models import District, Membership

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def aged(years: int, today: date, **fields):
    born = years_before(today, years) - timedelta(days=40)
    return f.make_volunteer(date_of_birth=born, **fields)


def refusals(opportunity, person, today, **declared):
    return recruitment.reasons_not_eligible(
        opportunity, person, declared=Declared(**declared), today=today
    )


def test_eligibility_is_checked_at_once_with_a_plain_reason(today):
    specials = f.make_opportunity(f.scheme(SchemeSlug.SPECIAL_CONSTABULARY), min_age=18)
    cadets = f.make_opportunity(f.scheme(SchemeSlug.VOLUNTEER_POLICE_CADETS))
    visitors = f.make_opportunity(
        f.scheme(SchemeSlug.INDEPENDENT_CUSTODY_VISITORS), must_be_independent=True
    )
    herts = District.objects.get(slug="stevenage")
    sixteen = aged(16, today, district=herts, guardian_name="Ann Parent")
    assert refusals(specials, sixteen, today) == [
        recruitment.TOO_YOUNG.format(age=18),
        recruitment.GUARDIAN,
    ]
    sixteen.guardian_email = "ann.parent@example.org"
    assert refusals(cadets, sixteen, today) == []  # 13 to 18, with a guardian
    adult = aged(40, today)  # no district: lives outside the county, or did not say
    assert refusals(visitors, adult, today) == [recruitment.LIVE_OR_WORK]
    assert refusals(visitors, adult, today, lives_or_works_here=True) == []
    assert refusals(visitors, adult, today, lives_or_works_here=True, serves_in_police=True) == [
        recruitment.NOT_INDEPENDENT
    ]
    visitors.closes_on = today - timedelta(days=1)
    assert recruitment.CLOSED in refusals(visitors, adult, today, lives_or_works_here=True)
    f.make_membership(adult, cadets.scheme)
    assert refusals(cadets, adult, today, lives_or_works_here=True) == [
        recruitment.TOO_OLD.format(age=18),
        recruitment.ALREADY_MEMBER.format(scheme=cadets.scheme),
    ]


def test_one_open_application_per_person_and_role(today):
    role = f.make_opportunity(f.scheme(SchemeSlug.NEIGHBOURHOOD_WATCH))
    person = aged(30, today, district=District.objects.get(slug="watford"))
    recruitment.apply(volunteer=person, opportunity=role, answers=[])
    with pytest.raises(ValidationError) as error:
        recruitment.apply(volunteer=person, opportunity=role, answers=[])
    assert error.value.messages == [recruitment.ALREADY_APPLIED]
    assert Application.objects.count() == 1


def test_an_application_moves_stage_by_stage_and_becomes_a_membership(today):
    scheme = f.scheme(SchemeSlug.SPECIAL_CONSTABULARY)
    coordinator = f.make_coordinator(scheme)
    role = f.make_opportunity(scheme)  # received, interview, vetting, training
    person = aged(25, today, district=District.objects.get(slug="dacorum"))
    application = recruitment.apply(volunteer=person, opportunity=role, answers=[])
    with pytest.raises(ValidationError) as skipped:
        recruitment.move_on(actor=coordinator, application=application, to_stage="vetting")
    assert skipped.value.messages == [recruitment.NOT_NEXT.format(stage="interview")]
    for stage in ("interview", "vetting"):
        recruitment.move_on(actor=coordinator, application=application, to_stage=stage)
    membership = recruitment.accept(actor=coordinator, application=application)
    assert (membership.scheme, membership.status) == (scheme, Membership.Status.VETTING)
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert list(application.steps.values_list("stage", "status")) == [
        ("received", "open"),
        ("interview", "open"),
        ("vetting", "open"),
        ("vetting", "accepted"),
    ]
    assert Step.objects.filter(actor=coordinator).count() == 3
    with pytest.raises(ValidationError):
        recruitment.decline(actor=coordinator, application=application, reason="Too late")


def test_declining_needs_a_reason_and_no_one_decides_their_own(today):
    scheme = f.scheme(SchemeSlug.POLICE_SUPPORT_VOLUNTEERS)
    coordinator = f.make_coordinator(scheme)
    role = f.make_opportunity(scheme)
    own = recruitment.apply(
        volunteer=coordinator.volunteer, opportunity=role, answers=[], declared=Declared(True)
    )
    with pytest.raises(ValidationError):
        recruitment.move_on(actor=coordinator, application=own, to_stage="interview")
    person = aged(50, today, district=District.objects.get(slug="hertsmere"))
    application = recruitment.apply(volunteer=person, opportunity=role, answers=[])
    with pytest.raises(ValidationError) as no_reason:
        recruitment.decline(actor=coordinator, application=application, reason=" ")
    assert no_reason.value.message_dict == {"reason": [recruitment.REASON_NEEDED]}
    recruitment.decline(actor=coordinator, application=application, reason="No places now")
    application.refresh_from_db()
    assert (application.status, application.reason) == ("declined", "No places now")
    again = recruitment.apply(volunteer=person, opportunity=role, answers=[])
    recruitment.withdraw(volunteer=person, application=again, reason="Moved away")
    assert Application.objects.get(pk=again.pk).status == "withdrawn"


@pytest.mark.parametrize(
    ("stages", "reached", "membership"),
    [
        (["received", "interview", "vetting", "training"], "interview", "vetting"),
        (["received", "interview", "vetting", "training"], "training", "training"),
        (["received", "training"], "received", "training"),
        (["received", "screening"], "screening", "active"),  # no vetting: Neighbourhood Watch
    ],
)
def test_accepting_starts_the_membership_at_what_is_still_to_do(stages, reached, membership):
    role = f.make_opportunity(f.scheme(SchemeSlug.NEIGHBOURHOOD_WATCH), stages=stages)
    application = Application(opportunity=role, stage=reached)
    assert recruitment.membership_status_on_accepting(application) == membership


def test_the_applicant_hears_at_each_turn_and_a_decline_once(
    today, django_capture_on_commit_callbacks
):
    from django.core import mail

    scheme = f.scheme(SchemeSlug.DOG_WELFARE)
    coordinator = f.make_coordinator(scheme, email="dogs.coordinator@example.org")
    role = f.make_opportunity(scheme, title="Dog welfare visitor")
    person = aged(45, today, district=District.objects.get(slug="st-albans"))
    with django_capture_on_commit_callbacks(execute=True):
        application = recruitment.apply(volunteer=person, opportunity=role, answers=[])
    told = {tuple(m.to): m for m in mail.outbox}
    assert "what happens next" in told[(person.email,)].body.lower()
    assert "has applied for Dog welfare visitor" in told[(coordinator.email,)].body
    with django_capture_on_commit_callbacks(execute=True):
        recruitment.decline(actor=coordinator, application=application, reason="No places")
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        recruitment.decline(actor=coordinator, application=application, reason="Again")
    declined = [m for m in mail.outbox if m.to == [person.email] and "No places" in m.body]
    assert len(declined) == 1
    assert declined[0].body.count("Dear ") == 1 and "other roles" in declined[0].body


def test_coordinators_see_only_their_schemes_applicants_at_a_constant_cost(
    client_for, scheme_x, scheme_y, coordinator_x, coordinator_y, today
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.pages import text_of

    role_x = f.make_opportunity(scheme_x, title="Special Constable")
    role_y = f.make_opportunity(scheme_y, title="Volunteer Police Cadet")
    Application.objects.create(opportunity=role_x, volunteer=f.make_volunteer(last_name="Xavier"))
    Application.objects.create(opportunity=role_y, volunteer=f.make_volunteer(last_name="Young"))
    page_y = text_of(client_for("coordinator_y").get(reverse("schemes:applicants")))
    assert "Young" in page_y and "Xavier" not in page_y
    client = client_for("coordinator_x")
    client.get(reverse("schemes:applicants"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("schemes:applicants"))
    for _ in range(20):
        Application.objects.create(opportunity=role_x, volunteer=f.make_volunteer())
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("schemes:applicants"))
    assert len(many) == len(few)
    assert "21 applications" in text_of(page) and "Young" not in text_of(page)
    csv = b"".join(client.get(reverse("schemes:applicants-export")).streaming_content).decode()
    assert "Xavier" in csv and "Young" not in csv


def test_the_open_roles_feeds_parse_and_hold_only_open_roles(client, today):
    import feedparser
    from django.urls import reverse

    scheme = f.scheme(SchemeSlug.INDEPENDENT_CUSTODY_VISITORS)
    f.make_opportunity(scheme, title="Independent Custody Visitor", summary="Check on care.")
    f.make_opportunity(scheme, title="Closed role", is_open=False)
    f.make_opportunity(scheme, title="Past its date", closes_on=today - timedelta(days=1))
    expected = ["Independent Custody Visitor (Independent Custody Visitors)"]
    atom = feedparser.parse(client.get(reverse("schemes:roles-atom")).content)
    assert not atom.bozo and atom.version == "atom10", atom.get("bozo_exception")
    assert [entry.title for entry in atom.entries] == expected
    assert atom.entries[0].link.endswith("/roles/independent-custody-visitor/")
    # feedparser reads no JSON Feed: what the 1.1 specification requires, checked here.
    document = client.get(reverse("schemes:roles-json")).json()
    assert document["version"] == "https://jsonfeed.org/version/1.1" and document["title"]
    assert [item["title"] for item in document["items"]] == expected
    item = document["items"][0]
    assert item["id"] == item["url"] and item["url"].endswith("/roles/independent-custody-visitor/")
    assert item["content_text"] and item["date_published"].startswith(str(today.year))
    assert (
        reverse("schemes:roles-atom")
        in client.get(reverse("schemes:roles-for-partners")).content.decode()
    )


def test_a_role_whose_stages_changed_never_sends_anyone_back_or_past_vetting(today):
    from schemes.models.recruitment import check_stages

    with pytest.raises(ValidationError):
        check_stages(["received", "vetting", "vetting"])
    scheme = f.scheme(SchemeSlug.POLICE_SUPPORT_VOLUNTEERS)
    role = f.make_opportunity(scheme, stages=["received", "interview", "vetting"])
    application = Application(opportunity=role, stage="references")  # from the old list
    assert recruitment.next_stage(application) == "vetting"
    assert recruitment.membership_status_on_accepting(application) == "vetting"
    application.stage = "training"  # past every stage the role now has
    assert recruitment.next_stage(application) is None


def test_accepting_someone_already_in_the_scheme_is_refused_and_says_so(today):
    scheme = f.scheme(SchemeSlug.POLICE_SUPPORT_VOLUNTEERS)
    coordinator = f.make_coordinator(scheme)
    person = aged(33, today, district=District.objects.get(slug="watford"))
    role = f.make_opportunity(scheme)
    application = Application.objects.create(opportunity=role, volunteer=person)
    f.make_membership(person, scheme, status="paused")
    with pytest.raises(ValidationError) as error:
        recruitment.accept(actor=coordinator, application=application)
    assert "already in Police Support Volunteers (paused)" in error.value.messages[0]
    assert Application.objects.get(pk=application.pk).status == "open"


def test_the_coordinators_page_keeps_a_note_that_is_too_long_and_moves_nothing(
    client_for, scheme_x, coordinator_x
):
    from django.urls import reverse

    from tests.pages import text_of

    role = f.make_opportunity(scheme_x)
    application = Application.objects.create(opportunity=role, volunteer=f.make_volunteer())
    page = client_for("coordinator_x").post(
        reverse("schemes:applicant-decide", args=[application.pk]),
        {"decision": "move", "to_stage": "interview", "note": "x" * 301},
    )
    assert page.status_code == 200 and "at most 300 characters" in text_of(page)
    assert "x" * 301 in page.content.decode()  # what was typed is still there
    assert Application.objects.get(pk=application.pk).stage == "received"


def test_applying_again_leads_to_the_application_in_progress(client_for, volunteer, scheme_y):
    from django.urls import reverse

    role = f.make_opportunity(scheme_y)
    mine = Application.objects.create(opportunity=role, volunteer=volunteer.volunteer)
    response = client_for("volunteer").get(reverse("schemes:role-apply", args=[role.slug]))
    assert response.url == reverse("schemes:my-application", args=[mine.pk])


def test_an_interview_is_sent_with_an_invitation_that_moves_when_the_interview_does(
    client_for, scheme_x, coordinator_x, volunteer, now, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.urls import reverse
    from icalendar import Calendar

    from tests.pages import text_of

    role = f.make_opportunity(scheme_x, title="Front counter volunteer")
    person = volunteer.volunteer
    application = Application.objects.create(opportunity=role, volunteer=person)
    url = reverse("schemes:applicant-interview", args=[application.pk])
    when = (now + timedelta(days=9)).replace(hour=18, minute=30, second=0)
    typed = {
        "starts_at": f"{when:%Y-%m-%dT%H:%M}",
        "minutes": "45",
        "place": "Stevenage Police Station, Lytton Way",
        "panel": "Sgt Amy Cole and Tom Reid",
    }
    coordinator = client_for("coordinator_x")
    refused = coordinator.post(url, typed)  # still at "received"
    assert recruitment.NOT_AT_INTERVIEW in text_of(refused)
    assert "Lytton Way" in refused.content.decode()  # what was typed stays
    recruitment.move_on(actor=coordinator_x, application=application, to_stage="interview")
    mail.outbox.clear()

    past = coordinator.post(
        url, {**typed, "starts_at": f"{now - timedelta(hours=2):%Y-%m-%dT%H:%M}"}
    )
    assert past.status_code == 200 and not hasattr(
        Application.objects.get(pk=application.pk), "interview"
    )

    def invitations():
        sent = [m for m in mail.outbox if m.to == [person.email] and m.attachments]
        return [(m, Calendar.from_ical(m.attachments[0][1]).walk("VEVENT")[0]) for m in sent]

    for attempt in (typed, typed):  # the same again sends nothing new
        with django_capture_on_commit_callbacks(execute=True):
            assert coordinator.post(url, attempt).status_code == 302
    [(message, event)] = invitations()
    assert "Stevenage Police Station, Lytton Way" in message.body
    assert "Sgt Amy Cole and Tom Reid" in message.body
    assert message.attachments[0][0] == "interview.ics"
    assert event.decoded("dtstart") == when and int(event["sequence"]) == 0
    assert str(event["location"]) == typed["place"]

    later = when + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(url, {**typed, "starts_at": f"{later:%Y-%m-%dT%H:%M}"})
    first, second = invitations()
    assert str(second[1]["uid"]) == str(first[1]["uid"])  # the same event, moved
    assert int(second[1]["sequence"]) == 1 and second[1].decoded("dtstart") == later
    assert "has changed" in second[0].subject

    mine = client_for("volunteer")
    download = mine.get(reverse("schemes:my-interview", args=[application.pk]))
    assert Calendar.from_ical(download.content).walk("VEVENT")[0].decoded("dtstart") == later
    page = text_of(mine.get(reverse("schemes:my-application", args=[application.pk])))
    assert "Your interview" in page and "Sgt Amy Cole and Tom Reid" in page

    with pytest.raises(ValidationError) as too_soon:  # not past an interview still to come
        recruitment.move_on(actor=coordinator_x, application=application, to_stage="vetting")
    assert "once it has taken place" in too_soon.value.messages[0]
    with pytest.raises(ValidationError):
        recruitment.accept(actor=coordinator_x, application=application)
    history = [step.reason for step in application.steps.all()]
    assert any(reason.startswith("Interview moved to") for reason in history)

    # Declined before the day: the event comes off their calendar, and off the portal.
    with django_capture_on_commit_callbacks(execute=True):
        recruitment.decline(actor=coordinator_x, application=application, reason="No places")
    *_, (off, event) = invitations()
    assert str(event["uid"]) == str(first[1]["uid"]) and str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 2 and "is off" in off.subject
    assert mine.get(reverse("schemes:my-interview", args=[application.pk])).status_code == 404


def test_children_never_apply_to_mini_police_and_its_roles_are_for_adults(today):
    mini = f.scheme(SchemeSlug.MINI_POLICE)
    leader = f.make_opportunity(mini, title="Mini Police leader", min_age=18)
    ten = aged(10, today, guardian_name="Ann Parent", guardian_email="ann@example.org")
    assert refusals(leader, ten, today) == [recruitment.SCHOOL_JOINS.format(scheme=mini)]
    adult = aged(35, today, district=District.objects.get(slug="hertsmere"))
    assert refusals(leader, adult, today) == []
    childrens = f.make_opportunity(mini, title="Mini Police officer")
    with pytest.raises(ValidationError) as error:
        childrens.full_clean()
    assert "give a youngest age of 18 or more" in error.value.message_dict["min_age"][0]
    leader.slug = "for-partners"  # the partners' page's own address
    with pytest.raises(ValidationError) as taken:
        leader.full_clean()
    assert "slug" in taken.value.message_dict


def test_a_coordinator_who_turns_off_each_e_mail_gets_a_daily_round_up(
    scheme_x, coordinator_x, coordinator_y, today
):
    from django.core import mail

    from schemes.emails import NEW_APPLICANTS
    from volunteers import outbox
    from volunteers.models import Notification, ReminderOptOut

    role = f.make_opportunity(scheme_x, title="Special Constable, Watford")
    ReminderOptOut.objects.create(volunteer=coordinator_x.volunteer, kind=NEW_APPLICANTS.code)
    for n in range(3):
        recruitment.apply(
            volunteer=aged(30 + n, today, district=District.objects.get(slug="watford")),
            opportunity=role,
            answers=[],
        )
    assert not Notification.objects.filter(to=coordinator_x.email).exists()
    outbox.sweep(today=today + timedelta(days=1))
    outbox.sweep(today=today + timedelta(days=1))  # once a day, however often it sweeps
    [digest] = Notification.objects.filter(to=coordinator_x.email)
    assert digest.subject.endswith("New applicants yesterday: 3")
    assert "Special Constabulary: 3 new applications." in digest.body_text
    outbox.dispatch()
    assert not [m for m in mail.outbox if m.to == [coordinator_y.email]]


def test_every_link_of_the_error_summary_leads_to_its_field(client_for, other_volunteer, today):
    import re

    from django.urls import reverse

    from schemes.models import Question
    from tests.pages import text_of

    role = f.make_opportunity(
        f.scheme(SchemeSlug.INDEPENDENT_CUSTODY_VISITORS),
        title="Independent Custody Visitor",
        must_be_independent=True,
        residence="anyone",
    )
    Question.objects.create(opportunity=role, text="Can you visit at night?", kind="yes_no")
    Question.objects.create(opportunity=role, text="Why this role?", kind="text")
    url = reverse("schemes:role-apply", args=[role.slug])
    page = client_for("other_volunteer").post(url, {"csrfmiddlewaretoken": "as a browser sends"})
    html = page.content.decode()
    assert "error-summary" in html, text_of(page)
    summary = html[html.index("error-summary") : html.index("</ul>", html.index("error-summary"))]
    targets = re.findall(r'href="#([^"]*)"', summary)
    assert len(targets) >= 3  # two questions and the independence question, unanswered
    for target in targets:
        assert target and f'id="{target}"' in html, target
