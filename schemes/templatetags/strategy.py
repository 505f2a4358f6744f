"""Figures on the strategy dashboard: "1,284", "312 h 30 min", "84.2%", "fewer than 5"."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from volunteers.formats import decimal_text, hours_text, one_place

register = template.Library()


def _number(value: Decimal) -> str:
    if value == value.to_integral_value():
        return intcomma(int(value))
    return intcomma(decimal_text(value))


@register.filter
def figure(value, unit: str = "") -> str:
    """A KPI's value in words and digits, with its unit where that helps."""
    if value is None:
        return "–"
    if unit == "%":
        return f"{one_place(value)}%"
    if unit == "hours":
        return hours_text(value)
    return _number(Decimal(value))


@register.filter
def share(value) -> str:
    """A diversity share, or the words that stand for a hidden small group."""
    if value is None:  # the same word for every hidden cell (volunteers.disclosure)
        return "hidden"
    return f"{one_place(value)}%"


@register.filter
def signed(value, unit: str = "") -> str:
    """A change, with its sign spelt out for screen readers and eyes alike."""
    if value is None:
        return ""
    if value == 0:
        return "no change"
    word = "up" if value > 0 else "down"
    amount = abs(value)
    if unit == "%":
        return f"{word} {one_place(amount)} points"
    return f"{word} {figure(amount, unit)}"


@register.filter
def cell(value, unit: str = "") -> str:
    """A figure in a breakdown table: the column names the unit, and a count with no row
    is nought (a share with nobody to share among stays a dash)."""
    if value is None:
        return "–" if unit == "%" else "0"
    return figure(value, "%" if unit == "%" else "")


@register.filter
def share_or_count(value, unit: str = "") -> str:
    """A group's figure, or the words for a group too small to show."""
    if value is None:  # the same word for every hidden cell (volunteers.disclosure)
        return "hidden"
    return figure(value, unit)
