"""What anyone can reach without signing in: no page says whether an address has an
account, and every public form is rate-limited (finding 4 of the security issue). The
rules are volunteers.throttle.public_form and esp.services.sign_up."""

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from esp.models import Employer
from tests import factories as f
from tests.pages import text_of
from volunteers.models import User
from volunteers.throttle import TOO_MANY

pytestmark = pytest.mark.django_db

# Public pages that take no form: nothing to count.
READ_ONLY = {
    "health",
    "favicon",
    "volunteers:home",
    "volunteers:accessibility",
    "esp:join-thanks",
    "esp:participating",
    "schemes:roles",  # read-only (require_safe): applying needs an account
    "schemes:role",
    "schemes:roles-atom",
    "schemes:roles-json",
    "schemes:roles-for-partners",
    "schemes:calendar-feed",  # its long secret token is the only key
}


def _views(resolver, namespace=None):
    """(name, view) of every named URL pattern."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if namespace and inner:
                inner = f"{namespace}:{inner}"
            yield from _views(pattern, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern.callback


def _public_views() -> dict:
    """Our pages open without signing in. allauth's (sign-in, sign-up, password reset) keep
    their own limits in ACCOUNT_RATE_LIMITS; the admin's sign-in hands over to allauth's."""
    return {
        name: view
        for name, view in _views(get_resolver())
        if getattr(view, "login_required", True) is False
        and not name.startswith(("admin:", "account_", "mfa_"))
    }


def test_every_public_page_that_takes_a_form_is_rate_limited():
    public = _public_views()
    assert "esp:join" in public and "volunteers:home" in public
    unlimited = [
        name
        for name, view in public.items()
        if name not in READ_ONLY and not getattr(view, "rate_limited", None)
    ]
    assert unlimited == []


def test_the_employer_sign_up_never_says_an_address_has_an_account(
    client, django_capture_on_commit_callbacks
):
    child = User.objects.create_user(email="cadet.child@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        answers = f.sign_up_answers(contact_email="Cadet.Child@example.org")
        f.answer_sign_up_pages(client, answers)
        taken = client.post(reverse("esp:join-check"), follow=True)
    assert "Thank you" in text_of(taken) and "An account already" not in text_of(taken)
    assert not Employer.objects.exists()
    assert User.objects.filter(email__iexact=child.email).count() == 1
    told = [m for m in mail.outbox if m.to == ["cadet.child@example.org"]]
    assert len(told) == 1 and "already has an account with us" in told[0].body


def test_each_page_of_the_employer_sign_up_is_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "esp_join_step": "3/h/ip"}
    for _ in range(3):
        assert client.post(reverse("esp:join"), {"name": ""}).status_code == 200
    blocked = client.post(reverse("esp:join"), {"name": ""})
    assert blocked.status_code == 429 and TOO_MANY in text_of(blocked)
    assert resolve(reverse("esp:join")).func.rate_limited == "esp_join_step"
