"""Run with production settings (DEBUG off) by tests/test_security_headers.py: sign a
person in over HTTPS with Django's test client and print what the responses carried."""

import json
import os

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()  # the test client needs it; it also keeps e-mail in memory
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)

from allauth.account.models import EmailAddress  # noqa: E402

from volunteers.models import User  # noqa: E402

user = User.objects.create_user(email="probe@example.org", password="correct-horse-battery")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

client = Client(HTTP_HOST=os.environ["ALLOWED_HOSTS"].split(",")[0])
home = client.get("/", secure=True)
plain = client.get("/", secure=False)
signed_in = client.post(
    "/accounts/login/", {"login": user.email, "password": "correct-horse-battery"}, secure=True
)
portal = client.get("/portal/", secure=True)
session = signed_in.cookies.get("sessionid")
print(
    json.dumps(
        {
            "home": dict(home.headers),
            "home_status": home.status_code,
            "plain_status": plain.status_code,
            "plain_location": plain.headers.get("Location", ""),
            "portal": dict(portal.headers),
            "portal_status": portal.status_code,
            "session_cookie": {
                "secure": bool(session and session["secure"]),
                "httponly": bool(session and session["httponly"]),
                "samesite": session["samesite"] if session else "",
            },
        }
    )
)
