from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from . import permissions

MFA_NEEDED = (
    "Your role gives you access to other people's records, so you need to set up an "
    "authenticator app before you continue."
)


class RequireMfaMiddleware:
    """Send OPCC staff, coordinators and employer users to MFA set-up before anything else.

    Their account pages (sign out, set up MFA, change password) stay reachable, so they are
    never stuck. `REQUIRE_STAFF_MFA=false` lifts this for a local demo only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            messages.warning(request, MFA_NEEDED)
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up_mfa(self, request) -> bool:
        if not settings.REQUIRE_STAFF_MFA or not request.user.is_authenticated:
            return False
        account_pages = reverse("account_login").removesuffix("login/")
        if request.path.startswith((account_pages, settings.STATIC_URL)):
            return False
        if not permissions.requires_mfa(request.user):
            return False
        return not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()


class NoStoreForSignedInMiddleware:
    """Pages shown to a signed-in person carry personal data: no browser or proxy keeps them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


UNREADABLE = "Part of the address or form could not be read, so it was left out."


class DropUnreadableInputMiddleware:
    """A query or form value holding a NUL character is dropped before any view reads it:
    no database stores one, and no person types one. The page then answers as if the value
    were missing (its default, or "this field is required") and says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        dropped = False
        for name in ("GET", "POST"):
            values = getattr(request, name)
            bad = [key for key, items in values.lists() if _unreadable(key, items)]
            if bad:
                cleaned = values.copy()
                for key in bad:
                    del cleaned[key]
                cleaned._mutable = False
                setattr(request, name, cleaned)
                dropped = True
        if dropped:
            messages.warning(request, UNREADABLE)
        return self.get_response(request)


def _unreadable(key: str, items: list) -> bool:
    return "\x00" in key or any(isinstance(item, str) and "\x00" in item for item in items)
