"""The real components: settings that refuse to start half-configured, security headers,
and Celery over a real Redis broker to a worker the test starts."""

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.core import mail
from django.db import connections
from django.urls import reverse

from tests import factories as f
from tests.processes import clean_env
from tests.urlwalk import all_patterns
from volunteers import services, tasks
from volunteers.models import Membership

ROOT = Path(__file__).resolve().parent.parent


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("print('started')", DEBUG="false", ALLOWED_HOSTS="cip.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django("print('started')", DEBUG="false", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off." in result.stderr


def test_a_bad_boolean_is_an_error_not_a_guess():
    result = run_django("print('started')", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'." in result.stderr


def test_sessions_cache_and_rate_limits_stay_in_the_database_with_redis_configured():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'], s.CELERY_BROKER_URL, "
        "s.CELERY_TASK_ALWAYS_EAGER, s.DATABASES['default']['CONN_MAX_AGE'])"
    )
    result = run_django(
        code,
        DEBUG="true",
        REDIS_URL="redis://127.0.0.1:6379/5",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/cip",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.contrib.sessions.backends.db",
        "django.core.cache.backends.db.DatabaseCache",
        "redis://127.0.0.1:6379/5",
        "False",
        "600",
    ]


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=clean_env(
            DEBUG="false",
            SECRET_KEY="k" * 20 + uuid.uuid4().hex * 2,
            ALLOWED_HOSTS="cip.example.org",
        ),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client_for):
    response = client_for("volunteer").get(reverse("volunteers:portal"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"  # personal page


@pytest.mark.django_db
def test_no_page_has_inline_scripts_or_styles(client_for, volunteer):
    """The CSP allows only our own files, so an inline script or style would break a page."""
    client = client_for("superuser")
    skip = {"admin:logout", "account_logout", "volunteers:people-export", "admin:autocomplete"}
    urls = [
        reverse(name)
        for name, route in all_patterns()
        if name and name not in skip and "<" not in route and "(?P" not in route
    ]
    urls += [
        reverse("volunteers:person-detail", args=[volunteer.volunteer.pk]),
        reverse("admin:volunteers_volunteer_change", args=[volunteer.volunteer.pk]),
        reverse("careers:special-detail", args=[volunteer.volunteer.pk]),
    ]
    checked = 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        scripts = [
            attrs
            for attrs in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
            if "application/json" not in attrs  # data for allauth's scripts, never run
        ]
        assert scripts == [], url
        assert re.findall(r"\sstyle=\"|<style", html) == [], url
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "<" not in title and len(title) < 150, url  # a title is a line of text
        checked += 1
    assert checked > 30


def test_enqueue_survives_the_broker_being_down(caplog):
    down = Celery("down", broker="redis://127.0.0.1:1/0")
    down.conf.broker_connection_timeout = 1
    down.conf.task_publish_retry_policy = {"max_retries": 0}

    @down.task(name="probe.never_runs")
    def never_runs(x):
        return x

    assert tasks.enqueue(never_runs, 1) is False
    assert "Broker unavailable" in caplog.text


@pytest.mark.needs_redis
@pytest.mark.django_db(transaction=True)
def test_status_email_travels_through_real_redis_to_a_worker(scheme_x, staff):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL (CI's service pass sets it and refuses to skip)")
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    # The test settings run tasks in-process; this test alone goes through the broker.
    app.conf.update(task_always_eager=False, broker_url=settings.CELERY_BROKER_URL)
    person = f.make_volunteer(email="through.redis@example.org")
    membership = f.make_membership(person, scheme_x, status=Membership.Status.TRAINING)
    try:
        app.control.purge()  # nothing left over from an earlier, interrupted run
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            services.change_membership_status(
                actor=staff, membership=membership, status=Membership.Status.ACTIVE
            )
            deadline = time.monotonic() + 20
            while not mail.outbox and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        connections.close_all()
    assert [m.to for m in mail.outbox] == [["through.redis@example.org"]]
    assert "now active" in mail.outbox[0].subject


def test_every_environment_variable_is_listed_in_env_example_and_the_readme():
    read = set(
        re.findall(
            r'env_(?:str|bool|int|list)\("([A-Z_]+)"', (ROOT / "config" / "settings.py").read_text()
        )
    )
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    readme = (ROOT / "README.md").read_text()
    assert read - listed == set()
    assert [name for name in sorted(read) if f"`{name}`" not in readme] == []


def test_manage_py_works_on_the_local_demo_with_nothing_set():
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_people_on_slow_connections_do_not_hold_up_the_served_app(tmp_path):
    """gunicorn as the image runs it (config/gunicorn.py): while as many clients as there
    are worker processes have sent half a request and stalled, someone else still gets an
    answer at once (sync workers would each be stuck waiting for the rest)."""
    import socket
    import urllib.request

    from config import gunicorn as served

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = clean_env(
        DEBUG="true",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'served.sqlite3'}",
    )
    command = ["gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"]
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
        [sys.executable, "-m", *command, "--bind", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    health = f"http://127.0.0.1:{port}/health/"
    stalled = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(health, timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.2)
        for _ in range(served.workers):
            slow = socket.create_connection(("127.0.0.1", port))
            slow.sendall(b"GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and no more
            stalled.append(slow)
        time.sleep(0.5)
        with urllib.request.urlopen(health, timeout=5) as response:  # noqa: S310 - loopback
            assert response.read() == b"ok"
    finally:
        for slow in stalled:
            slow.close()
        os.killpg(process.pid, 15)
        process.wait(timeout=20)
        log.close()
