"""The outbox with the real moving parts: Celery's worker and beat as separate processes,
Redis as the broker, PostgreSQL, and an SMTP server. Redis goes away and comes back; a
worker is killed mid-batch. Nobody misses a message, and nobody gets one twice."""

import os
import re
import time
from collections import Counter
from email.header import decode_header, make_header

import pytest
from django.db import connection
from django.urls import reverse

from tests import factories as f
from tests.processes import celery, kill, publishing_to, purge_test_queue, wait_until
from tests.smtp_sink import SmtpSink
from volunteers.models import Notification

pytestmark = [
    pytest.mark.needs_redis,
    pytest.mark.needs_postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_clock,  # the worker and beat are other processes, on the machine's clock
]
FAST = {"REMINDER_SWEEP_SECONDS": "2", "OUTBOX_DISPATCH_SECONDS": "1"}


@pytest.fixture(autouse=True)
def _services():
    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        pytest.skip("needs REDIS_URL and PostgreSQL (CI's service pass has both, and no skips)")
    purge_test_queue()


@pytest.fixture
def redis_down():
    """The web side's broker is a port nobody listens on, as when Redis has stopped."""
    with publishing_to("redis://127.0.0.1:1/0"):
        yield


def smtp(sink: SmtpSink) -> dict:
    return {"EMAIL_BACKEND": "smtp", "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(sink.port)}


def subject_of(message) -> str:
    """The Subject header as written, unfolded (long ones arrive over several lines)."""
    return re.sub(r"\r?\n", "", str(make_header(decode_header(message["Subject"])))).strip()


def delivered(sink: SmtpSink) -> Counter:
    return Counter((m["To"], subject_of(m)) for m in sink.messages)


def test_redis_down_then_back_every_message_goes_exactly_once(
    client_for, volunteer, duty_x, redis_down, tmp_path
):
    person = volunteer.volunteer
    f.make_vetting(person, expires_in_days=5)  # the next sweep finds this reminder
    membership = person.memberships.get()

    # Redis is down: every page still answers, and the messages wait in the outbox.
    portal = client_for("volunteer")
    booked = portal.post(reverse("schemes:duty-book", args=[duty_x.pk]), follow=True)
    assert booked.status_code == 200 and "You are booked" in booked.content.decode()
    for name in ["volunteers:portal", "schemes:my-duties", "volunteers:portal-notifications"]:
        assert portal.get(reverse(name)).status_code == 200, name
    moved = client_for("coordinator_x").post(
        reverse("volunteers:membership-status", args=[membership.pk]),
        {f"m{membership.pk}-status": "paused", f"m{membership.pk}-reason": "Exams"},
        follow=True,
    )
    assert moved.status_code == 200
    # Nothing was sent in-process or through a broker: both messages wait their turn.
    waiting = Notification.objects.filter(status=Notification.Status.PENDING)
    assert sorted(waiting.values_list("kind", flat=True)) == ["bookings", "membership_status"]

    # Redis is back: beat sweeps and dispatches, the worker sends.
    with SmtpSink() as sink, celery(tmp_path, "worker", "beat", **FAST, **smtp(sink)):
        wait_until(
            lambda: (
                Notification.objects.filter(kind="vetting_expiring", status="sent").exists()
                and not Notification.objects.exclude(status="sent").exists()
            ),
            timeout=90,
            what="the waiting messages and the vetting reminder to be sent",
        )
        queued = Notification.objects.count()
        wait_until(lambda: len(sink.messages) >= queued, 10, "the SMTP server to have them all")
        # A few more sweeps and dispatches: the same reminder is never queued or sent again.
        time.sleep(6)
    assert Notification.objects.count() == queued
    expected = Counter((n.to, n.subject) for n in Notification.objects.all())
    assert delivered(sink) == expected
    assert max(delivered(sink).values()) == 1
    assert {"bookings", "membership_status", "vetting_expiring"} <= set(
        Notification.objects.values_list("kind", flat=True)
    )


def test_a_worker_killed_mid_batch_loses_no_message(tmp_path):
    people = [f"person{i}@example.org" for i in range(30)]
    Notification.objects.bulk_create(
        Notification(
            kind="test",
            subject_ref=f"n:{i}",
            period="p",
            to=to,
            subject=f"Message {i}",
            body_text="b",
            body_html="<p>b</p>",
        )
        for i, to in enumerate(people)
    )
    settings = {**FAST, "OUTBOX_LEASE_SECONDS": "6"}
    with SmtpSink(delay=0.15) as sink:
        with celery(tmp_path, "worker", "beat", **settings, **smtp(sink)) as running:
            wait_until(lambda: len(sink.messages) >= 5, 60, "the worker to start sending")
            kill(running["worker"])
        sent_before = len(sink.messages)
        assert sent_before < len(people)
        held = Notification.objects.filter(status=Notification.Status.SENDING)
        assert held.exists()  # claimed by the dead worker: its lease has to run out

        with celery(tmp_path, "worker", "beat", **settings, **smtp(sink)):
            wait_until(
                lambda: Notification.objects.filter(status="sent").count() == len(people),
                timeout=90,
                what="every message to be sent after the lease ran out",
            )
    received = Counter(sink.recipients())
    assert set(received) == set(people)  # nobody missed
    # Only the message on the wire when the worker died can have gone twice.
    assert sum(received.values()) <= len(people) + 1
