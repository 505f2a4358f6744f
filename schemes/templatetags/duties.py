"""Formatting for duties and hours: "Saturday 28 November 2026, 18:30 to 22:00", "2 h 15 min"."""

from django import template
from django.utils import timezone

from schemes.eligibility import requirement_label
from schemes.services.minimums import hours_text

register = template.Library()


@register.filter
def as_hours(value) -> str:
    return hours_text(value) if value is not None else ""


@register.filter
def duty_time(duty) -> str:
    start, end = timezone.localtime(duty.starts_at), timezone.localtime(duty.ends_at)
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if start.date() == end.date():
        return f"{day}, {start:%H:%M} to {end:%H:%M}"
    return f"{day}, {start:%H:%M} to {end:%A} {end.day} {end:%B %Y}, {end:%H:%M}"


@register.filter
def when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y}, {local:%H:%M}"


@register.filter
def also_needs(duty) -> str:
    """What a scheme asks of the people on this duty, in words ("" if nothing)."""
    return requirement_label(duty.requirement) if duty.requirement else ""
