"""How people read dates, hours and numbers, in one place.

Code (services, e-mails, messages) calls these; templates use the same through the filters
in `volunteers/templatetags/people.py`. The date format itself is set once, in
config/formats/en_GB/formats.py.
"""

from decimal import Decimal

from django.utils import formats, timezone


def long_date(value) -> str:
    """26 November 2026."""
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def date_and_time(moment) -> str:
    """26 November 2026 at 18:30, in local time."""
    local = timezone.localtime(moment)
    return f"{long_date(local)} at {formats.time_format(local, 'TIME_FORMAT')}"


def whole_number(value: int) -> str:
    """1234 -> '1,234'."""
    return formats.number_format(value, force_grouping=True)


def hours_text(hours) -> str:
    """16 -> '16 h', 2.5 -> '2 h 30 min', 0.25 -> '15 min', 1234 -> '1,234 h'."""
    whole, minutes = divmod(int((Decimal(hours) * 60).to_integral_value()), 60)
    if whole and minutes:
        return f"{whole_number(whole)} h {minutes} min"
    if minutes:
        return f"{minutes} min"
    return f"{whole_number(whole)} h"


def one_place(value) -> str:
    """84.23 -> '84.2' (shares and percentage points are given to one place)."""
    return str(Decimal(value).quantize(Decimal("0.1")))


def decimal_text(value: Decimal) -> str:
    """A Decimal without trailing zeros or an exponent: 7.50 -> '7.5', 16.00 -> '16'."""
    return f"{Decimal(value).normalize():f}"
