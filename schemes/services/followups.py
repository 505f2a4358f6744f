"""The follow-up loop every scrutiny scheme shares (schemes/models/followups.py).

raise_follow_ups  a submitted report's concerns become follow-ups with the force, whose
                  contacts are e-mailed once with all of them
respond           the force answers; the follow-up closes and its visitors are told
escalate          a manager sends it to the OPCC lead (late, or the answer falls short)
close_escalated   the OPCC lead closes it with an outcome; the visitors are told
overdue_reminders the scheme's managers hear once of each answer past its day
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from volunteers import outbox
from volunteers.formats import long_date

from ..checklists import Checklist
from ..emails import FOLLOWUP_OUTCOME, FOLLOWUP_OVERDUE, FOLLOWUP_TO_FORCE
from ..models.followups import FollowUp

RESPONSE_NEEDED = "Say what the force has done, or will do, about the concern."
NOTE_NEEDED = "Say why it goes to the OPCC lead."
OUTCOME_NEEDED = "Say what the OPCC lead concluded."
NOT_WITH_FORCE = "This concern is no longer waiting for the force's answer."
NOT_ESCALATED = "Only a concern with the OPCC lead can be closed here."
ALREADY_ESCALATED = "This concern is with the OPCC lead already."


def raise_follow_ups(
    *, model, checklist: Checklist, answers: dict, due_in_days: int, now=None, **report
) -> list:
    """A follow-up for every concern in `answers`, with the force until due; the force's
    contacts hear of them in one message. `report` names the report they belong to."""
    now = now or timezone.now()
    due_on = timezone.localdate(now) + timedelta(days=due_in_days)
    raised = [
        model.objects.create(
            section=section.code,
            check_code=check.code,
            concern=note,
            raised_at=now,
            due_on=due_on,
            **report,
        )
        for section, check, note in checklist.concerns(answers)
    ]
    if raised:
        first = raised[0]
        lines = [
            f"Visitors to {first.where()} raised {len(raised)} "
            f"concern{'s' if len(raised) != 1 else ''} on their visit. Please answer "
            f"{'each' if len(raised) != 1 else 'it'} by {long_date(due_on)}.",
            *(f"{issue.check_label()}: {issue.concern}" for issue in raised),
            "Sign in to the Citizens in Policing Hub to see them and give the force's answer.",
        ]
        outbox.queue(
            *(
                outbox.Reminder(
                    kind=FOLLOWUP_TO_FORCE.code,
                    subject_ref=f"{model._meta.label_lower}:{first.pk}",
                    period=_to("to:", email),
                    to=email,
                    subject=f"Concerns from a visit to {first.where()}: "
                    f"answer by {long_date(due_on)}",
                    template="reminder",
                    context={"greeting": name, "lines": lines},
                )
                # No one named at the force yet: the scheme's managers hear instead.
                for name, email in (first.force_contacts() or first.managers())
            )
        )
    return raised


def _to(prefix: str, email: str) -> str:
    """A message key's period for one address (the key's period holds 20 characters)."""
    return prefix + hashlib.sha256(email.lower().encode()).hexdigest()[: 20 - len(prefix)]


def _tell_visitors(issue, *, event: str, what: str) -> None:
    """Tell the visitors who raised it what came of it; `event` ("answered", "outcome")
    keys each message, so the lead's outcome reaches them after the force's answer did."""
    lines = [
        f"You raised a concern on your visit to {issue.where()}: "
        f"{issue.check_label().lower()}, “{issue.concern}”.",
        what,
        "Thank you: what you notice is what gets put right.",
    ]
    outbox.queue(
        *(
            outbox.Reminder(
                kind=FOLLOWUP_OUTCOME.code,
                subject_ref=f"{issue._meta.label_lower}:{issue.pk}",
                period=f"{event}:{visitor.pk}",
                to=visitor.email,
                volunteer=visitor,
                subject=f"What was done about your concern at {issue.where()}",
                template="reminder",
                context={"lines": lines},
            )
            for visitor in issue.visitors()
            if visitor.email
        )
    )


def _locked(issue):
    return type(issue).objects.select_for_update().get(pk=issue.pk)


@transaction.atomic
def respond(*, issue, actor, response: str, now=None):
    """The force's answer: it closes the follow-up, and the visitors are told."""
    response = response.strip()
    if not response:
        raise ValidationError({"response": RESPONSE_NEEDED})
    issue = _locked(issue)
    if issue.status != issue.Status.WITH_FORCE:
        raise ValidationError(NOT_WITH_FORCE)
    now = now or timezone.now()
    issue.response, issue.responded_by, issue.responded_at = response, actor, now
    issue.status, issue.closed_at = issue.Status.CLOSED, now
    issue.save()
    _tell_visitors(issue, event="answered", what=f"The force answered: “{response}”")
    return issue


