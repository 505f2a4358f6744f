"""The demo county: deterministic, safe to run twice, and the demo sign-ins work."""

import pytest
from django.core.management import call_command

from volunteers.models import Membership, Volunteer

pytestmark = pytest.mark.django_db


def test_the_same_seed_builds_the_same_people():
    call_command("seed_demo", volunteers=30)
    first = list(
        Volunteer.objects.order_by("pk").values_list("first_name", "last_name", "postcode")
    )
    from schemes.models import Duty, HoursEntry, Signup
    from scrutiny.custody.models import CustodyIssue, Rota, VisitReport
    from scrutiny.dogwelfare.models import Assignment, DogIssue, DogVisit

    for model in (
        *(CustodyIssue, VisitReport, Rota, DogIssue, DogVisit, Assignment),
        *(HoursEntry, Signup, Duty, Membership, Volunteer),
    ):
        model.objects.all().delete()
    call_command("seed_demo", volunteers=30)
    again = list(
        Volunteer.objects.order_by("pk").values_list("first_name", "last_name", "postcode")
    )
    assert first == again
