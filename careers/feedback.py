"""Specials' feedback to senior officers: suggestions, answers, and "you said, we did"."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from volunteers import outbox
from volunteers.models import AuditEvent

from .emails import FEEDBACK_ANSWERED
from .models import Suggestion
from .services import audit

ANSWER_NEEDED = "Write the answer the Special will read."
WE_DID_NEEDED = "Say what was done, for the “you said, we did” page."


def shows_name(suggestion, *, opcc_staff: bool) -> bool:
    """Line managers (the Specials' coordinators) do not see a hidden name; OPCC staff do."""
    return not suggestion.hide_name or opcc_staff


@transaction.atomic
def submit(*, volunteer, title: str, body: str, hide_name: bool) -> Suggestion:
    suggestion = Suggestion.objects.create(
        volunteer=volunteer, title=title.strip(), body=body.strip(), hide_name=hide_name
    )
    audit(
        volunteer.user,
        suggestion,
        f"Made a suggestion: {suggestion.title}",
    )
    return suggestion


@transaction.atomic
def answer(*, actor, suggestion: Suggestion, status: str, answer: str, we_did: str = ""):
    suggestion = (
        Suggestion.objects.select_for_update().select_related("volunteer").get(pk=suggestion.pk)
    )
    if not answer.strip():
        raise ValidationError({"answer": ANSWER_NEEDED})
    if status == Suggestion.Status.ADOPTED and not we_did.strip():
        raise ValidationError({"we_did": WE_DID_NEEDED})
    suggestion.status = status
    suggestion.answer = answer.strip()
    suggestion.we_did = we_did.strip() if status == Suggestion.Status.ADOPTED else ""
    suggestion.answered_by = actor
    suggestion.answered_at = timezone.now()
    suggestion.save()
    person = suggestion.volunteer
    audit(
        actor,
        suggestion,
        f"Answered the suggestion “{suggestion.title}”: {suggestion.get_status_display()}",
        action=AuditEvent.Action.STATUS_CHANGED,
    )
    outbox.queue(
        outbox.Reminder(
            kind=FEEDBACK_ANSWERED.code,
            subject_ref=f"suggestion:{suggestion.pk}",
            period=outbox.moment_key(suggestion.answered_at),
            to=person.email,
            volunteer=person,
            subject=f"Your suggestion: {suggestion.title}",
            template="reminder",
            context={
                "lines": [
                    f"Thank you for your suggestion, “{suggestion.title}”. "
                    f"It is now: {suggestion.get_status_display().lower()}.",
                    suggestion.answer,
                ]
            },
        )
    )
    return suggestion
