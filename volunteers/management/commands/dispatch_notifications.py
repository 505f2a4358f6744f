from django.core.management.base import BaseCommand

from volunteers import outbox


class Command(BaseCommand):
    help = "Send the outbox's due messages until none is left (what the worker does each minute)."

    def handle(self, *args, **options):
        totals = {"sent": 0, "retry": 0, "failed": 0}
        while True:
            counts = outbox.dispatch()
            for name, value in counts.items():
                totals[name] += value
            if not any(counts.values()):
                break
        self.stdout.write(
            f"Sent {totals['sent']}, to retry {totals['retry']}, given up {totals['failed']}."
        )
