"""allauth customisation: who must keep MFA."""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings

from . import permissions


class MfaAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Someone who must use MFA cannot switch off their authenticator app."""
        if authenticator.type != Authenticator.Type.TOTP:
            return True
        return not (settings.REQUIRE_STAFF_MFA and permissions.requires_mfa(authenticator.user))
