import time
from datetime import date

from django.core.management.base import BaseCommand

from schemes.kpi_registry import rollup


class Command(BaseCommand):
    help = "Compute every KPI for a month (this month unless --month YYYY-MM) into snapshots."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; default this month")

    def handle(self, *args, month, **options):
        period = date.fromisoformat(f"{month}-01") if month else None
        started = time.monotonic()
        written = rollup(period=period)
        self.stdout.write(f"Wrote {written} KPI snapshots in {time.monotonic() - started:.1f} s.")
