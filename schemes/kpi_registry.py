"""The KPI registry and the rollup that turns each KPI into monthly snapshots.

Each app's `kpis.py` registers `Kpi`s. `rollup(period)` computes every one for a month and
replaces that month's snapshots in one transaction, so running it twice gives the same
rows, never duplicates.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import KpiSnapshot

# The four strategic priorities of the Volunteering Strategy the KPIs report against.
PRIORITIES = {
    "grow": "Grow and diversify our volunteers",
    "value": "Value, develop and retain volunteers",
    "deliver": "Deliver for communities",
    "assure": "Assure quality and safety",
}


@dataclass(frozen=True)
class Kpi:
    code: str
    title: str
    priority: str  # a key of PRIORITIES
    unit: str  # "people", "hours", "%"
    # period -> {district id, or None for the county: value}
    compute: Callable[[date], dict[int | None, Decimal]]
    target: Decimal | None = None
    target_on: date | None = None
    by_district: bool = False
    ambition: str = ""


_registry: dict[str, Kpi] = {}


def register(kpi: Kpi) -> Kpi:
    if kpi.priority not in PRIORITIES:
        raise ValueError(f"Unknown strategic priority {kpi.priority!r} for {kpi.code}.")
    _registry[kpi.code] = kpi
    return kpi


def all_kpis() -> list[Kpi]:
    autodiscover_modules("kpis")
    return list(_registry.values())


def month_of(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def rollup(*, period: date | None = None) -> int:
    """Compute every KPI for the month containing `period`; returns the snapshots written."""
    period = month_of(period or timezone.localdate())
    now = timezone.now()
    rows = []
    for kpi in all_kpis():
        values = kpi.compute(period)
        if not kpi.by_district:
            values = {None: values.get(None, Decimal("0"))}
        rows += [
            KpiSnapshot(
                kpi=kpi.code, period=period, district_id=district, value=value, computed_at=now
            )
            for district, value in values.items()
        ]
    KpiSnapshot.objects.filter(period=period).delete()
    KpiSnapshot.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
