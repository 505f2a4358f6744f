import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from schemes.kpi_registry import rollup
from volunteers.dates import months_up_to


class Command(BaseCommand):
    help = (
        "Compute every KPI into monthly snapshots: this month, or --month YYYY-MM, and with "
        "--months N the N months ending there (to fill in a year of trend after a deploy)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; default this month")
        parser.add_argument("--months", type=int, default=1, help="how many months to end there")

    def handle(self, *args, month, months, **options):
        try:
            period = date.fromisoformat(f"{month}-01") if month else timezone.localdate()
        except ValueError as error:
            raise CommandError("Give the month as YYYY-MM, e.g. 2026-11.") from error
        if months < 1:
            raise CommandError("--months must be at least 1.")
        for each in months_up_to(period, months):
            started = time.monotonic()
            written = rollup(period=each)
            self.stdout.write(
                f"{each:%Y-%m}: wrote {written} KPI snapshots in "
                f"{time.monotonic() - started:.1f} s."
            )
