from django.core.management.base import BaseCommand

from volunteers import outbox


class Command(BaseCommand):
    help = "Queue every reminder now due into the outbox (safe to run as often as you like)."

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {outbox.sweep()} new reminders.")
