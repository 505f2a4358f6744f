"""Employer Supported Policing: the public sign-up end to end, duplicates, bad input,
bots, and the staff review lifecycle."""

import re
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from esp.models import Employer, EmployerAccount, Engagement
from tests import factories as f
from tests.pages import text_of
from volunteers.permissions import requires_mfa

pytestmark = pytest.mark.django_db
JOIN = reverse("esp:join")


def form_data(**overrides):
    data = {
        "name": "Hatfield Hardware Ltd",
        "company_number": "01234567",
        "sector": "retail",
        "size_band": "10-49",
        "address_line_1": "2 Town Centre",
        "town": "Hatfield",
        "postcode": "al10 0jg",
        "contact_name": "Priya Shah",
        "contact_role": "Owner",
        "contact_email": "Priya@HatfieldHardware.example",
        "contact_phone": "01707 123456",
        "paid_leave_hours": "40",
        "paid_leave_per": "year",
        "paid_for_training": "on",
        "unpaid_for_emergencies": "on",
        "pledged_hours": "60",
        "list_publicly": "on",
        "password1": "a-long-enough-passphrase",
        "password2": "a-long-enough-passphrase",
    }
    data.update(overrides)
    return data


def test_a_business_signs_up_and_confirms_its_contacts_e_mail(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN, form_data(), follow=True)
    assert "Thank you, Hatfield Hardware Ltd" in text_of(response)
    employer = Employer.objects.get()
    assert (employer.status, employer.postcode, employer.contact_email) == (
        "pending",
        "AL10 0JG",
        "priya@hatfieldhardware.example",
    )
    assert employer.support_offered() == [
        "40 hours' paid leave a year for training",
        "unpaid leave for emergencies",
    ]
    account = EmployerAccount.objects.get()
    assert account.employer == employer and requires_mfa(account.user)
    assert not EmailAddress.objects.get(user=account.user).verified
    (message,) = mail.outbox
    assert message.to == ["priya@hatfieldhardware.example"]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(user=account.user).verified


def test_bad_input_keeps_everything_typed_and_says_what_is_wrong(client):
    response = client.post(
        JOIN,
        form_data(
            postcode="ZZ9 9ZZZ",
            contact_phone="12345",
            password2="something else",
            paid_leave_hours="0",
        ),
    )
    page = text_of(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert "Enter a full UK postcode" in page and "Enter a UK phone number" in page
    assert "The two passwords are different." in page
    assert "Say how many hours of paid leave you offer." in page
    assert 'value="Hatfield Hardware Ltd"' in response.content.decode()
    assert not Employer.objects.exists()


def test_the_same_organisation_again_is_flagged_as_a_possible_duplicate(client):
    client.post(JOIN, form_data())
    client.post(
        JOIN,
        form_data(
            name="Hatfield Hardware",
            company_number="",
            contact_email="accounts@hatfieldhardware.example",
        ),
    )
    first, second = Employer.objects.order_by("pk")
    assert second.possible_duplicate_of == first
    page = text_of(client.get(JOIN))  # the public page says nothing about it
    assert "duplicate" not in page
    client.post(
        JOIN,
        form_data(name="Corner Café", company_number="", contact_email="corner.cafe@gmail.com"),
    )
    assert Employer.objects.get(name="Corner Café").possible_duplicate_of is None


def test_an_address_already_in_use_is_refused_with_a_way_forward(client):
    client.post(JOIN, form_data())
    again = client.post(JOIN, form_data(name="Another name", company_number="12345678"))
    assert "An account already uses this e-mail address." in text_of(again)
    assert Employer.objects.count() == 1


def test_bots_that_fill_the_honeypot_create_nothing(client):
    response = client.post(JOIN, form_data(website="https://spam.example"), follow=True)
    assert "Thank you" in text_of(response)
    assert not Employer.objects.exists()


def test_the_form_is_rate_limited_but_fixing_mistakes_never_counts(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "esp_join": "2/h/ip"}
    for _ in range(3):
        client.post(JOIN, form_data(postcode="x"))  # mistakes: shown, not counted
    for n in range(2):
        done = client.post(JOIN, form_data(name=f"Firm {n}", contact_email=f"a{n}@firm{n}.example"))
        assert done.status_code == 302
    blocked = client.post(JOIN, form_data(contact_email="third@firm3.example"))
    assert blocked.status_code == 429
    assert "several sign-ups from your connection" in text_of(blocked)
    assert Employer.objects.count() == 2


def test_staff_take_an_employer_from_pending_to_active_and_lapsed(
    client_for, staff, django_capture_on_commit_callbacks
):
    employer = f.make_employer()
    client = client_for("staff")
    url = reverse("esp:employer-status", args=[employer.pk])
    missing = client.post(url, {"status": "approved", "reason": "Agreement received"})
    assert "Give the date the agreement was signed" in text_of(missing)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "status": "approved",
                "reason": "Agreement received",
                "agreement_signed_on": "2026-11-02",
                "agreement_signed_by": "Priya Shah, Owner",
            },
        )
    assert mail.outbox[-1].to == ["priya@hatfieldhardware.example"]
    assert "Memorandum of Agreement is in place" in mail.outbox[-1].body
    client.post(url, {"status": "active", "reason": "First Special linked"})
    employer.refresh_from_db()
    assert employer.status == "active" and employer.agreement_signed_on == date(2026, 11, 2)
    wrong = client.post(url, {"status": "approved", "reason": "Again"})
    assert wrong.status_code == 200 and not employer.status_changes.filter(reason="Again")
    client.post(url, {"status": "lapsed", "reason": "Business closed"})
    history = [(h.to_status, h.reason) for h in employer.status_changes.order_by("pk")]
    assert history == [
        ("approved", "Agreement received"),
        ("active", "First Special linked"),
        ("lapsed", "Business closed"),
    ]
    assert history[-1][1] in text_of(client.get(reverse("esp:employer-detail", args=[employer.pk])))


def test_the_public_list_shows_only_listed_approved_employers(client):
    for name, status, listed in [
        ("Listed Ltd", "active", True),
        ("Private Ltd", "active", False),
        ("Pending Ltd", "pending", True),
    ]:
        f.make_employer(name=name, status=status, list_publicly=listed)
    page = text_of(client.get(reverse("esp:participating")))
    assert "Listed Ltd" in page and "Private Ltd" not in page and "Pending Ltd" not in page


def test_staff_filter_and_download_employers_and_record_engagement(client_for, staff):
    f.make_employer(status="active")
    client = client_for("staff")
    assert "1 employer" in text_of(client.get(reverse("esp:employers"), {"sector": "retail"}))
    assert "0 employers" in text_of(client.get(reverse("esp:employers"), {"sector": "health"}))
    csv = b"".join(client.get(reverse("esp:employers-export")).streaming_content).decode()
    assert "Hatfield Hardware Ltd,Active,Retail and hospitality" in csv
    client.post(
        reverse("esp:engagements"),
        {
            "organisation": "Hatfield Hardware Ltd",
            "sector": "retail",
            "kind": "meeting",
            "happened_on": "2026-10-12",
            "outcome": "Signed up",
        },
    )
    engagement = Engagement.objects.get()
    assert engagement.employer.name == "Hatfield Hardware Ltd" and engagement.recorded_by == staff
