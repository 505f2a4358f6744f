"""The kinds of message the Special Constabulary sends (found at start-up with every
app's emails.py, so the portal's notification settings list them all)."""

from volunteers import outbox

PATHWAY_DECISION = outbox.KINDS.register(
    outbox.Kind(
        "pathway_decision",
        "A decision on your pathway application",
        optional=False,
        always_because="it is about your next posting.",
    )
)

PATHWAY_APPLIED = outbox.KINDS.register(
    outbox.Kind("pathway_applied", "A Special has applied for a pathway you lead")
)

PATHWAY_RECEIPT = outbox.KINDS.register(
    outbox.Kind(
        "pathway_receipt",
        "We have your pathway application",
        optional=False,
        always_because="it confirms an application you sent.",
    )
)

ATTENDANCE_REMINDER = outbox.KINDS.register(
    outbox.Kind(
        "attendance_reminder",
        "A reminder that your hours were below the monthly minimum",
        optional=False,
        always_because="Specials give at least 16 hours a month.",
    )
)

FEEDBACK_ANSWERED = outbox.KINDS.register(
    outbox.Kind(
        "feedback_answered",
        "An answer to your suggestion",
        optional=False,
        always_because="it answers something you asked.",
    )
)
