"""The kinds of message Employer Supported Policing sends (found at start-up with every
app's emails.py)."""

from volunteers import outbox

EMPLOYER_STATUS = outbox.KINDS.register(
    outbox.Kind(
        "employer_status",
        "Your organisation's Employer Supported Policing status",
        optional=False,
        always_because="it is about your organisation's agreement.",
    )
)
