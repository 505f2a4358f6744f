"""Bringing people in from a spreadsheet: every row's problems named before anything is
written, a file with problems writing nothing, the fixed file writing every row, and the
same file again changing nothing."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories as f
from tests.pages import text_of
from volunteers import people_import
from volunteers.models import AuditEvent, Membership, PeopleImport, Vetting, Volunteer

pytestmark = pytest.mark.django_db

HEADINGS = [
    "First name",
    "Surname",  # another heading for the same column
    "E-mail",
    "Date of birth",
    "Phone",
    "Town",
    "Postcode",
    "District",
    "Scheme",
    "Status",
    "Joined on",
    "Vetting level",
    "Vetting expires on",
]
GOOD = [
    ["Siân", "O'Brien", "Sian.OBrien@example.org", "21/03/1985", "07700 900123", "Hatfield",
     "al10 9ab", "Welwyn Hatfield", "Special Constabulary", "Active", "01/06/2022", "NPPV2",
     "15/05/2027"],
    ["Tom", "Reid", "tom.reid@example.org", "1990-07-04", "", "Stevenage", "SG1 2AB",
     "stevenage", "special-constabulary", "Training", "", "", ""],
    ["Amy", "Cole", "amy.cole@example.org", "04/11/1979", "", "", "", "", "Special Constabulary",
     "Left", "02/02/2015", "", ""],
]  # fmt: skip


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADINGS, *rows])
    return out.getvalue().encode("utf-8")


@pytest.fixture(autouse=True)
def _tasks_run_after_commit(monkeypatch):
    """The pages queue the work once their change is committed; run it there and then."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda callback, using=None: callback())


def _upload(client, content: bytes, name="specials.csv"):
    response = client.post(
        reverse("volunteers:import-start"), {"spreadsheet": SimpleUploadedFile(name, content)}
    )
    return PeopleImport.objects.latest("pk"), response


def _bring_in(client, upload):
    return client.post(reverse("volunteers:import-confirm", args=[upload.pk]))


def _written():
    return (
        Volunteer.objects.count(),
        Membership.objects.count(),
        Vetting.objects.count(),
        AuditEvent.objects.count(),
    )


