"""allauth customisation: who must keep MFA, and how failed sign-ins are throttled."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.core.internal.ratelimit import get_ip
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings

from . import permissions

# settings.ACCOUNT_RATE_LIMITS holds the three limits this uses.
FAILED_HERE = "login_failed_here"


class AccountAdapter(DefaultAccountAdapter):
    """Failed sign-ins are throttled by account and address together. Five wrong passwords
    for one account from one address make that account wait there for five minutes
    (`login_failed_here`); the address alone is limited only across many accounts (someone
    going down a list), and the account alone only across many addresses (a spread-out
    guess), at limits a shared office's typos never reach (`login_failed`). So one
    person's typos, or someone guessing at one account, never lock out their colleagues."""

    def confirm_email(self, request, email_address) -> bool:
        """Someone staff already have a record of (by hand or from a spreadsheet) finds it
        theirs once they confirm its e-mail address (services.claim_record)."""
        from .services import claim_record

        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            claim_record(email_address.user, email_address.email)
        return confirmed

    def pre_authenticate(self, request, **credentials):
        key = _account_here(request, credentials)
        if not ratelimit.consume(request, action=FAILED_HERE, key=key, dry_run=True):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials):
        ratelimit.consume(request, action=FAILED_HERE, key=_account_here(request, credentials))


def _account_here(request, credentials) -> str:
    login = str(credentials.get("email") or credentials.get("username") or "").lower()
    return f"{get_ip(request)}|{login}"


class MfaAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Someone who must use MFA cannot switch off their authenticator app."""
        if authenticator.type != Authenticator.Type.TOTP:
            return True
        return not (settings.REQUIRE_STAFF_MFA and permissions.requires_mfa(authenticator.user))
