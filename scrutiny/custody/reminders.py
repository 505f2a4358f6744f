"""Custody visiting's reminders: the manager hears once of each answer the force owes
past its day."""

from schemes.services.followups import overdue_reminders
from volunteers.outbox import REMINDERS

from .models import CustodyIssue


@REMINDERS.register
def custody_answers_overdue(today):
    issues = CustodyIssue.objects.select_related("report__suite")
    yield from overdue_reminders(issues, today)
