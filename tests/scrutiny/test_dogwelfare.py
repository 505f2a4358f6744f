"""Dog Welfare: each force's dog unit manager sees only their force's dogs and reports;
coverage counts on known data; a serious concern is phoned in before it is filed; a
visit sent twice is filed once; the register's import checks before it writes; the
assignments and the KPIs."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from scrutiny.dogwelfare import coverage, kpis, report, services
from scrutiny.dogwelfare.models import Assignment, Dog, DogIssue, DogUnit, DogVisit
from scrutiny.dogwelfare.periods import period_of
from tests import factories as f
from volunteers import outbox
from volunteers.catalogue import SchemeSlug
from volunteers.models import AuditEvent, Force, Notification


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def forces():
    """Bedfordshire and Cambridgeshire, each with a dog unit, a manager and two dogs."""
    made = {}
    for slug, names in (("bedfordshire", ("Rex", "Odin")), ("cambridgeshire", ("Luna", "Skye"))):
        manager = f.make_unit_manager(force_slug=slug, email=f"manager@{slug}.police.example")
        force = Force.objects.get(slug=slug)
        unit = DogUnit.objects.create(
            force=force, name=f"{force} Dog Unit", manager=manager.force_roles.get()
        )
        dogs = [f.make_dog(force_slug=slug, unit=unit, name=name) for name in names]
        made[slug] = (manager, unit, dogs)
    return made


@pytest.mark.django_db
def test_each_forces_manager_sees_only_their_dogs_and_reports(forces, today):
    beds_manager, _, (rex, _) = forces["bedfordshire"]
    cambs_manager, _, (luna, _) = forces["cambridgeshire"]
    visit = f.make_dog_visit(f.make_dog_assignment(dog=luna), concerns={"bedding": "Damp."})
    cambs = _signed_in(cambs_manager)
    beds = _signed_in(beds_manager)
    page = beds.get(reverse("dogwelfare:force-dogs")).content.decode()
    assert "PD Rex" in page and "PD Odin" in page
    assert "PD Luna" not in page and "PD Skye" not in page
    assert "PD Luna" in cambs.get(reverse("dogwelfare:force-dogs")).content.decode()
    assert beds.get(reverse("dogwelfare:dog", args=[luna.pk])).status_code == 404
    assert beds.get(reverse("dogwelfare:visit", args=[visit.pk])).status_code == 404
    issue = visit.issues.get()
    assert beds.get(reverse("dogwelfare:issue", args=[issue.pk])).status_code == 404
    assert (
        beds.post(
            reverse("dogwelfare:issue-respond", args=[issue.pk]), {"response": "Not ours."}
        ).status_code
        == 404
    )
    assert cambs.get(reverse("dogwelfare:visit", args=[visit.pk])).status_code == 200
    assert cambs.get(reverse("dogwelfare:dog", args=[rex.pk])).status_code == 404
    # Their staff pages are not theirs at all.
    assert beds.get(reverse("dogwelfare:register")).status_code == 403
    reads = AuditEvent.objects.filter(action=AuditEvent.Action.READ, record_id=str(visit.pk))
    assert reads.count() == 1 and reads.get().scheme == SchemeSlug.DOG_WELFARE


@pytest.mark.django_db
@pytest.mark.date_sensitive
def test_coverage_counts_on_known_data(forces, today):
    """Rex visited this period; Odin last visited seven months ago (overdue); Luna on the
    last period's last day (due: within six months, not yet seen this period); Skye never
    (overdue); a retired dog is not counted. On 31 December the July period is 184 days
    long, so its eve is over six months back and Luna is overdue too."""
    _, _, (rex, odin) = forces["bedfordshire"]
    _, unit, (luna, skye) = forces["cambridgeshire"]
    f.make_dog(force_slug="cambridgeshire", unit=unit, name="Old", is_retired=True)
    start = period_of(today)
    f.make_dog_visit(f.make_dog_assignment(dog=rex), visited_on=start)
    seven_months_ago = today - timedelta(days=213)
    f.make_dog_visit(
        f.make_dog_assignment(dog=odin, period=period_of(seven_months_ago)),
        visited_on=seven_months_ago,
    )
    last_period_day = start - timedelta(days=1)
    f.make_dog_visit(
        f.make_dog_assignment(dog=luna, period=period_of(last_period_day)),
        visited_on=last_period_day,
    )
    beds = coverage.counts(Dog.objects.filter(force__slug="bedfordshire"), today=today)
    assert (beds["visited"], beds["due"], beds["overdue"], beds["total"]) == (1, 0, 1, 2)
    luna_due = (today - last_period_day).days <= 183
    cambs = coverage.counts(Dog.objects.filter(force__slug="cambridgeshire"), today=today)
    assert (cambs["visited"], cambs["due"], cambs["overdue"], cambs["total"]) == (
        (0, 1, 1, 2) if luna_due else (0, 0, 2, 2)
    )
    lines = {
        line.dog.name: line.status
        for line in coverage.lines(coverage.with_last_visit(Dog.objects.working()), today=today)
    }
    luna = "due" if luna_due else "overdue"
    assert lines == {"Rex": "visited", "Odin": "overdue", "Luna": luna, "Skye": "overdue"}
    due = coverage.filter_status(
        coverage.with_last_visit(Dog.objects.working()), "due", today=today
    )
    assert [d.name for d in due] == (["Luna"] if luna_due else [])
    assert kpis.dogs_visited(today.replace(day=1)) == {None: Decimal("25.0")}


@pytest.mark.django_db
def test_a_serious_concern_asks_for_the_phone_call_first_and_is_filed_once(forces, today):
    manager, unit, (rex, _) = forces["bedfordshire"]
    assignment = f.make_dog_assignment(dog=rex)
    client = _signed_in(assignment.visitor.user)
    url = reverse("dogwelfare:visit-form", args=[assignment.pk])
    page = client.get(url).content.decode()
    assert "01234 841212" in page  # the Dog Unit Manager's number, shown at once
    data = {"submission_key": str(uuid.uuid4())}
    data |= {f"check-{code}": "ok" for code in f.dog_answers()}
    data |= {
        "visit-visited_on": today.isoformat(),
        "visit-kennel_seen": "home",
        "visit-is_serious": "on",
        "check-injuries": "concern",
        "check-injuries-note": "A deep cut on the forepaw; lame.",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "phone the Dog Unit Manager now on 01234 841212" in refused.content.decode()
    assert not DogVisit.objects.exists()
    data["visit-phoned_manager"] = "on"
    first, again = client.post(url, data), client.post(url, data)
    visit = DogVisit.objects.get()
    assert first.url == again.url == reverse("dogwelfare:visit", args=[visit.pk])
    assert visit.is_serious and visit.phoned_manager_at is not None
    issue = DogIssue.objects.get()
    assert issue.due_on == today + timedelta(days=services.SERIOUS_RESPONSE_DAYS)
    assert Notification.objects.get(kind="followup_to_force").to == manager.email
    # The coverage page now shows Rex visited.
    staff = _signed_in(f.make_staff())
    listed = staff.get(reverse("dogwelfare:coverage") + "?status=visited").content.decode()
    assert "PD Rex" in listed and "PD Odin" not in listed


@pytest.mark.django_db
def test_assigning_a_period_shares_the_dogs_out_and_pairs_where_the_force_wants(forces, today):
    _, cambs_unit, _ = forces["cambridgeshire"]
    cambs_unit.visits_in_pairs = True
    cambs_unit.save()
    people = [f.make_dog_visitor() for _ in range(3)]
    period = period_of(today)
    assert services.assign_period(actor=None, period=period) == 4
    assert services.assign_period(actor=None, period=period) == 0  # once each
    made = Assignment.objects.filter(period=period)
    assert all(a.partner is not None for a in made if a.dog.force.slug == "cambridgeshire")
    assert all(a.partner is None for a in made if a.dog.force.slug == "bedfordshire")
    loads = [made.filter(visitor=p).count() + made.filter(partner=p).count() for p in people]
    assert sum(loads) == 6 and max(loads) - min(loads) <= 1


CSV = (
    "Name,Handler's collar number,Unit,Breed,Date of birth,Role,Kennelled\n"
    "Rex,{rex_collar},Bedfordshire Dog Unit,German Shepherd,12/03/2020,General purpose,home\n"
    "Nala,2231,Bedfordshire Dog Unit,Springer Spaniel,01/06/2022,drugs detection,base\n"
)


@pytest.mark.django_db
def test_the_register_import_checks_before_it_writes(forces, client_for):
    _, _, (rex, _) = forces["bedfordshire"]
    client = client_for("staff")
    bad = CSV.format(rex_collar=rex.collar_number) + "Bo,PC Smith,Nowhere Unit,Lab,,sniffing,home\n"
    upload = SimpleUploadedFile("dogs.csv", bad.encode())
    response = client.post(
        reverse("dogwelfare:import"),
        {"force": Force.objects.get(slug="bedfordshire").pk, "spreadsheet": upload},
    )
    page = client.get(response.url).content.decode()
    assert "Row 4:" in page and "collar number only" in page and "Nowhere Unit" in page
    assert Dog.objects.filter(force__slug="bedfordshire").count() == 2
    good = SimpleUploadedFile("dogs.csv", CSV.format(rex_collar=rex.collar_number).encode())
    response = client.post(
        reverse("dogwelfare:import"),
        {"force": Force.objects.get(slug="bedfordshire").pk, "spreadsheet": good},
    )
    check = client.get(response.url).content.decode()
    assert "1 already on the register" in check
    confirm = response.url + "confirm/"
    client.post(confirm)
    client.post(confirm)  # a second press writes nothing more
    nala = Dog.objects.get(name="Nala")
    assert (nala.role, nala.kennelled, nala.born_on) == ("drugs", "base", date(2022, 6, 1))
    assert Dog.objects.filter(force__slug="bedfordshire").count() == 3


@pytest.mark.django_db
def test_the_annual_report_on_known_figures(forces, today):
    _, _, (rex, odin) = forces["bedfordshire"]
    _, _, (luna, _) = forces["cambridgeshire"]
    year = today.year if today >= date(today.year, 1, 16) else today.year - 1
    jan = date(year, 1, 15)
    f.make_dog_visit(f.make_dog_assignment(dog=rex, period=date(year, 1, 1)), visited_on=jan)
    visit = f.make_dog_visit(
        f.make_dog_assignment(dog=luna, period=date(year, 1, 1)),
        visited_on=jan,
        concerns={"bedding": "Damp.", "water": "Bowl empty."},
    )
    services_issue = visit.issues.get(check_code="bedding")
    from schemes.services import followups

    followups.respond(
        issue=services_issue,
        actor=None,
        response="New beds.",
        now=services_issue.raised_at + timedelta(days=3),
    )
    per_force, combined = report.annual(year)
    rows = {row.name: row for row in per_force}
    assert (rows["Bedfordshire"].dogs, rows["Bedfordshire"].dogs_visited) == (2, 1)
    assert rows["Bedfordshire"].visited_share == 50
    assert rows["Cambridgeshire"].concerns == {"kennel": 2}
    assert (combined.dogs, combined.visits, combined.open_issues, combined.closed_issues) == (
        4,
        2,
        1,
        1,
    )
    assert combined.median_days_to_close == 3


@pytest.mark.django_db
def test_the_lists_run_the_same_queries_however_many_dogs(forces, client_for, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    beds_manager, unit, _ = forces["bedfordshire"]
    visitor = f.make_dog_visitor()
    staff = client_for("staff")
    pages = [
        (staff, reverse("dogwelfare:coverage")),
        (staff, reverse("dogwelfare:register")),
        (staff, reverse("dogwelfare:visits")),
        (staff, reverse("dogwelfare:issues") + "?status=all"),
        (staff, reverse("dogwelfare:annual")),
        (_signed_in(beds_manager), reverse("dogwelfare:force-dogs")),
        (_signed_in(visitor.user), reverse("dogwelfare:my-dogs")),
    ]

    def add(count):
        for _ in range(count):
            dog = f.make_dog(unit=unit)
            assignment = f.make_dog_assignment(dog=dog, visitor=visitor)
            f.make_dog_visit(assignment, concerns={"bedding": "Damp."})
            f.make_dog_assignment(dog=dog, visitor=visitor, period=date(today.year + 1, 7, 1))

    def counts():
        found = []
        for who, url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert who.get(url).status_code == 200, url
            found.append(len(queries))
        return found

    add(1)
    counts()  # a first visit also keeps each session
    before = counts()
    add(4)
    assert counts() == before


@pytest.mark.django_db
def test_a_visit_is_filed_in_its_own_period_and_next_periods_are_not_offered_yet(forces, today):
    from scrutiny.dogwelfare.periods import next_period

    _, _, (rex, odin) = forces["bedfordshire"]
    visitor = f.make_dog_visitor()
    later = f.make_dog_assignment(dog=rex, visitor=visitor, period=next_period(period_of(today)))
    now = f.make_dog_assignment(dog=odin, visitor=visitor)
    page = _signed_in(visitor.user).get(reverse("dogwelfare:my-dogs")).content.decode()
    assert reverse("dogwelfare:visit-form", args=[now.pk]) in page
    assert reverse("dogwelfare:visit-form", args=[later.pk]) not in page
    with pytest.raises(ValidationError, match="This visit is for"):
        f.make_dog_visit(later, visited_on=today)


@pytest.mark.django_db
def test_the_import_matches_a_dog_whatever_the_case(forces, client_for):
    _, unit, _ = forces["bedfordshire"]
    f.make_dog(unit=unit, name="McGregor", collar_number="4410")
    client = client_for("staff")
    rows = (
        "Name,Handler's collar number,Unit,Breed,Role,Kennelled\n"
        "MCGREGOR, 4410 ,Bedfordshire Dog Unit,Belgian Malinois,general purpose,home\n"
    )
    response = client.post(
        reverse("dogwelfare:import"),
        {
            "force": Force.objects.get(slug="bedfordshire").pk,
            "spreadsheet": SimpleUploadedFile("dogs.csv", rows.encode()),
        },
    )
    assert "1 already on the register" in client.get(response.url).content.decode()
    client.post(response.url + "confirm/")
    dog = Dog.objects.get(force__slug="bedfordshire", name__iexact="mcgregor")
    assert (dog.name, dog.breed) == ("McGregor", "Belgian Malinois")


@pytest.mark.django_db
def test_the_administrator_hears_weekly_of_dogs_not_visited_for_six_months(forces, today):
    administrator = f.make_coordinator(f.scheme(SchemeSlug.DOG_WELFARE), email="dogs@example.org")
    outbox.sweep(today=today)
    outbox.sweep(today=today)
    sent = Notification.objects.filter(kind="dogs_overdue")
    assert list(sent.values_list("to", flat=True)) == [administrator.email]
    assert "Bedfordshire: 2 dogs" in sent.get().body_text
    assert "Cambridgeshire: 2 dogs" in sent.get().body_text
    outbox.sweep(today=today + timedelta(days=7))
    assert sent.count() == 2  # the next week's


@pytest.mark.django_db
def test_the_administrator_hands_a_dogs_visit_to_another_visitor(forces, client_for, today):
    _, _, (rex, odin) = forces["bedfordshire"]
    first, second = f.make_dog_visitor(first_name="Ann"), f.make_dog_visitor(first_name="Bea")
    assignment = f.make_dog_assignment(dog=rex, visitor=first)
    client = client_for("staff")
    url = reverse("dogwelfare:dog-assign", args=[rex.pk])
    assert client.post(url, {"visitor": second.pk}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.visitor == second  # the same assignment, handed on
    client.post(reverse("dogwelfare:dog-assign", args=[odin.pk]), {"visitor": first.pk})
    assert Assignment.objects.get(dog=odin, period=period_of(today)).visitor == first
    f.make_dog_visit(assignment)
    refused = client.post(url, {"visitor": first.pk})
    assert "visited this period already" in refused.content.decode()
