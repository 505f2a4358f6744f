"""The monthly minimum-hours grid: who did nothing, who is below, who met it."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from schemes.models import MonthlyHours
from volunteers.formats import hours_text

ZERO = Decimal("0")


@dataclass(frozen=True)
class Cell:
    hours: Decimal
    state: str  # "none", "below", "met" or "no-minimum"
    label: str


@dataclass(frozen=True)
class Row:
    volunteer: object
    cells: list[Cell]
    total: Decimal


def judge(hours: Decimal, minimum: Decimal | None) -> Cell:
    """Red, amber or green, always with words: "None", "… (below 16 h)", "… (met)"."""
    if minimum is None:
        return Cell(hours, "no-minimum", hours_text(hours))
    if hours <= ZERO:
        return Cell(hours, "none", "None")
    if hours < minimum:
        return Cell(hours, "below", f"{hours_text(hours)} (below {hours_text(minimum)})")
    return Cell(hours, "met", f"{hours_text(hours)} (met)")


def _hours_in(months: list[date], scheme) -> Coalesce:
    """A person's approved hours in these months of the scheme, 0 for none (a subquery of
    the kept monthly totals, so ordering a county by it reads one index)."""
    total = (
        MonthlyHours.objects.filter(scheme=scheme, volunteer=OuterRef("pk"), month__in=months)
        .values("volunteer")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    hours_field = DecimalField(max_digits=9, decimal_places=2)
    return Coalesce(
        Subquery(total, output_field=hours_field), Value(ZERO), output_field=hours_field
    )


def judged_month(months: list[date], today: date) -> date:
    """The month need is judged by: the latest month shown, unless that is this month, not
    over yet (on the 3rd nearly everyone has given nothing), when it is the one before."""
    if len(months) > 1 and months[-1] == today.replace(day=1):
        return months[-2]
    return months[-1]


def most_in_need_first(people, *, scheme, months: list[date], judged: date):
    """People who gave least in the judged month first (none, then the fewest hours), then
    the least over the months shown, then by name."""
    return people.annotate(
        judged_hours=_hours_in([judged], scheme), months_hours=_hours_in(months, scheme)
    ).order_by("judged_hours", "months_hours", "last_name", "first_name", "pk")


def monthly_totals(*, scheme, volunteer_ids, months: list[date]) -> dict[tuple[int, date], Decimal]:
    """Approved hours per (person, month) in one query."""
    rows = MonthlyHours.objects.filter(
        scheme=scheme, volunteer_id__in=volunteer_ids, month__in=months
    ).values_list("volunteer_id", "month", "hours")
    return {(volunteer_id, month): hours for volunteer_id, month, hours in rows}


def grid_rows(*, scheme, volunteers, months: list[date]) -> list[Row]:
    """One row per person with a cell per month; `volunteers` is one page of people."""
    people = list(volunteers)
    totals = monthly_totals(scheme=scheme, volunteer_ids=[p.pk for p in people], months=months)
    minimum = scheme.monthly_minimum_hours
    rows = []
    for person in people:
        cells = [judge(totals.get((person.pk, month), ZERO), minimum) for month in months]
        rows.append(Row(person, cells, sum((c.hours for c in cells), ZERO)))
    return rows


def column_totals(*, scheme, volunteers, headcount: int, months: list[date]) -> list[dict]:
    """For each month, over everyone filtered (not only this page): total hours and how
    many people did nothing, were below the minimum, or met it.

    Read from the kept monthly totals (one row per person and month with any approved
    hours), so a county of a hundred thousand never adds up its entries on each view.
    """
    minimum = scheme.monthly_minimum_hours
    by_month = {
        row["month"]: row
        for row in MonthlyHours.objects.filter(
            scheme=scheme, month__in=months, volunteer_id__in=volunteers.values("pk")
        )
        .values("month")
        .annotate(
            total=Sum("hours"),
            people=Count("pk"),
            met=Count("pk", filter=Q(hours__gte=minimum if minimum is not None else 0)),
        )
        .order_by()
    }
    columns = []
    for month in months:
        row = by_month.get(month, {"total": ZERO, "people": 0, "met": 0})
        met = row["met"] if minimum is not None else 0
        columns.append(
            {
                "month": month,
                "hours": Decimal(row["total"]),
                "none": headcount - row["people"],
                "below": row["people"] - met if minimum is not None else 0,
                "met": met,
            }
        )
    return columns