def test_bad_rows_write_nothing_the_fixed_file_writes_all_and_again_changes_nothing(
    client_for, coordinator_x, staff
):
    client = client_for("coordinator_x")
    before = _written()
    unvetted = [*GOOD[0][:11], "", ""]  # a coordinator does not record vetting
    bad = [
        unvetted,
        ["Tom", "Reid", "tom.reid@", "31/02/1990", "12345", "", "SG1", "Narnia",
         "Special Constabulary", "Sleeping", "", "NPPV9", ""],
        [*GOOD[2][:8], "Volunteer Police Cadets", "Left", "", "", ""],
        unvetted,
    ]  # fmt: skip
    upload, response = _upload(client, _csv(bad))
    assert response.url == reverse("volunteers:import-detail", args=[upload.pk])
    page = text_of(client.get(response.url))
    assert "3 rows to fix before anyone is brought in" in page
    assert "Row 3 (Tom Reid)" in page
    problems = dict(upload_problems(upload))
    assert problems[3] == [
        "E-mail “tom.reid@” is not an e-mail address.",
        people_import.NOT_A_DATE.format(heading="Date of birth", value="31/02/1990"),
        "Phone: Enter a UK phone number, like 01707 123456 or 07700 900123.",
        "Postcode: Enter a full UK postcode, like AL10 9AB.",
        people_import.NO_SUCH.format(
            heading="District", value="Narnia", choices="the county's districts"
        ),
        people_import.NO_SUCH.format(
            heading="Status",
            value="Sleeping",
            choices="Applied, Vetting, Training, Active, Paused, Left",
        ),
        people_import.VETTING_BY_STAFF,
        people_import.NO_SUCH.format(
            heading="Vetting level", value="NPPV9", choices="RV, MV, NPPV1, NPPV2 or NPPV3"
        ),
    ]
    assert problems[4] == [
        people_import.NOT_YOURS.format(scheme="Volunteer Police Cadets"),
        people_import.JOINED_NEEDED.format(status="left"),
    ]
    assert problems[5] == [people_import.SAME_PLACE.format(row=2)]
    assert _bring_in(client, upload).status_code == 302
    assert _written() == before  # a file with problems cannot be brought in
    assert PeopleImport.objects.get(pk=upload.pk).rows == []  # nor kept

    client = client_for("staff")  # OPCC staff, who record vetting too
    fixed, _ = _upload(client, _csv(GOOD))
    ready = text_of(client.get(fixed.get_absolute_url()))
    assert "Every row is ready" in ready and "3 rows, 0 of them for someone already here" in ready
    assert "Siân O'Brien Sian.OBrien@example.org Special Constabulary Active" in ready
    _bring_in(client, fixed)
    fixed.refresh_from_db()
    assert fixed.status == PeopleImport.Status.DONE
    assert fixed.counts() == {"created": 3}
    sian = Volunteer.objects.get(email="sian.obrien@example.org")
    assert (sian.postcode, sian.district.slug, sian.phone) == (
        "AL10 9AB",
        "welwyn-hatfield",
        "07700900123",
    )
    membership = sian.memberships.get()
    assert (membership.status, membership.joined_on) == ("active", date(2022, 6, 1))
    assert sian.vettings.get().expires_on == date(2027, 5, 15)
    assert Membership.objects.get(volunteer__email="amy.cole@example.org").status == "left"
    assert (
        AuditEvent.objects.filter(summary__startswith="Brought in from specials.csv").count() == 3
    )
    after_first = _written()

    again, _ = _upload(client, _csv(GOOD))
    _bring_in(client, again)
    again.refresh_from_db()
    assert again.counts() == {"unchanged": 3}
    assert _written() == after_first
    report = client.get(reverse("volunteers:import-report", args=[again.pk]))
    lines = b"".join(report.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[1] == "2,sian.obrien@example.org,unchanged,"


def upload_problems(upload):
    upload.refresh_from_db()
    return [(number, found) for number, found, _ in upload.problems]


def test_someone_already_here_keeps_their_details_and_only_gaps_are_filled(
    client_for, staff, scheme_x
):
    person = f.make_volunteer(
        email="Sian.OBrien@example.org",  # matched whatever its case
        first_name="Siân",
        last_name="O'Brien",
        date_of_birth=date(1985, 3, 21),
        phone="",
    )
    kept_town = person.town
    upload, _ = _upload(client_for("staff"), _csv(GOOD[:1]))
    _bring_in(client_for("staff"), upload)
    person.refresh_from_db()
    assert person.town == kept_town and person.phone == "07700900123"
    upload.refresh_from_db()
    assert upload.counts() == {"updated": 1}
    assert person.memberships.get(scheme=scheme_x).status == "active"


def test_an_xlsx_with_real_dates_is_read_like_the_csv(client_for, staff):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADINGS)
    row = list(GOOD[0])
    row[3], row[10], row[12] = date(1985, 3, 21), date(2022, 6, 1), date(2027, 5, 15)
    sheet.append(row)
    content = io.BytesIO()
    book.save(content)
    client = client_for("staff")
    upload, _ = _upload(client, content.getvalue(), name="specials.xlsx")
    assert upload.status == PeopleImport.Status.CHECKED
    _bring_in(client, upload)
    person = Volunteer.objects.get(email="sian.obrien@example.org")
    assert person.date_of_birth == date(1985, 3, 21)


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_why(client_for, staff):
    client = client_for("staff")
    response = client.post(
        reverse("volunteers:import-start"),
        {"spreadsheet": SimpleUploadedFile("people.csv", b"Name,Email\nAnn,ann@example.org\n")},
    )
    assert response.status_code == 200
    assert "needs a column headed “First name”, “Last name”, “Date of birth”, “Scheme”" in (
        text_of(response)
    )
    assert not PeopleImport.objects.exists()


def test_the_progress_the_page_polls(client_for, staff):
    client = client_for("staff")
    upload, _ = _upload(client, _csv(GOOD))
    state = client.get(reverse("volunteers:import-progress", args=[upload.pk])).json()
    assert state == {
        "status": "checked",
        "label": "Checked: ready to bring in",
        "done": 3,
        "total": 3,
        "percent": 100,
        "busy": False,
    }


