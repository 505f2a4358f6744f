"""Dog Welfare's reminders: a visitor hears once when an assigned visit is two weeks from
due; the administrator hears weekly of the dogs not visited for six months, and once of
each force answer past its day."""

from datetime import timedelta

from django.db.models import Q

from schemes.services.followups import overdue_reminders
from volunteers.catalogue import SchemeSlug
from volunteers.models import Force, Membership
from volunteers.outbox import REMINDERS

from . import coverage, emails
from .models import Assignment, Dog, DogIssue

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
def dogs_not_visited(today):
    """Once a week, the scheme's administrators hear how many working dogs each force has
    not had visited for over six months (none: no message)."""
    overdue = [
        (force, coverage.counts(Dog.objects.filter(force=force), today=today)[coverage.OVERDUE])
        for force in Force.objects.filter(dogs__isnull=False).distinct()
    ]
    lines = [
        f"{force}: {count} dog{'s' if count != 1 else ''}" for force, count in overdue if count
    ]
    if not lines:
        return
    for membership in (
        Membership.objects.coordinators()
        .filter(scheme__slug=SchemeSlug.DOG_WELFARE)
        .select_related("volunteer")
    ):
        person = membership.volunteer
        if person.email:
            yield emails.dogs_overdue(person, lines, today)


@REMINDERS.register
def dog_answers_overdue(today):
    yield from overdue_reminders(DogIssue.objects.select_related("visit__dog__force"), today)
