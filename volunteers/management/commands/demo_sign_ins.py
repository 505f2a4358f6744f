from django.core.management.base import BaseCommand

from volunteers.demo import DEMO_PASSWORD, demo_sign_ins


class Command(BaseCommand):
    help = "Print every demo sign-in and what each person is (make run prints it last)."

    def handle(self, *args, **options):
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for sign_in in demo_sign_ins():
            self.stdout.write(f"  {sign_in.email:<46} {sign_in.role}")
