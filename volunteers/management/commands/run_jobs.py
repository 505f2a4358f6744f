import time

from django.core.management.base import BaseCommand

from volunteers import outbox


class Command(BaseCommand):
    help = (
        "Run the periodic jobs in this process, for when there is no Celery beat "
        "(the local demo): sweep reminders hourly, send the outbox every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one round, then stop")

    def handle(self, *args, once, **options):
        last_sweep = 0.0
        while True:
            if time.monotonic() - last_sweep >= 3600:
                queued = outbox.sweep()
                last_sweep = time.monotonic()
                self.stdout.write(f"Reminders: queued {queued}.")
            counts = outbox.dispatch()
            if any(counts.values()):
                self.stdout.write(f"Outbox: {counts}.")
            if once:
                return
            time.sleep(60)
