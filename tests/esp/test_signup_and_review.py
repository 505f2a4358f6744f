"""Employer Supported Policing: the public sign-up end to end, duplicates, bad input,
bots, and the staff review lifecycle."""

import re
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password
from django.core import mail
from django.urls import reverse

from esp import services
from esp.models import Employer, EmployerAccount, Engagement
from tests import factories as f
from tests.pages import text_of
from volunteers.permissions import requires_mfa

pytestmark = pytest.mark.django_db
JOIN = reverse("esp:join")
CHECK = reverse("esp:join-check")


def sign_up(client, *, follow=False, **overrides):
    """Answer every page, then press the button on "Check your answers"."""
    f.answer_sign_up_pages(client, f.sign_up_answers(**overrides))
    return client.post(CHECK, follow=follow)


def test_a_business_signs_up_and_confirms_its_contacts_e_mail(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, follow=True)
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
    assert account.user.check_password("a-long-enough-passphrase")
    assert not EmailAddress.objects.get(user=account.user).verified
    (message,) = mail.outbox
    assert message.to == ["priya@hatfieldhardware.example"]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(user=account.user).verified


def test_one_topic_a_page_then_check_your_answers_and_change_one(client):
    assert client.get(reverse("esp:join-support")).url == JOIN  # no skipping ahead
    f.answer_sign_up_pages(client, f.sign_up_answers())
    assert not Employer.objects.exists()  # nothing is made before the last page
    check = text_of(client.get(CHECK))
    assert "Hatfield Hardware Ltd" in check and "Retail and hospitality, 10 to 49 staff" in check
    assert "40 hours' paid leave a year for training" in check
    assert "a-long-enough-passphrase" not in check
    # Change one answer: the page shows what was given, and goes back to the check page.
    change = client.get(reverse("esp:join-you") + "?change=1")
    assert 'value="Priya Shah"' in change.content.decode()
    assert "Back to your answers" in text_of(change)
    back = client.post(
        reverse("esp:join-you") + "?change=1",
        {**f.sign_up_answers(), "contact_name": "Priya Shah-Evans"},
    )
    assert back.url == CHECK
    assert "Priya Shah-Evans, Owner" in text_of(client.get(CHECK))
    client.post(CHECK)
    assert Employer.objects.get().contact_name == "Priya Shah-Evans"


def test_the_password_is_kept_between_pages_only_as_a_hash(client):
    f.answer_sign_up_pages(client, f.sign_up_answers())
    assert "a-long-enough-passphrase" not in str(dict(client.session.items()))
    assert check_password("a-long-enough-passphrase", client.session["esp_join"]["password_hash"])


def test_bad_input_keeps_everything_typed_and_says_what_is_wrong(client):
    cases = [
        (
            JOIN,
            {"postcode": "ZZ9 9ZZZ"},
            "Enter a full UK postcode",
            'value="Hatfield Hardware Ltd"',
        ),
        (
            reverse("esp:join-you"),
            {"contact_phone": "12345"},
            "Enter a UK phone number",
            'value="Owner"',
        ),
        (
            reverse("esp:join-support"),
            {"paid_leave_hours": "0"},
            "Say how many hours of paid leave you offer.",
            'name="pledged_hours" value="60"',
        ),
        (
            reverse("esp:join-account"),
            {"password2": "something else"},
            "The two passwords are different.",
            "",
        ),
    ]
    for url, bad, message, kept in cases:
        response = client.post(url, f.sign_up_answers(**bad))
        page = text_of(response)
        assert response.status_code == 200 and "There is a problem" in page, url
        assert message in page and kept in response.content.decode()
        assert (
            client.post(url, f.sign_up_answers()).status_code == 302
        )  # fixed: on to the next page
    assert not Employer.objects.exists()


