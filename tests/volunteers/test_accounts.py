"""Signing up and in: e-mail as the login, verified e-mail, MFA for staff, rate limits,
security e-mails, and the admin behind allauth's sign-in."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests import factories as f
from volunteers.adapters import MfaAdapter
from volunteers.middleware import MFA_NEEDED
from volunteers.models import User

pytestmark = pytest.mark.django_db


def test_sign_up_confirm_email_then_tell_us_your_details(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "Priya.Shah@Example.org",
            "password1": "a-long-Pass-phrase-9",
            "password2": "a-long-Pass-phrase-9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "priya.shah@example.org"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    # Not verified yet: signing in is not possible.
    assert client.get(reverse("volunteers:portal")).status_code == 302
    response = client.post(link.split("testserver")[1])
    assert response.status_code == 302
    assert client.get(reverse("volunteers:portal")).status_code == 200
    assert "Tell us your details" in client.get(reverse("volunteers:portal")).content.decode()


def sign_in(client, email, password="correct-horse-battery"):
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    assert response.status_code == 302
    return response


def new_coordinator(scheme_obj, email):
    user = f.make_user(email=email)
    f.make_membership(f.make_volunteer(user=user), scheme_obj, role="coordinator")
    return user


def test_coordinator_without_mfa_is_sent_to_set_it_up_first(client, scheme_x):
    new_coordinator(scheme_x, "new.coord@example.org")
    response = sign_in(client, "new.coord@example.org")
    assert response.url == reverse("volunteers:after-login")
    response = client.get(reverse("volunteers:people-list"))
    assert response.url == reverse("mfa_activate_totp")
    # allauth asks for the password once more before any change to MFA.
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert MFA_NEEDED in response.content.decode().replace("&#x27;", "'")
    # Their account pages stay open, so they are never stuck.
    assert client.get(reverse("account_change_password")).status_code == 200


# Committed for real, so allauth's security e-mail goes out inside the request, as live.
@pytest.mark.django_db(transaction=True)
def test_setting_up_totp_opens_the_staff_pages(client, scheme_x):
    user = new_coordinator(scheme_x, "new.coord@example.org")
    sign_in(client, "new.coord@example.org")
    response = client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
    assert response.status_code == 302
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    code = f.totp_code(secret)
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    # A security e-mail tells them an authenticator was added to their account.
    assert [m.to for m in mail.outbox] == [["new.coord@example.org"]]
    assert "authenticator" in mail.outbox[0].subject.lower()
    assert client.get(reverse("volunteers:people-list")).status_code == 200
    # They cannot switch it off again while their role needs it.
    authenticator = Authenticator.objects.get(user=user, type="totp")
    assert MfaAdapter().can_delete_authenticator(authenticator) is False


def test_volunteers_are_not_asked_for_mfa(client_for):
    assert client_for("volunteer").get(reverse("volunteers:portal")).status_code == 200


def test_the_demo_can_lift_the_mfa_requirement(client, settings, scheme_x):
    settings.REQUIRE_STAFF_MFA = False
    user = f.make_user()
    f.make_membership(f.make_volunteer(user=user), scheme_x, role="coordinator")
    client.force_login(user)
    assert client.get(reverse("volunteers:people-list")).status_code == 200


def test_staff_sign_in_asks_for_the_authenticator_code(client):
    f.make_staff(email="opcc.person@example.org")
    response = sign_in(client, "opcc.person@example.org")
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("volunteers:people-list")).status_code == 302


def test_failed_sign_ins_are_rate_limited(client):
    f.make_user(email="target@example.org")
    for _ in range(6):
        response = client.post(
            reverse("account_login"), {"login": "target@example.org", "password": "wrong-password"}
        )
        assert response.status_code in {200, 429}
    page = client.post(
        reverse("account_login"),
        {"login": "target@example.org", "password": "correct-horse-battery"},
    )
    assert "Too many failed login attempts" in page.content.decode()
    assert not page.wsgi_request.user.is_authenticated


def test_password_change_sends_a_security_email(client):
    user = f.make_user(email="careful@example.org")
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "correct-horse-battery",
            "password1": "a-new-Pass-phrase-7",
            "password2": "a-new-Pass-phrase-7",
        },
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["careful@example.org"]]
    assert "password" in mail.outbox[0].subject.lower()


def test_admin_sign_in_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_volunteer_cannot_reach_the_admin(client_for):
    response = client_for("volunteer").get(reverse("admin:index"))
    assert response.status_code == 302
    assert "admin/login" in response.url


def test_one_persons_failed_sign_ins_do_not_lock_out_colleagues_behind_the_same_address():
    """A shared office network: five wrong passwords for one account from the address make
    that account wait there, while a colleague at the next desk signs in as usual."""
    f.make_user(email="typo.prone@example.org")
    f.make_user(email="colleague@example.org")
    office, home = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(5):
        office.post(
            reverse("account_login"),
            {"login": "typo.prone@example.org", "password": "wrong-password"},
        )
    right = {"login": "typo.prone@example.org", "password": "correct-horse-battery"}
    blocked = office.post(reverse("account_login"), right)
    assert "Too many failed login attempts" in blocked.content.decode()
    colleague = Client(REMOTE_ADDR="203.0.113.7").post(
        reverse("account_login"),
        {"login": "colleague@example.org", "password": "correct-horse-battery"},
    )
    assert colleague.status_code == 302 and colleague.wsgi_request.user.is_authenticated
    elsewhere = home.post(reverse("account_login"), right)
    assert elsewhere.status_code == 302 and elsewhere.wsgi_request.user.is_authenticated


def test_the_confirmation_e_mail_speaks_for_the_force_not_a_developer(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "new.person@example.org",
            "password1": "a-long-Pass-phrase-9",
            "password2": "a-long-Pass-phrase-9",
        },
    )
    message = mail.outbox[-1]
    assert message.to == ["new.person@example.org"]
    assert "Hello from" not in message.body and "Thank you for using" not in message.body
    assert "Citizens in Policing team" in message.body
    assert message.subject == "Citizens in Policing Hub: Please confirm your e-mail address"


def test_the_only_address_cannot_be_removed_and_the_page_speaks_our_words(client_for, volunteer):
    from allauth.account.models import EmailAddress

    client = client_for("volunteer")
    EmailAddress.objects.update_or_create(
        user=volunteer, email=volunteer.email, defaults={"primary": True, "verified": True}
    )
    page = client.get(reverse("account_email")).content.decode()
    assert "Your e-mail addresses" in page and "Email Addresses" not in page
    assert "Your main address" in page and "Make Primary" not in page
    assert 'name="action_remove"' not in page  # nothing to remove beside the only address
    refused = client.post(
        reverse("account_email"), {"email": volunteer.email, "action_remove": ""}, follow=True
    )
    assert "You cannot remove your main address" in refused.content.decode()
    assert EmailAddress.objects.filter(user=volunteer, email=volunteer.email).exists()
    EmailAddress.objects.create(user=volunteer, email="sian.new@example.org", verified=True)
    both = client.get(reverse("account_email")).content.decode()
    assert both.count('name="action_remove"') == 1  # only beside the second address
    assert "Make this my main address" in both
    client.post(reverse("account_email"), {"email": "sian.new@example.org", "action_primary": ""})
    volunteer.refresh_from_db()
    assert volunteer.email == "sian.new@example.org"


def test_creating_an_account_is_one_narrow_form_in_our_words(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "<h1>Create an account</h1>" in page and "Sign Up" not in page
    assert 'class="container py-4 entrance"' in page  # the narrow column (site.css)
    assert "Create my account" in page


def test_a_forgotten_password_is_reset_in_our_words(client, volunteer):
    asked = client.get(reverse("account_reset_password")).content.decode()
    assert "<h1>Forgotten your password</h1>" in asked and "Reset My Password" not in asked
    done = client.post(
        reverse("account_reset_password"), {"email": volunteer.email}, follow=True
    ).content.decode()
    assert "Check your e-mail" in done
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[-1].body)
    page = client.get(link.group(0).split("testserver")[1], follow=True)
    assert "Choose a new password" in page.content.decode()
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.group(0)
    saved = client.post(
        form_url, {"password1": "a-new-Pass-phrase-7", "password2": "a-new-Pass-phrase-7"},
        follow=True,
    )  # fmt: skip
    assert "Your password is changed" in saved.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.check_password("a-new-Pass-phrase-7")
