"""The kinds of message Employer Supported Policing sends (found at start-up with every
app's emails.py)."""

from volunteers import outbox
from volunteers.permissions import is_employer_user

EMPLOYER_STATUS = outbox.kind(
    "employer_status",
    "Your organisation's Employer Supported Policing status",
    always_because="it is about your organisation's agreement.",
    reaches=is_employer_user,
)

ADDRESS_IN_USE = outbox.kind(
    "esp_address_in_use",
    "Someone signed up an employer with your e-mail address",
    always_because="it is about the security of your account.",
)
