"""Formatting for people's pages: plain-English dates and expiry warnings."""

from django import template
from django.utils import timezone

from volunteers import formats

register = template.Library()
long_date = register.filter("long_date", formats.long_date)


@register.filter
def expiry_text(record) -> str:
    """What a person needs to know about when a record lapses, in words."""
    if record.expires_on is None:
        return "Does not expire"
    days = record.days_left(timezone.localdate())
    when = long_date(record.expires_on)
    if days < 0:
        return f"Expired on {when}"
    if days == 0:
        return "Expires today"
    if days <= 60:
        return f"Expires on {when} ({days} day{'s' if days != 1 else ''} left)"
    return f"Expires on {when}"
