"""Time the background jobs at the benchmark's scale: the reminder sweep and the KPI rollup.

Run inside the app (`bench.run` calls `time_jobs()` through `manage.py shell`). The outbox
is emptied first so the first sweep does the full work; the second shows what an hourly
sweep costs once everything due is queued. The sweep runs for today and for a day in the
last week of the month, when the under-the-minimum reminder looks at every member's hours.
"""

import time
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from schemes.kpi_registry import rollup
from volunteers import dates, outbox
from volunteers.models import Notification


def _timed(call) -> tuple[float, object]:
    started = time.monotonic()
    result = call()
    return round(time.monotonic() - started, 1), result


def time_jobs() -> dict:
    today = timezone.localdate()
    last_week = dates.month_end(today) - timedelta(days=3)
    Notification.objects.all().delete()
    figures = {}
    for label, day in [("today", today), ("last_week_of_month", last_week)]:
        first, queued = _timed(lambda day=day: outbox.sweep(today=day))
        again, requeued = _timed(lambda day=day: outbox.sweep(today=day))
        figures[f"sweep_{label}"] = {
            "seconds": first,
            "queued": queued,
            "again_seconds": again,
            "again_queued": requeued,
        }
    first, written = _timed(rollup)
    again, rewritten = _timed(rollup)
    figures["rollup"] = {
        "seconds": first,
        "snapshots": written,
        "again_seconds": again,
        "again_snapshots": rewritten,
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM volunteers_volunteer), "
            "(SELECT count(*) FROM schemes_hoursentry)"
        )
        figures["volunteers"], figures["hours_entries"] = cursor.fetchone()
    return figures
