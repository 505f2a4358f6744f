"""Time the background jobs at the benchmark's scale: the reminder sweep, the KPI rollup,
and bringing 10,000 people in from a spreadsheet (checked, then written, then the same
file again, which changes nothing; all rolled back after, so the pages measured next see
the county as seeded).

Run inside the app (`bench.run` calls `time_jobs()` through `manage.py shell`). The outbox
is emptied first so the first sweep does the full work; the second shows what an hourly
sweep costs once everything due is queued. The sweep runs for today and for a day in the
last week of the month, when the under-the-minimum reminder looks at every member's hours.
"""

import csv
import io
import resource
import time
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from schemes.kpi_registry import rollup
from volunteers import dates, outbox, people_import
from volunteers.models import Notification, PeopleImport, User


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
    figures["import"] = time_import()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM volunteers_volunteer), "
            "(SELECT count(*) FROM schemes_hoursentry)"
        )
        figures["volunteers"], figures["hours_entries"] = cursor.fetchone()
    return figures


IMPORT_ROWS = 10_000


def _spreadsheet(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([heading for _, heading, _ in people_import.COLUMNS])
    for n in range(rows):
        row = list(people_import.EXAMPLE)
        row[:3] = ["Alex", "Bench-Import", f"import.{n}@bench.cip.example"]
        writer.writerow(row)
    return out.getvalue().encode()


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_import(rows: int = IMPORT_ROWS) -> dict:
    """Read, check and write `rows` new people as OPCC staff, then the same file again."""
    actor = User.objects.get(email="opcc@demo.cip.example")
    content = _spreadsheet(rows)
    figures: dict = {"rows": rows}
    before = _peak_mib()
    with transaction.atomic():
        for label in ("first", "again"):
            started = time.monotonic()
            read, problems = people_import.read_file("bench.csv", content)
            upload = PeopleImport.objects.create(
                uploaded_by=actor,
                file_name="bench.csv",
                rows=read,
                total=len(read),
                status=PeopleImport.Status.WRITING,  # as "Bring them in" leaves it
            )
            upload = people_import.write(upload, actor=actor)
            figures[f"{label}_seconds"] = round(time.monotonic() - started, 1)
            figures[f"{label}_counts"] = upload.counts() or {"problems": len(upload.problems)}
        transaction.set_rollback(True)
    figures["peak_growth_mib"] = round(_peak_mib() - before, 1)
    return figures
