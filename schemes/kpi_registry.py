"""The KPI registry and the rollup that turns each KPI into monthly snapshots.

Each app's `kpis.py` registers `Kpi`s. `rollup(period)` computes every one for a month and
replaces that month's snapshots in one transaction, so running it twice gives the same
rows, never duplicates.

A KPI's `compute(period)` returns {district id, or None for the county: value}. A KPI
broken down into groups (`groups` is set: schemes, or the answers to a diversity
question) returns {group code: {district or None: value}} instead. A value of None means
"hidden": a group of fewer than SMALL_GROUP_THRESHOLD people, whose figure could identify
them, is never stored.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from volunteers import dates
from volunteers.plugins import Registry

from .models import KpiSnapshot, KpiTarget

# The four strategic priorities of the Volunteering Strategy 2021-2026 the KPIs report
# against, in the strategy's order.
PRIORITIES = {
    "grow": "Grow and diversify our volunteers",
    "value": "Value, develop and retain volunteers",
    "deliver": "Deliver for communities",
    "assure": "Assure quality and safety",
}

Values = dict[int | None, Decimal | None]


@dataclass(frozen=True)
class Kpi:
    code: str
    title: str
    priority: str  # a key of PRIORITIES
    unit: str  # "people", "hours", "%"
    compute: Callable[[date], Values | dict[str, Values]]
    target: Decimal | None = None
    target_on: date | None = None
    by_district: bool = False
    ambition: str = ""
    # For a KPI in groups: () -> [(code, label)], in the order to show them.
    groups: Callable[[], list[tuple[str, str]]] | None = None
    # A target for each group, e.g. the county's census share; falls back to `target`.
    group_targets: dict[str, Decimal] = field(default_factory=dict)
    # A target that moves with the period, e.g. "up on the same month last year".
    target_from: Callable[[date], Decimal | None] | None = None
    # Where a comparison's figures come from, shown beside it.
    source: str = ""
    # True when a higher value is better (the trend arrow and "on track" read it).
    higher_is_better: bool = True

    @property
    def against_last_year(self) -> bool:
        """Measured against a moving target (templates would call `target_from` itself)."""
        return self.target_from is not None

    def target_for(self, group: str) -> Decimal | None:
        return self.group_targets.get(group, self.target)


def _check_priority(kpi: Kpi) -> None:
    if kpi.priority not in PRIORITIES:
        raise ValueError(f"Unknown strategic priority {kpi.priority!r} for {kpi.code}.")


# Each app's kpis.py registers what it measures (volunteers/plugins.py).
KPIS: Registry[Kpi] = Registry("KPIs", key=lambda kpi: kpi.code, check=_check_priority)


def all_kpis() -> list[Kpi]:
    return list(KPIS)


def get(code: str) -> Kpi | None:
    return KPIS.get(code)


def _snapshots(kpi: Kpi, period: date, now, set_by_staff: KpiTarget | None) -> list[KpiSnapshot]:
    values = kpi.compute(period)
    moving_target = kpi.target_from(period) if kpi.target_from else None
    grouped = values if kpi.groups else {"": values}

    def target(group: str) -> Decimal | None:
        if set_by_staff and group == "":
            return set_by_staff.value
        return moving_target if kpi.target_from else kpi.target_for(group)

    rows = []
    for group, by_district in grouped.items():
        if not kpi.by_district:
            by_district = {None: by_district.get(None, Decimal("0"))}
        rows += [
            KpiSnapshot(
                kpi=kpi.code,
                period=period,
                group=group,
                district_id=district,
                value=value,
                target=target(group),
                computed_at=now,
            )
            for district, value in by_district.items()
        ]
    return rows


@transaction.atomic
def rollup(*, period: date | None = None) -> int:
    """Compute every KPI for the month containing `period`; returns the snapshots written."""
    period = dates.month_start(period or timezone.localdate())
    now = timezone.now()
    set_by_staff = {target.kpi: target for target in KpiTarget.objects.all()}
    rows = [
        row
        for kpi in all_kpis()
        for row in _snapshots(kpi, period, now, set_by_staff.get(kpi.code))
    ]
    KpiSnapshot.objects.filter(period=period).delete()
    KpiSnapshot.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
