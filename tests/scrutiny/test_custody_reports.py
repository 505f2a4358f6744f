"""Filing a custody visit's report (custody numbers only, once however often it is sent),
and the concerns' loop with the force: answered, overdue, escalated; what each person may
read; the summary and the KPIs on known figures."""

import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from schemes.services import followups
from scrutiny.custody import kpis, summary
from scrutiny.custody.checklist import CUSTODY_CHECKLIST
from scrutiny.custody.models import CustodyIssue, VisitReport
from scrutiny.custody.validators import LOOKS_LIKE_A_NAME, check_custody_number
from tests import factories as f
from volunteers import outbox
from volunteers.catalogue import SchemeSlug
from volunteers.models import AuditEvent, Notification


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@pytest.fixture
def visit(today):
    """Last week's visit to Hatfield by Ann and Bea, the suite's inspector Rachel Moore."""
    inspector = f.make_inspector(
        email="rachel.moore@herts.police.example", full_name="Rachel Moore"
    )
    suite = f.make_suite(name="Hatfield custody suite", inspector=inspector)
    ann = f.make_visitor(first_name="Ann", last_name="Ashe")
    bea = f.make_visitor(first_name="Bea", last_name="Bell")
    return f.make_allocation(
        suite=suite, first=ann, second=bea, week=_monday(today) - timedelta(weeks=1)
    )


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "typed", ["John Smith", "Smith 41/12345/26", "41/12345/26 Jones", "j.smith", "Mo Farah", "ANNA"]
)
def test_a_name_typed_as_a_custody_number_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        check_custody_number(typed)
    assert (
        refused.value.messages[0] in {LOOKS_LIKE_A_NAME}
        or "four digits" in refused.value.messages[0]
    )


@pytest.mark.parametrize(
    "typed", ["41/12345/26", "HT/01234/26", "ht-00042-27", "CN 123456", "4112345"]
)
def test_custody_numbers_as_forces_write_them_are_taken(typed):
    check_custody_number(typed)


def _form_data(key, *, custody_numbers=("41/55555/26",), concern=""):
    data = {
        "submission_key": key,
        "visit-arrived_at": "",
        "visit-left_at": "",
        "visit-staff_seen": "PS Kate Lowe",
        "visit-detainees_held": "6",
        "visit-detainees_offered": str(len(custody_numbers)),
        "visit-raised_at_the_time": "",
        "detainee-TOTAL_FORMS": str(len(custody_numbers)),
        "detainee-INITIAL_FORMS": "0",
        "detainee-MIN_NUM_FORMS": "0",
        "detainee-MAX_NUM_FORMS": "60",
    }
    for i, number in enumerate(custody_numbers):
        data[f"detainee-{i}-custody_number"] = number
        data[f"detainee-{i}-consented"] = "on"
    for _, check in CUSTODY_CHECKLIST.checks():
        data[f"check-{check.code}"] = "ok"
    if concern:
        data["check-blanket"] = "concern"
        data["check-blanket-note"] = concern
    return data


def _when(allocation, hour):
    day = allocation.week_starting + timedelta(days=1)
    return datetime.combine(day, time(hour)).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.django_db
