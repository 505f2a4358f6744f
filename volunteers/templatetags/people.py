"""Formatting for people's pages: plain-English dates and expiry warnings."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

register = template.Library()


@register.filter
def long_date(value) -> str:
    """22 November 2026."""
    return format_date(value, "j F Y") if value else ""


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
