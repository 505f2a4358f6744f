"""The kinds of message the Special Constabulary sends (found at start-up with every
app's emails.py, so the portal's notification settings list them all)."""

from volunteers import outbox

PATHWAY_DECISION = outbox.kind(
    "pathway_decision",
    "A decision on your pathway application",
    always_because="it is about your next posting.",
)

PATHWAY_APPLIED = outbox.kind("pathway_applied", "A Special has applied for a pathway you lead")

PATHWAY_RECEIPT = outbox.kind(
    "pathway_receipt",
    "We have your pathway application",
    always_because="it confirms an application you sent.",
)

ATTENDANCE_REMINDER = outbox.kind(
    "attendance_reminder",
    "A reminder that your hours were below the monthly minimum",
    always_because="Specials give at least 16 hours a month.",
)

FEEDBACK_ANSWERED = outbox.kind(
    "feedback_answered",
    "An answer to your suggestion",
    always_because="it answers something you asked.",
)