@transaction.atomic
def escalate(*, issue, actor, note: str, now=None):
    """A manager sends the follow-up to the OPCC lead: the answer is late or falls short."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": NOTE_NEEDED})
    issue = _locked(issue)
    if issue.status == issue.Status.ESCALATED:
        raise ValidationError(ALREADY_ESCALATED)
    issue.status, issue.escalated_at, issue.escalation_note = (
        issue.Status.ESCALATED,
        now or timezone.now(),
        note,
    )
    issue.closed_at = None
    issue.save()
    return issue


@transaction.atomic
def close_escalated(*, issue, actor, outcome: str, now=None):
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": OUTCOME_NEEDED})
    issue = _locked(issue)
    if issue.status != issue.Status.ESCALATED:
        raise ValidationError(NOT_ESCALATED)
    issue.outcome, issue.status, issue.closed_at = (
        outcome,
        issue.Status.CLOSED,
        now or timezone.now(),
    )
    issue.save()
    _tell_visitors(
        issue, event="outcome", what=f"The Commissioner's office looked into it: “{outcome}”"
    )
    return issue


def overdue_reminders(issues, today):
    """One message to the scheme's managers for each follow-up past its day (its key
    holds it to once, however many sweeps find it late)."""
    for issue in issues.overdue(today):
        for name, email in issue.managers():
            yield outbox.Reminder(
                kind=FOLLOWUP_OVERDUE.code,
                subject_ref=f"{issue._meta.label_lower}:{issue.pk}",
                period=_to("late:", email),
                to=email,
                subject=f"Overdue: the force's answer about {issue.where()}",
                template="reminder",
                context={
                    "greeting": name,
                    "lines": [
                        f"The force's answer to a concern from a visit to {issue.where()} was "
                        f"due on {long_date(issue.due_on)} and has not come.",
                        f"{issue.check_label()}: {issue.concern}",
                        "Chase the force, or send the concern to the OPCC lead from its page.",
                    ],
                },
            )


def in_state(issues, state: str, today):
    """The follow-ups in a state of the filter (schemes.forms.FollowUpFilterForm): still
    open (the default), overdue, one status, or all."""
    if state in ("", "open"):
        return issues.still_open()
    if state == "overdue":
        return issues.overdue(today)
    if state in issues.model.Status.values:
        return issues.filter(status=state)
    return issues


def needing_attention(issues, today):
    """Follow-ups a scheme's managers must act on: answers overdue, or with the OPCC lead."""
    from django.db.models import Q

    return issues.filter(
        Q(status=issues.model.Status.ESCALATED)
        | Q(status=issues.model.Status.WITH_FORCE, due_on__lt=today)
    )


@dataclass
class ConcernFigures:
    """What a report says of a stretch's concerns: how many in each checklist section, how
    many still open and closed, and the days the closed ones took."""

    concerns: dict = field(default_factory=dict)  # section code -> count
    open_issues: int = 0
    closed_issues: int = 0
    days_to_close: list = field(default_factory=list)

    @property
    def concern_total(self) -> int:
        return sum(self.concerns.values())

    @property
    def median_days_to_close(self):
        return median(self.days_to_close) if self.days_to_close else None

    def count(self, section: str, status: str, raised_at, closed_at) -> None:
        self.concerns[section] = self.concerns.get(section, 0) + 1
        if status == FollowUp.Status.CLOSED:
            self.closed_issues += 1
            self.days_to_close.append((closed_at - raised_at).days)
        else:
            self.open_issues += 1

    def add_concerns_of(self, other: "ConcernFigures") -> None:
        for section, found in other.concerns.items():
            self.concerns[section] = self.concerns.get(section, 0) + found
        self.open_issues += other.open_issues
        self.closed_issues += other.closed_issues
        self.days_to_close += other.days_to_close
