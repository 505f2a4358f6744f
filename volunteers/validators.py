"""Checks for values people type about themselves, with messages they can act on."""

import re

from django.core.exceptions import ValidationError

# Letters from any alphabet (Siân, Zoë, Łukasz), joined by spaces, hyphens, apostrophes
# (straight or curly: O'Brien, O’Brien) or full stops (St. John).
PERSON_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.-]+[^\W\d_]*)*$")
INVALID_NAME = "Use letters, spaces, hyphens and apostrophes only."

# The UK postcode shapes: outward code (A9, A99, A9A, AA9, AA99, AA9A) then 9AA.
UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
INVALID_POSTCODE = "Enter a full UK postcode, like AL10 9AB."

UK_PHONE = re.compile(r"^(?:\+44|0)\d{9,10}$")
INVALID_PHONE = "Enter a UK phone number, like 01707 123456 or 07700 900123."


def validate_person_name(value: str) -> None:
    if value and not PERSON_NAME.match(value.strip()):
        raise ValidationError(INVALID_NAME, code="invalid_name")


def normalise_postcode(value: str) -> str:
    """'al109ab' -> 'AL10 9AB'; raises ValidationError when it is not a UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    match = UK_POSTCODE.match(compact)
    if not match:
        raise ValidationError(INVALID_POSTCODE, code="invalid_postcode")
    return f"{match.group(1)} {match.group(2)}"


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s()-]", "", value or "")


def validate_uk_phone(value: str) -> None:
    if value and not UK_PHONE.match(normalise_phone(value)):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
