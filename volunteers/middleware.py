import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
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


LAST_ACTIVE = "cip_last_active"  # in the session: when this person last sent a request
ACTIVE_WRITE_EVERY = 30  # seconds: the session is saved at most this often for it


def idle_limit(user) -> int | None:
    """Seconds without a request after which this person's session ends: the staff limit
    for anyone who sees other people's records (those who must use MFA), else none (a
    volunteer's session ends when the browser closes or after SESSION_COOKIE_AGE)."""
    if user.is_authenticated and permissions.requires_mfa(user):
        return round(settings.STAFF_IDLE_MINUTES * 60)
    return None


SIGNED_OUT_IDLE = (
    "You were signed out after {minutes} minutes without activity, to keep people's records "
    "safe. Sign in again to carry on where you were."
)


def idle_slack(limit: int) -> int:
    """Seconds the stored time of the last request may lag behind it: the session is saved
    for it at most this often, and the limit is counted from that stored time plus this."""
    return min(ACTIVE_WRITE_EVERY, limit // 6)


PASSIVE = "idle"  # ?idle=1: the page checking whether its session has ended; not activity


class IdleTimeoutMiddleware:
    """End a staff session after STAFF_IDLE_MINUTES without a request. Pages warn a minute
    before (static/js/site.js, which also keeps what was typed if the time runs out), and
    "Stay signed in" calls the keep-alive address. When the time has run out the page
    reloads itself with ?idle=1, which checks without counting as activity, so idle tabs
    never keep each other signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = idle_limit(request.user)
        if limit is not None:
            now = int(time.time())
            slack = idle_slack(limit)
            last = request.session.get(LAST_ACTIVE)
            if last is not None and now - last > limit + slack:
                logout(request)
                messages.info(request, SIGNED_OUT_IDLE.format(minutes=settings.STAFF_IDLE_MINUTES))
                if request.method == "GET":
                    return redirect_to_login(_without_idle(request))
                return redirect("account_login")
            passive = request.GET.get(PASSIVE) == "1"
            if not passive and (last is None or now - last >= slack):
                request.session[LAST_ACTIVE] = now
        return self.get_response(request)


def _without_idle(request) -> str:
    query = request.GET.copy()
    query.pop(PASSIVE, None)
    return request.path + (f"?{query.urlencode()}" if query else "")