def test_someone_brought_in_finds_their_record_when_they_sign_up_and_the_reverse(client_for, staff):
    from allauth.account.adapter import get_adapter
    from allauth.account.models import EmailAddress
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    from volunteers.models import User

    earlier = f.make_user(email="tom.reid@example.org")  # signed up before the import
    assert EmailAddress.objects.filter(user=earlier, verified=True).exists()
    upload, _ = _upload(client_for("staff"), _csv(GOOD))
    _bring_in(client_for("staff"), upload)
    assert Volunteer.objects.get(email="tom.reid@example.org").user == earlier

    later = User.objects.create_user(email="sian.obrien@example.org", password="x-long-Pass-9")
    address = EmailAddress.objects.create(user=later, email=later.email, verified=False)
    request = RequestFactory().get("/")
    request.session = {}
    request._messages = CookieStorage(request)  # as the confirmation page has them
    assert get_adapter().confirm_email(request, address)
    sian = Volunteer.objects.get(email="sian.obrien@example.org")
    assert sian.user == later and Volunteer.objects.filter(email=later.email).count() == 1
    assert AuditEvent.objects.filter(volunteer=sian, summary__contains="now theirs").exists()


def test_bringing_in_twice_starts_it_once(client_for, staff, monkeypatch):
    from volunteers import import_views

    started = []
    client = client_for("staff")
    upload, _ = _upload(client, _csv(GOOD))  # checked, ready to bring in
    monkeypatch.setattr(import_views, "_run", lambda task, upload, user: started.append(upload.pk))
    for _ in range(2):
        _bring_in(client, upload)
    assert started == [upload.pk]
    upload.refresh_from_db()
    assert upload.status == PeopleImport.Status.WRITING


def test_the_template_s_example_is_a_well_formed_row_that_is_never_brought_in(client_for, staff):
    client = client_for("staff")
    template = client.get(reverse("volunteers:import-template"))
    upload, _ = _upload(client, b"".join(template.streaming_content), name="template.csv")
    assert upload_problems(upload) == [(2, [people_import.THE_EXAMPLE])]  # and only that


def test_no_one_is_drawn_in_by_a_coordinator_who_cannot_see_them_nor_taken_for_another(
    client_for, coordinator_x, other_volunteer, volunteer
):
    cadet_leader, special = other_volunteer.volunteer, volunteer.volunteer
    rows = [
        [cadet_leader.first_name, cadet_leader.last_name, cadet_leader.email, "01/01/1980",
         "", "", "", "", "Special Constabulary", "Active", "01/06/2022", "", ""],
        ["Someone", "Else", special.email, "01/01/1980", "", "", "", "",
         "Special Constabulary", "Active", "01/06/2022", "", ""],
        ["Kai", "Young", "kai.young@example.org", years_ago(15), "", "", "", "",
         "Special Constabulary", "Applied", "", "", ""],
    ]  # fmt: skip
    upload, _ = _upload(client_for("coordinator_x"), _csv(rows))
    problems = dict(upload_problems(upload))
    assert problems == {
        2: [people_import.NOT_IN_VIEW],
        3: [people_import.SOMEONE_ELSE],
        4: [people_import.GUARDIAN_NEEDED],
    }
    assert not cadet_leader.memberships.filter(scheme__slug="special-constabulary").exists()


def test_bringing_in_runs_once_however_often_the_task_is_delivered(client_for, staff):
    from volunteers.tasks import write_people_import

    client = client_for("staff")
    upload, _ = _upload(client, _csv(GOOD))
    _bring_in(client, upload)
    written = _written()
    write_people_import(upload.pk, staff.pk)  # the broker delivers it again
    upload.refresh_from_db()
    assert upload.counts() == {"created": 3} and _written() == written


def years_ago(years: int) -> str:
    from django.utils import timezone

    from volunteers.dates import years_before

    return f"{years_before(timezone.localdate(), years):%d/%m/%Y}"


def test_a_file_too_long_is_refused_having_read_no_more_than_it_needs(
    client_for, staff, monkeypatch
):
    monkeypatch.setattr(people_import, "MAX_ROWS", 2)
    response = client_for("staff").post(
        reverse("volunteers:import-start"),
        {"spreadsheet": SimpleUploadedFile("many.csv", _csv(GOOD))},
    )
    assert "split it into smaller files" in text_of(response)
    assert not PeopleImport.objects.exists()
