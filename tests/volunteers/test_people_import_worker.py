"""Bringing people in with the real moving parts: the page queues the work on Redis, a
Celery worker (its own process) checks and writes the rows in PostgreSQL, and the page's
progress answers follow it to the end."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from tests.processes import (
    celery,
    isolated_redis_url,
    publishing_to,
    purge_test_queue,
    wait_until,
)
from tests.volunteers.test_people_import import GOOD, _csv
from volunteers.models import PeopleImport, Volunteer

pytestmark = [
    pytest.mark.needs_redis,
    pytest.mark.needs_postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_clock,  # the worker is another process, on the machine's clock
]


@pytest.fixture(autouse=True)
def _through_the_broker():
    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        pytest.skip("needs REDIS_URL and PostgreSQL (CI's service pass has both, and no skips)")
    purge_test_queue()
    with publishing_to(isolated_redis_url()):
        yield


def test_a_worker_checks_and_brings_in_the_file_while_the_page_follows(client_for, staff, tmp_path):
    client = client_for("staff")
    client.post(
        reverse("volunteers:import-start"),
        {"spreadsheet": SimpleUploadedFile("specials.csv", _csv(GOOD))},
    )
    upload = PeopleImport.objects.get()
    progress = reverse("volunteers:import-progress", args=[upload.pk])
    assert client.get(progress).json()["busy"]  # queued: no worker has it yet

    def state():
        return client.get(progress).json()

    with celery(tmp_path, "worker"):
        wait_until(lambda: state()["status"] == "checked", 60, "the worker to check the file")
        assert not Volunteer.objects.filter(email="tom.reid@example.org").exists()
        client.post(reverse("volunteers:import-confirm", args=[upload.pk]))
        wait_until(lambda: state()["status"] == "done", 60, "the worker to bring them in")
    assert state() == {
        "status": "done",
        "label": "Brought in",
        "done": 3,
        "total": 3,
        "percent": 100,
        "busy": False,
    }
    assert (
        Volunteer.objects.filter(email__in=["tom.reid@example.org", "amy.cole@example.org"]).count()
        == 2
    )
