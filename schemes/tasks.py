"""Celery tasks of the duties and KPIs app."""

from celery import shared_task


@shared_task
def rollup_kpis() -> int:
    """Nightly: this month's KPI snapshots, replacing any from an earlier run."""
    from .kpi_registry import rollup

    return rollup()
