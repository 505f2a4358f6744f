"""The kinds of message the Special Constabulary sends (found at start-up with every
app's emails.py, so the portal's notification settings list them all)."""

from volunteers import outbox
from volunteers.catalogue import is_special
from volunteers.permissions import get_own_volunteer

from .permissions import leads_pathways


def _specials(user) -> bool:
    return is_special(get_own_volunteer(user))


PATHWAY_DECISION = outbox.kind(
    "pathway_decision",
    "A decision on your pathway application",
    always_because="it is about your next posting.",
    reaches=_specials,
)

PATHWAY_APPLIED = outbox.kind(
    "pathway_applied", "A Special has applied for a pathway you lead", reaches=leads_pathways
)

PATHWAY_RECEIPT = outbox.kind(
    "pathway_receipt",
    "We have your pathway application",
    always_because="it confirms an application you sent.",
    reaches=_specials,
)

ATTENDANCE_REMINDER = outbox.kind(
    "attendance_reminder",
    "A reminder that your hours were below the monthly minimum",
    always_because="Specials give at least 16 hours a month.",
    reaches=_specials,
)

FEEDBACK_ANSWERED = outbox.kind(
    "feedback_answered",
    "An answer to your suggestion",
    always_because="it answers something you asked.",
    reaches=_specials,
)
