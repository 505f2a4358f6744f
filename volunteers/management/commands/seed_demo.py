import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from volunteers.demo import (
    CountyBuilder,
    people_already_seeded,
    run_steps,
    settle_after_bulk_load,
)


class Command(BaseCommand):
    help = "Build a believable demo county (safe to run twice) and print the demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--volunteers", type=int, default=300, help="How many people to create (default 300)."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Random seed; the same seed builds the same county.",
        )

    def handle(self, *args, volunteers, seed, **options):
        started = time.monotonic()
        builder = CountyBuilder(seed=seed)
        if people_already_seeded():
            self.stdout.write("Demo people are already in the database; adding none.")
        else:
            builder.add_people(
                volunteers,
                progress=lambda n: self.stdout.write(f"  {n:,} of {volunteers:,} people"),
            )
        builder.add_demo_sign_ins()
        run_steps(seed=seed, write=self.stdout.write)
        settle_after_bulk_load()
        self.stdout.write(
            self.style.SUCCESS(f"Demo county ready in {time.monotonic() - started:.1f} s.")
        )
        call_command("demo_sign_ins", stdout=self.stdout)