def test_the_form_refuses_a_name_and_keeps_everything_else_typed(visit):
    client = _signed_in(visit.first_visitor.user)
    data = _form_data(str(uuid.uuid4()), custody_numbers=("Mary Jones",))
    data["visit-arrived_at"], data["visit-left_at"] = _when(visit, 19), _when(visit, 20)
    response = client.post(reverse("custody:my-visit", args=[visit.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "That looks like a name" in page
    assert "PS Kate Lowe" in page  # what else they typed is still there
    assert VisitReport.objects.count() == 0


@pytest.mark.django_db
def test_a_report_sent_twice_is_filed_once_and_its_concern_goes_to_the_inspector(visit):
    client = _signed_in(visit.first_visitor.user)
    data = _form_data(str(uuid.uuid4()), concern="No blanket offered overnight.")
    data["visit-arrived_at"], data["visit-left_at"] = _when(visit, 19), _when(visit, 20)
    url = reverse("custody:my-visit", args=[visit.pk])
    first = client.post(url, data)
    again = client.post(url, data)  # the double tap, or the retry on a bad connection
    report = VisitReport.objects.get()
    assert first.status_code == again.status_code == 302
    assert again.url == first.url == reverse("custody:report", args=[report.pk])
    assert report.detainees.get().custody_number == "41/55555/26"
    issue = CustodyIssue.objects.get()
    assert (issue.check_code, issue.status) == ("blanket", CustodyIssue.Status.WITH_FORCE)
    to_force = Notification.objects.get(kind="followup_to_force")
    assert to_force.to == "rachel.moore@herts.police.example"
    assert "No blanket offered overnight." in to_force.body_text
    # The partner, filing their own, is shown the one already filed.
    partner = _signed_in(visit.second_visitor.user)
    other = dict(data, submission_key=str(uuid.uuid4()))
    assert partner.post(url, other).url == first.url
    assert VisitReport.objects.count() == 1


@pytest.mark.django_db
def test_the_inspectors_answer_closes_the_concern_and_the_visitors_see_it(visit):
    report = f.make_custody_report(visit, concerns={"cells_clean": "Cell 4 smelt of urine."})
    issue = report.issues.get()
    inspector = visit.suite.inspector.user
    response = _signed_in(inspector).post(
        reverse("custody:issue-respond", args=[issue.pk]), {"response": "Cell 4 deep cleaned."}
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == CustodyIssue.Status.CLOSED and issue.responded_by == inspector
    told = Notification.objects.filter(kind="followup_outcome")
    assert set(told.values_list("to", flat=True)) == {v.email for v in visit.pair}
    page = _signed_in(visit.second_visitor.user).get(reverse("custody:my-visits")).content.decode()
    assert "Cell 4 deep cleaned." in page


@pytest.mark.django_db
def test_what_each_person_may_read_of_a_report(visit, staff, today):
    report = f.make_custody_report(visit, concerns={"cctv": "Monitor blank."})
    url = reverse("custody:report", args=[report.pk])
    manager = f.make_coordinator(f.scheme(SchemeSlug.INDEPENDENT_CUSTODY_VISITORS))
    other_force = f.make_inspector(force_slug="bedfordshire")
    stranger = f.make_visitor()
    assert "41/12345/26" in _signed_in(visit.first_visitor.user).get(url).content.decode()
    assert "41/12345/26" in _signed_in(manager).get(url).content.decode()
    inspector_view = _signed_in(visit.suite.inspector.user).get(url)
    assert inspector_view.status_code == 200
    assert "41/12345/26" not in inspector_view.content.decode()  # never outside the scheme
    assert _signed_in(other_force).get(url).status_code == 404
    assert _signed_in(stranger.user).get(url).status_code == 404
    issue_url = reverse("custody:issue", args=[report.issues.get().pk])
    assert _signed_in(other_force).get(issue_url).status_code == 404
    # Each read is on the audit trail.
    reads = AuditEvent.objects.filter(action=AuditEvent.Action.READ, record_id=str(report.pk))
    assert reads.count() == 3
    assert set(reads.values_list("scheme", flat=True)) == {SchemeSlug.INDEPENDENT_CUSTODY_VISITORS}


@pytest.mark.django_db
def test_an_overdue_answer_reminds_the_manager_once(visit, today):
    manager = f.make_coordinator(
        f.scheme(SchemeSlug.INDEPENDENT_CUSTODY_VISITORS), email="icv.manager@example.org"
    )
    report = f.make_custody_report(visit, concerns={"toilets": "Blocked toilet in cell 2."})
    issue = report.issues.get()
    assert outbox.sweep(today=issue.due_on) >= 0
    assert not Notification.objects.filter(kind="followup_overdue").exists()  # not late yet
    late = issue.due_on + timedelta(days=1)
    outbox.sweep(today=late)
    outbox.sweep(today=late + timedelta(days=1))
    reminders = Notification.objects.filter(kind="followup_overdue")
    assert list(reminders.values_list("to", flat=True)) == [manager.email]
    assert "Blocked toilet in cell 2." in reminders.get().body_text
    followups.respond(issue=issue, actor=visit.suite.inspector.user, response="Fixed.")
    outbox.sweep(today=late + timedelta(days=2))
    assert reminders.count() == 1


@pytest.mark.django_db
def test_an_escalated_concern_is_closed_by_the_opcc_lead_with_an_outcome(visit, staff):
    report = f.make_custody_report(visit, concerns={"medical": "Inhaler not given."})
    issue = report.issues.get()
    with pytest.raises(ValidationError):
        followups.escalate(issue=issue, actor=staff, note="  ")
    followups.escalate(issue=issue, actor=staff, note="No answer in two weeks.")
    with pytest.raises(ValidationError):
        followups.respond(issue=issue, actor=staff, response="Too late.")
    followups.close_escalated(issue=issue, actor=staff, outcome="Raised with the Chief Supt.")
    issue.refresh_from_db()
    assert issue.status == CustodyIssue.Status.CLOSED and issue.outcome


@pytest.mark.django_db
def test_the_summary_and_kpis_on_known_figures(today):
    """Two fortnightly suites over a whole past quarter: 6 visits due at each (7 in a
    quarter with fourteen Mondays); Hatfield
    had 2 visits (4 offered a visit, 3 agreed) and a concern answered in 4 days."""
    from scrutiny.custody.rota import quarter_of, weeks_of

    quarter = quarter_of(quarter_of(today) - timedelta(days=1))
    start, end = quarter, quarter_of(today) - timedelta(days=1)
    hatfield = f.make_suite(name="Hatfield", visit_every=2, inspector=f.make_inspector())
    f.make_suite(name="Stevenage", visit_every=2)
    ann, bea = f.make_visitor(), f.make_visitor()
    weeks = weeks_of(quarter)
    people = lambda *consents: [  # noqa: E731
        {
            "custody_number": f"41/1000{i}/26",
            "consented": c,
            "is_child": i == 0,
            "is_vulnerable_adult": False,
            "held_under_terrorism_act": False,
        }
        for i, c in enumerate(consents)
    ]
    first = f.make_custody_report(
        f.make_allocation(suite=hatfield, first=ann, second=bea, week=weeks[0]),
        detainees=people(True, False),
        concerns={"blanket": "No blankets."},
    )
    f.make_custody_report(
        f.make_allocation(suite=hatfield, first=bea, second=ann, week=weeks[2]),
        detainees=people(True, True),
    )
    # Raised when the report came in, on the visit's evening.
    first.issues.update(
        raised_at=first.arrived_at, due_on=first.arrived_at.date() + timedelta(days=14)
    )
    issue = first.issues.get()
    followups.respond(
        issue=issue,
        actor=None,
        response="Blankets restocked.",
        now=issue.raised_at + timedelta(days=4),
    )
    per_suite, overall = summary.summarise(start, end, today=today)
    by_name = {row.name: row for row in per_suite}
    due = len(weeks) // 2  # six, or seven in a quarter of fourteen Mondays, as planned
    assert (by_name["Hatfield"].target, by_name["Hatfield"].visits) == (due, 2)
    assert (by_name["Stevenage"].target, by_name["Stevenage"].visits) == (due, 0)
    assert (overall.target, overall.visits, overall.against_target) == (
        2 * due,
        2,
        round(200 / (2 * due)),
    )
    assert (overall.offered, overall.seen, overall.consent_rate) == (4, 3, 75)
    assert overall.children == 2  # the first person seen on each visit
    # Too few to show: hidden wherever they are shown, the empty suite's too, since "none
    # there" would say where they were (volunteers.disclosure).
    assert overall.children_shown == by_name["Hatfield"].children_shown == "hidden"
    assert by_name["Stevenage"].children_shown == "hidden"
    assert overall.vulnerable_shown == 0  # none at all is no one to pick out
    assert overall.concerns == {"wellbeing": 1}
    assert (overall.closed_issues, overall.open_issues, overall.median_days_to_close) == (1, 0, 4)

    month = weeks[0].replace(day=1)
    from volunteers import dates

    month_end = dates.month_end(month)
    visits_in_month = 2 if weeks[2] <= month_end else 1
    mondays = sum((month + timedelta(days=n)).weekday() == 0 for n in range(month_end.day))
    due = 2 * (mondays // 2)
    assert kpis.visits_against_target(month) == {
        None: (Decimal(visits_in_month) * 100 / due).quantize(Decimal("0.1"))
    }
    assert kpis.consent_rate(month)[None] == (
        Decimal("75.0") if visits_in_month == 2 else Decimal("50.0")
    )
    due_month = issue.due_on.replace(day=1)
    assert kpis.answered_in_time(due_month) == {None: Decimal("100.0")}


@pytest.mark.django_db
def test_the_lists_run_the_same_queries_however_many_reports(visit, staff, client_for, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("staff")
    inspector = _signed_in(visit.suite.inspector.user)
    pages = [
        (client, reverse("custody:reports")),
        (client, reverse("custody:issues") + "?status=all"),
        (client, reverse("custody:rota")),
        (client, reverse("custody:summary")),
        (inspector, reverse("custody:force-home")),
        (_signed_in(visit.first_visitor.user), reverse("custody:my-visits")),
    ]

    def counts():
        found = []
        for who, url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert who.get(url).status_code == 200, url
            found.append(len(queries))
        return found

    f.make_custody_report(visit, concerns={"cctv": "Blank monitor."})
    counts()  # a first visit also keeps each session
    before = counts()
    for weeks_back in (2, 3, 4):
        allocation = f.make_allocation(
            suite=visit.suite,
            first=visit.first_visitor,
            second=visit.second_visitor,
            week=visit.week_starting - timedelta(weeks=weeks_back),
        )
        f.make_custody_report(allocation, concerns={"toilets": "Blocked.", "blanket": "None."})
    assert counts() == before


@pytest.mark.django_db
def test_force_staff_must_set_up_mfa_and_land_on_their_forces_page():
    from volunteers.models import Force, ForceStaff

    user = f.make_user(email="new.inspector@example.org")
    ForceStaff.objects.create(
        user=user, force=Force.objects.get(slug="hertfordshire"), role="custody-inspector"
    )
    client = _signed_in(user)
    assert client.get(reverse("custody:force-home")).url == reverse("mfa_activate_totp")
    f.give_mfa(user)
    landing = client.get(reverse("volunteers:after-login"))
    assert landing.url == reverse("custody:force-home")
    page = client.get(landing.url).content.decode()
    assert "Custody visits to your suites" in page
    assert "Your portal" not in page  # they are not a volunteer


@pytest.mark.django_db
def test_a_visit_with_someone_held_under_terrorism_law_is_flagged_and_read_in_the_admin_audited(
    visit, client_for, superuser
):
    held = {
        "custody_number": "41/77777/26",
        "consented": True,
        "is_child": False,
        "is_vulnerable_adult": False,
        "held_under_terrorism_act": True,
    }
    flagged = f.make_custody_report(visit, detainees=[held])
    assert flagged.for_independent_reviewer
    other = f.make_suite(name="Watford custody suite")
    f.make_custody_report(
        f.make_allocation(
            suite=other,
            first=visit.first_visitor,
            second=visit.second_visitor,
            week=visit.week_starting,
        )
    )
    staff = client_for("staff")
    listed = staff.get(reverse("custody:reports") + "?for_reviewer=on").content.decode()
    assert "Independent Reviewer" in listed and visit.suite.name in listed
    assert "Watford custody suite, " not in listed  # (it is in the suites to filter by)
    assert "1 report<" in listed
    admin = client_for("superuser")
    url = reverse("admin:custody_visitreport_change", args=[flagged.pk])
    assert admin.get(url).status_code == 200
    read = AuditEvent.objects.get(action=AuditEvent.Action.READ, actor=superuser)
    assert read.record_id == str(flagged.pk) and "in the admin" in read.summary


@pytest.mark.django_db
def test_a_custody_number_in_a_note_is_refused_since_notes_go_to_the_force(visit):
    from scrutiny.custody.validators import NUMBER_IN_NOTES

    with pytest.raises(ValidationError) as refused:
        f.make_custody_report(visit, concerns={"food_and_drink": "41/12345/26 had no drink."})
    assert NUMBER_IN_NOTES in refused.value.messages
    with pytest.raises(ValidationError):
        f.make_custody_report(visit, raised_at_the_time="Told PS Lee about 4112345.")
    f.make_custody_report(visit, concerns={"food_and_drink": "The man in cell 4 had no drink."})
    assert Notification.objects.get(kind="followup_to_force").body_text.count("cell 4") == 1


@pytest.mark.django_db
def test_the_visit_is_reported_in_its_own_week(visit, today):
    with pytest.raises(ValidationError, match="allocated for"):
        f.make_custody_report(
            visit,
            arrived_at=timezone.make_aware(datetime.combine(visit.week_starting, time(9)))
            - timedelta(days=2),
        )


@pytest.mark.django_db
def test_adding_a_person_to_the_report_keeps_what_was_typed_and_judges_nothing(visit):
    client = _signed_in(visit.first_visitor.user)
    data = _form_data(str(uuid.uuid4()))
    data["visit-detainees_held"] = ""  # not filled in yet: no problem until it is sent
    data["add_detainee"] = "1"
    page = client.post(reverse("custody:my-visit", args=[visit.pk]), data).content.decode()
    assert "There is a problem" not in page
    assert 'value="41/55555/26"' in page and "Person 2" in page
    assert "PS Kate Lowe" in page


@pytest.mark.django_db
def test_the_visitors_hear_the_force_and_then_the_opcc_leads_outcome(visit, staff):
    report = f.make_custody_report(visit, concerns={"blanket": "None offered."})
    issue = report.issues.get()
    followups.respond(issue=issue, actor=visit.suite.inspector.user, response="We will look.")
    followups.escalate(issue=issue, actor=staff, note="The answer falls short.")
    followups.close_escalated(
        issue=issue, actor=staff, outcome="Blankets now offered at booking in."
    )
    told = Notification.objects.filter(kind="followup_outcome", to=visit.first_visitor.email)
    assert told.count() == 2
    assert "Blankets now offered at booking in." in told.order_by("pk").last().body_text
    page = _signed_in(visit.first_visitor.user).get(reverse("custody:my-visits")).content.decode()
    assert "the OPCC lead concluded “Blankets now offered at booking in.”" in page
    # The escalation note is the OPCC's own: the force's inspector does not read it.
    inspector_page = _signed_in(visit.suite.inspector.user).get(
        reverse("custody:issue", args=[issue.pk])
    )
    assert "The answer falls short." not in inspector_page.content.decode()


@pytest.mark.django_db
def test_a_visit_made_cannot_be_swapped_and_two_new_visitors_never_go_together(visit, staff, today):
    from scrutiny.custody import services as custody

    report = f.make_custody_report(visit)
    colleague = f.make_visitor()
    with pytest.raises(ValidationError, match="can no longer be swapped"):
        custody.ask_swap(
            volunteer=visit.first_visitor,
            allocation=report.allocation,
            colleague=colleague,
            reason="x",
        )
    new = f.make_visitor(status="training")
    also_new = f.make_visitor(status="training")
    week = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
    allocation = f.make_allocation(
        suite=visit.suite, first=new, second=visit.second_visitor, week=week, is_training=True
    )
    swap = custody.ask_swap(
        volunteer=visit.second_visitor, allocation=allocation, colleague=also_new, reason="Away"
    )
    with pytest.raises(ValidationError, match="both new"):
        custody.decide_swap(actor=staff, swap=swap, agree=True)
