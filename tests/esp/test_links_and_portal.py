"""A Special's link to their employer, with consent; the employer portal showing only
its own consenting Specials; and the ESP KPIs on known data."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from esp import services
from esp.models import EmployerAccount, EmployerLink
from schemes.kpi_registry import rollup
from schemes.models import KpiSnapshot
from tests import factories as f
from tests.pages import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def employer_client(client_for, employer, email):
    user = f.make_user(email=email)
    f.give_mfa(user)
    user.groups.add(Group.objects.get(name="Employer users"))
    EmployerAccount.objects.create(user=user, employer=employer)
    client = client_for("anonymous")
    client.force_login(user)
    return client


@pytest.fixture
def employers():
    a = f.make_employer(name="Hatfield Hardware Ltd", status="active")
    b = f.make_employer(
        name="Watford Widgets", company_number="87654321", contact_email="hr@widgets.example"
    )
    return a, b


def test_a_special_names_their_employer_and_controls_what_it_sees(
    client_for,
    volunteer,
    employers,
    scheme_x,
    today,
):
    a, _ = employers
    portal = client_for("volunteer")
    form = text_of(portal.get(reverse("esp:my-employer")))
    assert "nothing about you reaches them unless you say so" in form
    both = portal.post(reverse("esp:my-employer"), {"self_employed": "on", "employer": a.pk})
    assert "not both" in text_of(both)
    saved = portal.post(
        reverse("esp:my-employer"), {"employer": a.pk, "shares_hours": "on"}, follow=True
    )
    assert "Hatfield Hardware Ltd will be asked to confirm" in text_of(saved)
    link = EmployerLink.objects.get()
    assert link.shares_hours and link.confirmed_at is None

    hr = employer_client(client_for, a, "hr@hatfieldhardware.example")
    f.make_hours(
        volunteer.volunteer, scheme_x, status="approved", hours=Decimal("6"), worked_on=today
    )
    home = text_of(hr.get(reverse("esp:employer-home")))
    assert "Please confirm" in home and "Siân O'Brien" in home
    assert "None of your staff share their hours with you yet" in home  # not confirmed yet
    hr.post(reverse("esp:employer-confirm", args=[link.pk]))
    home = text_of(hr.get(reverse("esp:employer-home")))
    assert "Siân O'Brien Special Constable 6 h 6 h 0 h 0" in home

    portal.post(reverse("esp:my-consent"), {"shares_hours": "no"})
    after = text_of(hr.get(reverse("esp:employer-home")))
    assert "O'Brien" not in after  # withdrawn: it applies at once
    csv = b"".join(hr.get(reverse("esp:employer-impact-csv")).streaming_content).decode()
    assert "O'Brien" not in csv


def test_one_employer_never_sees_another_employers_specials(client_for, volunteer, employers):
    a, b = employers
    link = services.link(
        actor=volunteer, volunteer=volunteer.volunteer, employer=a, shares_hours=True
    )
    services.confirm_link(actor=None, employer=a, link_pk=link.pk)
    other = employer_client(client_for, b, "boss@widgets.example")
    assert "O'Brien" not in text_of(other.get(reverse("esp:employer-home")))
    confirm = other.post(reverse("esp:employer-confirm", args=[link.pk]))
    assert confirm.status_code == 404
    csv = b"".join(other.get(reverse("esp:employer-impact-csv")).streaming_content).decode()
    assert "O'Brien" not in csv
    pdf = other.get(reverse("esp:employer-impact-pdf"))
    assert pdf.content.startswith(b"%PDF")
    assert client_for("volunteer").get(reverse("esp:employer-home")).status_code == 403


def test_the_employer_keeps_its_details_up_to_date(client_for, employers):
    a, _ = employers
    hr = employer_client(client_for, a, "hr@hatfieldhardware.example")
    bad = hr.post(reverse("esp:employer-details"), {"contact_name": "Priya", "contact_phone": "1"})
    assert "Enter a UK phone number" in text_of(bad)
    hr.post(
        reverse("esp:employer-details"),
        {
            "contact_name": "Priya Shah",
            "contact_role": "Managing director",
            "contact_phone": "01707 654321",
            "paid_leave_hours": "80",
            "paid_leave_per": "year",
            "paid_for_duties": "on",
            "pledged_hours": "100",
        },
    )
    a.refresh_from_db()
    assert (a.contact_role, a.paid_leave_hours, a.pledged_hours) == ("Managing director", 80, 100)


def test_paid_leave_without_its_hours_is_refused_and_keeps_what_was_typed(client_for, employers):
    a, _ = employers
    hr = employer_client(client_for, a, "hr@hatfieldhardware.example")
    before = (a.paid_for_duties, a.paid_leave_hours, a.contact_role)
    form = {
        "contact_name": "Priya Shah",
        "contact_role": "Head of people",
        "contact_phone": "01707 654321",
        "paid_leave_hours": "",
        "paid_leave_per": "year",
        "paid_for_duties": "on",
        "pledged_hours": "100",
    }
    response = hr.post(reverse("esp:employer-details"), form)
    page = text_of(response)
    assert "Say how many hours of paid leave you offer." in page
    assert 'value="Head of people"' in response.content.decode()
    assert 'autocomplete="tel"' in response.content.decode()
    a.refresh_from_db()
    assert (a.paid_for_duties, a.paid_leave_hours, a.contact_role) == before


def test_employer_users_must_set_up_mfa(client_for, employers, settings):
    a, _ = employers
    user = f.make_user(email="new.hr@hatfieldhardware.example")
    user.groups.add(Group.objects.get(name="Employer users"))
    EmployerAccount.objects.create(user=user, employer=a)
    client = client_for("anonymous")
    client.force_login(user)
    response = client.get(reverse("esp:employer-home"))
    assert response.status_code == 302 and "/accounts/2fa/totp/activate" in response.url


def test_esp_kpis_on_known_data(volunteer, employers, scheme_x, today):
    a, b = employers  # a active (retail), b pending
    special = volunteer.volunteer
    special.memberships.update(joined_on=today.replace(day=1))
    services.link(actor=None, volunteer=special, employer=a, shares_hours=False)
    freelancer = f.make_volunteer()
    f.make_membership(freelancer, scheme_x, joined_on=today.replace(day=1))
    services.link(actor=None, volunteer=freelancer, employer=None, shares_hours=False)
    for _ in range(2):
        f.make_membership(f.make_volunteer(), scheme_x, joined_on=today.replace(day=1))
    f.make_hours(
        special,
        scheme_x,
        status="approved",
        hours=Decimal("7.5"),
        kind="esp_release",
        worked_on=today,
    )
    rollup()

    def value(kpi, group=""):
        return KpiSnapshot.objects.get(kpi=kpi, group=group, district=None).value

    assert value("esp_active_employers") == 1 and value("esp_active_employers", "retail") == 1
    assert value("esp_supported_share") == Decimal("25.0")  # 1 of 4 active Specials
    assert value("esp_self_employed") == 1
    assert value("esp_hours_released") == Decimal("7.5")


def test_an_employers_menu_holds_its_own_portal_not_the_volunteers(client_for, employers):
    a, _ = employers
    hr = employer_client(client_for, a, "hr@hatfieldhardware.example")
    page = hr.get(reverse("esp:employer-home")).content.decode()
    assert f'href="{reverse("esp:employer-home")}"' in page
    assert f'href="{reverse("schemes:portal-duties")}"' not in page


def test_an_employer_gets_nobodys_data_until_staff_approve_it(
    client_for, volunteer, employers, scheme_x, today, now
):
    """Finding 5 of the security issue: a look-alike that signed up gets nothing."""
    real, _ = employers
    impostor = f.make_employer(
        name="Hatfield Hardware Ltd",
        company_number="",
        town="Welwyn",
        contact_email="hr@hatfield-hardware.example",
    )
    choices = text_of(client_for("volunteer").get(reverse("esp:my-employer")))
    assert "Hatfield Hardware Ltd (Hatfield, company 01234567)" in choices
    assert "Welwyn" not in choices
    refused = client_for("volunteer").post(
        reverse("esp:my-employer"), {"employer": impostor.pk, "shares_hours": "on"}
    )
    assert refused.status_code == 200 and not EmployerLink.objects.exists()

    # Linked before its status changed (or by hand): still nothing reaches it.
    special = volunteer.volunteer
    EmployerLink.objects.create(
        volunteer=special, employer=impostor, shares_hours=True, confirmed_at=now
    )
    f.make_hours(special, scheme_x, status="approved", worked_on=today)
    hr = employer_client(client_for, impostor, "hr@hatfield-hardware.example")
    home = text_of(hr.get(reverse("esp:employer-home")))
    assert "Siân" not in home and "waiting for review" in home
    csv = b"".join(hr.get(reverse("esp:employer-impact-csv")).streaming_content).decode()
    assert "First name" in csv and "O'Brien" not in csv


def test_the_impact_summary_counts_staff_in_good_grammar():
    from esp.views.portals import _staff_who_serve

    assert _staff_who_serve(1).startswith("1 of your staff serves as a Special Constable")
    assert _staff_who_serve(3).startswith("3 of your staff serve as Special Constables")
    assert _staff_who_serve(0).startswith("None of your staff serve")


def test_the_impact_pdf_carries_the_force_brand_and_the_headline_figures():
    from types import SimpleNamespace

    from esp.views.portals import _impact_figures
    from volunteers.pdf import document_pdf

    one = SimpleNamespace(
        rows=[object()],
        hours=Decimal("12.5"),
        released=Decimal("4"),
        pledged=40,
        training_days=1,
        year_start=date(2026, 1, 1),
    )
    figures = _impact_figures(one)
    assert figures[0] == ("1", "Special Constable on your staff sharing their hours")
    assert figures[2][1] == "on release from work, of the 40 h a year you pledged"
    assert figures[3] == ("1", "day in training")
    many = SimpleNamespace(**{**vars(one), "rows": [object()] * 3, "training_days": 4})
    assert _impact_figures(many)[0] == ("3", "Special Constables on your staff sharing their hours")
    branded = document_pdf(
        heading="Firm: your Special Constables in 2026",
        paragraphs=["Thank you."] * 60,  # long enough for more pages, each with its footer
        title="Impact",
        author="Special Constabulary",
        brand="Hertfordshire Constabulary · Employer Supported Policing",
        figures=figures,
    )
    plain = document_pdf(
        heading="Firm", paragraphs=["Thank you."] * 60, title="Impact", author="Us"
    )
    assert branded.startswith(b"%PDF") and branded.count(b"/Type /Page\n") > 1
    assert len(branded) > len(plain)  # the band, shield, figures and footers are drawn
