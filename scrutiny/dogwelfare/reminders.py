"""Dog Welfare's reminders: a visitor hears once when an assigned visit is two weeks from
due, and the administrator once of each force answer past its day."""

from datetime import timedelta

from django.db.models import Q

from schemes.services.followups import overdue_reminders
from volunteers.outbox import REMINDERS

from . import emails
from .models import Assignment, DogIssue

DUE_SOON_DAYS = 14


@REMINDERS.register
def dog_visits_due_soon(today):
    soon = (
        Assignment.objects.filter(
            due_by__gte=today, due_by__lte=today + timedelta(days=DUE_SOON_DAYS), visit__isnull=True
        )
        .filter(Q(visitor__email__gt="") | Q(partner__email__gt=""))
        .select_related("dog__unit", "visitor", "partner")
    )
    for assignment in soon:
        for person in assignment.people():
            if person.email:
                yield emails.visit_due(assignment, person)


@REMINDERS.register
def dog_answers_overdue(today):
    yield from overdue_reminders(DogIssue.objects.select_related("visit__dog__force"), today)
