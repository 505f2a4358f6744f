"""A detainee is known to the scheme by their custody number only, never by name; and the
number stays inside the scheme, out of the notes the force reads. The rules for both, used
by the forms, the model and the admin alike."""

import re

from django.core.exceptions import ValidationError

LOOKS_LIKE_A_NAME = (
    "That looks like a name. Write the custody number only (for example 41/12345/26): "
    "a detainee's name is never written down."
)
NOT_A_CUSTODY_NUMBER = (
    "A custody number has at least four digits, and only letters of a force or suite code, "
    "slashes, dashes or spaces (for example 41/12345/26)."
)
ALLOWED = re.compile(r"[A-Z0-9/\- ]+")
# Force and suite codes are one or two letters ("HT", "N"); three letters in a row, or a
# letter in front of a lower-case one, is a word, and a word here is someone's name.
WORD = re.compile(r"[A-Za-z]{3,}|[A-Z][a-z]")


def normalise_custody_number(value: str) -> str:
    return " ".join(value.split())


def check_custody_number(value: str) -> None:
    value = normalise_custody_number(value)
    if WORD.search(value):
        raise ValidationError(LOOKS_LIKE_A_NAME, code="name")
    upper = value.upper()
    if not ALLOWED.fullmatch(upper) or sum(ch.isdigit() for ch in upper) < 4:
        raise ValidationError(NOT_A_CUSTODY_NUMBER, code="format")


# Notes go to the force: a custody number written in one would reach it.
NUMBER_IN_NOTES = (
    "Notes go to the force: leave out custody numbers and describe the person another "
    "way (“the man in cell 4”)."
)
NUMBER_IN_TEXT = re.compile(r"\d+\s*/\s*\d{3,}|\d{5,}")


def check_no_custody_number(text: str) -> None:
    if NUMBER_IN_TEXT.search(text or ""):
        raise ValidationError(NUMBER_IN_NOTES, code="custody_number")