def test_the_same_organisation_again_is_flagged_as_a_possible_duplicate(client):
    sign_up(client)
    sign_up(
        client,
        name="Hatfield Hardware",
        company_number="",
        contact_email="accounts@hatfieldhardware.example",
    )
    first, second = Employer.objects.order_by("pk")
    assert second.possible_duplicate_of == first
    page = text_of(client.get(JOIN))  # the public page says nothing about it
    assert "duplicate" not in page
    sign_up(client, name="Corner Café", company_number="", contact_email="corner.cafe@gmail.com")
    assert Employer.objects.get(name="Corner Café").possible_duplicate_of is None


def test_bots_that_fill_the_honeypot_create_nothing(client):
    response = client.post(JOIN, f.sign_up_answers(website="https://spam.example"), follow=True)
    assert "Thank you" in text_of(response)
    assert client.get(reverse("esp:join-you")).url == JOIN  # nothing kept either
    assert not Employer.objects.exists()


def test_the_form_is_rate_limited_but_fixing_mistakes_never_counts(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "esp_join": "2/h/ip"}
    for _ in range(3):
        client.post(JOIN, f.sign_up_answers(postcode="x"))  # mistakes: shown, not counted
    for n in range(2):
        done = sign_up(client, name=f"Firm {n}", contact_email=f"a{n}@firm{n}.example")
        assert done.status_code == 302
    blocked = sign_up(client, contact_email="third@firm3.example")
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


def test_the_home_page_leads_employers_to_the_sign_up_and_the_list(client):
    home = client.get(reverse("volunteers:home")).content.decode()
    assert f'href="{reverse("esp:join")}"' in home
    assert f'href="{reverse("esp:participating")}"' in home


def test_staff_decline_an_employer_with_a_reason_and_a_kind_email(
    client_for, staff, django_capture_on_commit_callbacks
):
    employer = f.make_employer()
    client = client_for("staff")
    url = reverse("esp:employer-status", args=[employer.pk])
    detail = text_of(client.get(reverse("esp:employer-detail", args=[employer.pk])))
    assert "Declined" in detail  # offered at review, beside Approve and Lapsed
    no_reason = client.post(url, {"status": "declined", "reason": ""})
    assert "Give the reason; the employer reads it" in text_of(no_reason)
    employer.refresh_from_db()
    assert employer.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": "declined", "reason": "We only sign agreements in Herts"})
    employer.refresh_from_db()
    assert employer.status == "declined" and not employer.is_trusted
    sent = mail.outbox[-1]
    assert sent.to == ["priya@hatfieldhardware.example"]
    assert sent.subject.endswith(
        "Your offer to support the Special Constabulary: Hatfield Hardware Ltd"
    )
    assert sent.body.startswith("Dear Priya Shah,") and sent.body.count("Dear ") == 1
    assert "Thank you for offering to support" in sent.body
    assert "We only sign agreements in Herts" in sent.body
    assert "ask us to look again" in sent.body and "turn off" not in sent.body
    # A declined employer can only be looked at again, not approved straight away.
    again = client.post(
        url,
        {
            "status": "approved",
            "reason": "Changed our mind",
            "agreement_signed_on": "2026-11-02",
            "agreement_signed_by": "Priya Shah",
        },
    )
    assert again.status_code == 200 and "Select a valid choice" in text_of(again)
    employer.refresh_from_db()
    assert employer.status == "declined"


def test_a_declined_employer_asks_the_team_to_look_again(client_for, employer):
    organisation = EmployerAccount.objects.get(user=employer).employer
    organisation.status = "declined"
    organisation.save()
    client = client_for("employer")
    home = text_of(client.get(reverse("esp:employer-home")))
    assert "Ask the team to look again" in home
    client.post(reverse("esp:employer-look-again"))
    organisation.refresh_from_db()
    assert organisation.status == "pending"
    change = organisation.status_changes.get()
    assert (change.changed_by, change.reason) == (employer, services.ASKED_TO_LOOK_AGAIN)
    again = client.post(reverse("esp:employer-look-again"), follow=True)
    assert "not waiting for another look" in text_of(again)
