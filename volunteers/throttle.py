"""Every public form is rate-limited, by address, in one way: decorate its view with
`public_form(action)`, with the action's limit in settings.ACCOUNT_RATE_LIMITS (allauth's
rate limits, kept in the database cache). allauth's own pages (sign-in, sign-up, password
reset) have their limits there too. tests/test_public_pages.py checks that every page open
without signing in is either read-only or decorated here."""

from functools import wraps

from allauth.core import ratelimit
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

TOO_MANY = (
    "We have had a lot of tries from your connection in a short time. Please wait a few "
    "minutes and try again; what you typed on earlier pages is kept."
)


def public_form(action: str):
    """A page anyone may open without signing in, whose POSTs count against `action`: past
    the limit it answers 429 with a plain message, and nothing typed so far is lost."""

    def decorator(view):
        @login_not_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not ratelimit.consume(request, action=action):
                return render(request, "too_many.html", {"message": TOO_MANY}, status=429)
            return view(request, *args, **kwargs)

        wrapper.rate_limited = action
        return wrapper

    return decorator
