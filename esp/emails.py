"""The kinds of message Employer Supported Policing sends (found at start-up with every
app's emails.py)."""

from volunteers import outbox

EMPLOYER_STATUS = outbox.kind(
    "employer_status",
    "Your organisation's Employer Supported Policing status",
    always_because="it is about your organisation's agreement.",
)
