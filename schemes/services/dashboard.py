"""The strategy dashboard, built from KPI snapshots alone.

Nothing here counts people or hours: it reads the rows the nightly rollup wrote, a few
hundred a month whatever the size of the county, so the page costs the same for 300
volunteers or 500,000.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q
from django.utils import timezone

from volunteers.formats import decimal_text
from volunteers.models import District

from ..kpi_registry import PRIORITIES, Kpi, all_kpis
from ..kpis import scheme_groups
from ..models import KpiSnapshot, KpiTarget

TREND_MONTHS = 12
# The chart's drawing area, in the SVG's own units (it scales to the page's width).
CHART_WIDTH, CHART_HEIGHT = 360, 120
STALE_AFTER_DAYS = 2


@dataclass
class Bar:
    period: date
    value: Decimal | None
    x: float
    y: float
    width: float
    height: float

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class Chart:
    bars: list[Bar]
    target_y: float | None  # where the target line crosses, when there is a target


@dataclass
class GroupRow:
    code: str
    label: str
    value: Decimal | None
    target: Decimal | None
    hidden: bool

    @property
    def difference(self) -> Decimal | None:
        if self.value is None or self.target is None:
            return None
        return self.value - self.target


@dataclass
class Card:
    kpi: Kpi
    value: Decimal | None
    target: Decimal | None
    previous: Decimal | None
    state: str  # "met", "below" or "other": the colour, always with words
    status: str
    trend: list[tuple[date, Decimal | None, Decimal | None]]
    chart: Chart | None
    groups: list[GroupRow] = field(default_factory=list)
    target_on: date | None = None
    ambition: str = ""

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def breakdown(self) -> list[GroupRow]:
        """A KPI's own groups (not schemes, which have their table) under its headline."""
        if self.kpi.groups is scheme_groups:
            return []
        return [group for group in self.groups if group.code]


@dataclass
class Heading:
    """What the top of the page says, and a version of the figures below it that changes
    whenever they would: a month rolled up again, a target set or removed."""

    period: date | None
    periods: list[date]
    window: list[date]  # the months of the trend, oldest first
    computed_at: object | None
    is_stale: bool
    version: str


@dataclass
class Dashboard:
    """The figures of one month, drawn below its `Heading`."""

    period: date | None
    priorities: list[dict]
    district_kpis: list[Kpi]
    district_rows: list[dict]
    scheme_kpis: list[Kpi]
    scheme_rows: list[dict]
    diversity: list[Card]


def available_periods() -> list[date]:
    return list(KpiSnapshot.objects.order_by("-period").values_list("period", flat=True).distinct())


def status_of(kpi: Kpi, value, target) -> tuple[str, str]:
    """How a figure stands against its target, in words (colour alone never tells)."""
    if value is None:
        return "other", "Not worked out yet"
    if target is None:
        return "other", "No target set"
    ahead = value >= target if kpi.higher_is_better else value <= target
    if kpi.target_from:
        return ("met", "Up on a year ago") if value > target else ("below", "Not up on a year ago")
    if ahead:
        return "met", "Target met"
    return "below", "Below target"


