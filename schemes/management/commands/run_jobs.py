import time

from django.core.management.base import BaseCommand

from schemes.kpi_registry import rollup
from volunteers import outbox

HOUR, DAY = 3600, 24 * 3600


class Command(BaseCommand):
    help = (
        "Run the periodic jobs in this process, for when there is no Celery beat "
        "(the local demo): sweep reminders hourly, send the outbox every minute, and roll "
        "up the KPIs daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one round, then stop")

    def handle(self, *args, once, **options):
        last_sweep = last_rollup = -DAY
        while True:
            if time.monotonic() - last_rollup >= DAY:
                self.stdout.write(f"KPIs: wrote {rollup()} snapshots.")
                last_rollup = time.monotonic()
            if time.monotonic() - last_sweep >= HOUR:
                queued = outbox.sweep()
                last_sweep = time.monotonic()
                self.stdout.write(f"Reminders: queued {queued}.")
            counts = outbox.dispatch()
            if any(counts.values()):
                self.stdout.write(f"Outbox: {counts}.")
            if once:
                return
            time.sleep(60)
