"""Security headers on HTML responses under production settings (DEBUG off)."""

import json
import subprocess
import sys
import uuid

import pytest

from tests.test_platform import ROOT, clean_env


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    database = tmp_path_factory.mktemp("prod") / "probe.sqlite3"
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-m", "tests.production_probe"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=clean_env(
            DEBUG="false",
            SECRET_KEY="p" * 20 + uuid.uuid4().hex * 2,
            ALLOWED_HOSTS="cip.example.org",
            DATABASE_URL=f"sqlite:///{database}",
        ),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_content_security_policy_has_no_inline_and_no_framing(production):
    csp = production["home"]["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert production["home"]["X-Frame-Options"] == "DENY"


def test_the_usual_security_headers(production):
    headers = production["home"]
    assert production["home_status"] == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_plain_http_is_sent_to_https(production):
    assert production["plain_status"] == 301
    assert production["plain_location"].startswith("https://")


def test_session_cookie_is_secure_and_http_only(production):
    assert production["session_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_personal_pages_are_never_stored(production):
    assert production["portal_status"] == 200
    assert production["portal"]["Cache-Control"] == "no-store"