def chart_for(trend: list[tuple[date, Decimal | None, Decimal | None]]) -> Chart | None:
    values = [value for _, value, _ in trend if value is not None]
    if not values:
        return None
    target = trend[-1][2]
    top = max([*values, target or 0]) or Decimal(1)
    slot = CHART_WIDTH / TREND_MONTHS
    offset = (TREND_MONTHS - len(trend)) * slot  # the newest month always sits on the right
    bars = []
    for i, (period, value, _) in enumerate(trend):
        height = float((value or 0) / top) * CHART_HEIGHT
        bars.append(
            Bar(
                period=period,
                value=value,
                x=round(offset + i * slot + slot * 0.15, 1),
                y=round(CHART_HEIGHT - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
            )
        )
    target_y = round(CHART_HEIGHT - float(target / top) * CHART_HEIGHT, 1) if target else None
    return Chart(bars=bars, target_y=target_y)


def _group_labels(kpis: list[Kpi]) -> dict[str, list[tuple[str, str]]]:
    """Each grouped KPI's groups, asking each `groups` function once (schemes: one query)."""
    asked: dict = {}
    labels = {}
    for kpi in kpis:
        if kpi.groups:
            if kpi.groups not in asked:
                asked[kpi.groups] = kpi.groups()
            labels[kpi.code] = asked[kpi.groups]
    return labels


def heading(period: date | None = None, *, today: date | None = None) -> Heading:
    """The month shown (the one asked for, or the latest) and when its figures were worked
    out, in three small queries."""
    today = today or timezone.localdate()
    periods = available_periods()
    if period not in periods:
        period = periods[0] if periods else None
    window = [p for p in periods if period and p <= period][:TREND_MONTHS][::-1]
    worked_out = KpiSnapshot.objects.filter(period__in=window).aggregate(
        shown=Max("computed_at", filter=Q(period=period, district__isnull=True)),
        any=Max("computed_at"),
    )
    targets = KpiTarget.objects.aggregate(count=Count("pk"), last=Max("updated_at"))
    computed_at = worked_out["shown"]
    latest = periods[0] if periods else None
    return Heading(
        period=period,
        periods=periods,
        window=window,
        computed_at=computed_at,
        is_stale=bool(
            computed_at and (today - timezone.localdate(computed_at)).days > STALE_AFTER_DAYS
        )
        and period == latest,
        version="|".join(
            str(part)
            for part in (
                period,
                latest,
                len(window),
                worked_out["any"] and worked_out["any"].isoformat(),
                targets["count"],
                targets["last"] and targets["last"].isoformat(),
            )
        ),
    )


def build(head: Heading) -> Dashboard:
    period, periods, window = head.period, head.periods, head.window
    kpis = all_kpis()
    labels = _group_labels(kpis)
    # Targets staff have set apply now: to the latest month, whatever the rollup kept.
    set_by_staff = {target.kpi: target for target in KpiTarget.objects.all()}
    county = {}
    if period:
        for row in KpiSnapshot.objects.filter(period__in=window, district__isnull=True):
            county[(row.kpi, row.group, row.period)] = row

    def card(kpi: Kpi) -> Card:
        trend = [
            (
                p,
                getattr(county.get((kpi.code, "", p)), "value", None),
                getattr(county.get((kpi.code, "", p)), "target", None),
            )
            for p in window
        ]
        now = county.get((kpi.code, "", period))
        before = trend[-2][1] if len(trend) > 1 else None
        value, target = getattr(now, "value", None), getattr(now, "target", None)
        target_on = kpi.target_on
        staff_target = set_by_staff.get(kpi.code)
        if staff_target and periods and period == periods[0]:
            target, target_on = staff_target.value, staff_target.target_on
        state, words = status_of(kpi, value, target)
        groups = [
            GroupRow(
                code,
                label,
                getattr(county.get((kpi.code, code, period)), "value", None),
                getattr(county.get((kpi.code, code, period)), "target", None),
                hidden=(kpi.code, code, period) in county
                and county[(kpi.code, code, period)].value is None,
            )
            for code, label in labels.get(kpi.code, [])
        ]
        return Card(
            kpi,
            value,
            target,
            before,
            state,
            words,
            trend,
            chart_for(trend),
            groups,
            target_on=target_on,
            ambition=(staff_target.ambition if staff_target else "") or kpi.ambition,
        )

    diversity = [kpi for kpi in kpis if kpi.code.startswith("diversity_")]
    headline = [kpi for kpi in kpis if kpi not in diversity]
    priorities = [
        {
            "key": key,
            "title": title,
            "cards": [card(kpi) for kpi in headline if kpi.priority == key],
        }
        for key, title in PRIORITIES.items()
    ]
    district_kpis = [kpi for kpi in headline if kpi.by_district]
    scheme_kpis = [kpi for kpi in headline if kpi.groups is scheme_groups]
    return Dashboard(
        period=period,
        priorities=priorities,
        district_kpis=district_kpis,
        district_rows=_district_rows(district_kpis, period, county),
        scheme_kpis=scheme_kpis,
        scheme_rows=_scheme_rows(scheme_kpis, labels, period, county),
        diversity=[card(kpi) for kpi in diversity],
    )


def _district_rows(kpis: list[Kpi], period, county) -> list[dict]:
    if not period or not kpis:
        return []
    found = {
        (row.kpi, row.district_id): row.value
        for row in KpiSnapshot.objects.filter(
            period=period, group="", kpi__in=[k.code for k in kpis], district__isnull=False
        )
    }
    rows = [
        {
            "name": district.name,
            "cells": [(found.get((kpi.code, district.pk)), kpi.unit) for kpi in kpis],
        }
        for district in District.objects.order_by("name")
    ]
    rows.append(
        {
            "name": "Whole county",
            "is_total": True,
            "cells": [
                (getattr(county.get((kpi.code, "", period)), "value", None), kpi.unit)
                for kpi in kpis
            ],
        }
    )
    return rows


def _scheme_rows(kpis: list[Kpi], labels, period, county) -> list[dict]:
    if not period or not kpis:
        return []
    rows = []
    for code, label in labels[kpis[0].code]:
        cells = [
            (getattr(county.get((kpi.code, code, period)), "value", None), kpi.unit) for kpi in kpis
        ]
        rows.append({"name": label, "cells": cells, "is_total": code == ""})
    return rows[1:] + rows[:1]  # "All schemes" last, as the total


def export_rows(period: date):
    """Every snapshot of the twelve months up to `period`, for the CSV."""
    titles = {kpi.code: kpi for kpi in all_kpis()}
    hidden = "hidden (a small group, or one that would give a small group away)"
    start = date(period.year - 1, period.month, 1)
    rows = (
        KpiSnapshot.objects.filter(period__gt=start, period__lte=period)
        .select_related("district")
        .order_by("kpi", "group", "period", "district__name")
    )
    for row in rows.iterator(chunk_size=2000):
        kpi = titles.get(row.kpi)
        yield [
            PRIORITIES[kpi.priority] if kpi else "",
            row.kpi,
            kpi.title if kpi else row.kpi,
            f"{row.period:%Y-%m}",
            row.group,
            row.district.name if row.district else "Whole county",
            hidden if row.value is None else decimal_text(row.value),  # 263, not 263.00
            "" if row.target is None else decimal_text(row.target),
            kpi.unit if kpi else "",
            timezone.localtime(row.computed_at).strftime("%Y-%m-%d %H:%M"),
        ]


EXPORT_HEADER = [
    "Strategic priority",
    "KPI code",
    "KPI",
    "Month",
    "Group",
    "Area",
    "Value",
    "Target",
    "Unit",
    "Worked out at",
]
