"""Formatting for duties and hours: "Saturday 28 November 2026, 18:30 to 22:00", "2 h 15 min"."""

from django import template
from django.utils import timezone

from schemes.eligibility import requirement_label
from volunteers.formats import hours_text, long_date

register = template.Library()


@register.filter
def as_hours(value) -> str:
    """2.5 -> "2 h 30 min": hours as people read them (volunteers/formats.py)."""
    return hours_text(value) if value is not None else ""


@register.filter
def duty_time(duty) -> str:
    start, end = timezone.localtime(duty.starts_at), timezone.localtime(duty.ends_at)
    day = f"{start:%A} {long_date(start)}"
    if start.date() == end.date():
        return f"{day}, {start:%H:%M} to {end:%H:%M}"
    return f"{day}, {start:%H:%M} to {end:%A} {long_date(end)}, {end:%H:%M}"


@register.filter
def when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{long_date(local)}, {local:%H:%M}"


@register.filter
def also_needs(duty) -> str:
    """What a scheme asks of the people on this duty, in words ("" if nothing)."""
    return requirement_label(duty.requirement) if duty.requirement else ""
