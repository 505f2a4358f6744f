from django.db import models
from django.db.models import Q


class KpiSnapshot(models.Model):
    """A KPI's value for a month, county-wide (no district) or for one district.

    The nightly rollup writes these; the strategy dashboard reads only these, so it costs
    the same for 300 volunteers or 500,000.
    """

    kpi = models.CharField(max_length=60)
    period = models.DateField(help_text="The first day of the month the value is for.")
    district = models.ForeignKey(
        "volunteers.District", models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(max_digits=14, decimal_places=2)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["kpi", "period", "district__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period", "district"],
                condition=Q(district__isnull=False),
                name="kpisnapshot_once_per_district",
            ),
            models.UniqueConstraint(
                fields=["kpi", "period"],
                condition=Q(district__isnull=True),
                name="kpisnapshot_once_countywide",
            ),
        ]

    def __str__(self):
        where = self.district or "county"
        return f"{self.kpi} {self.period:%Y-%m} {where}: {self.value}"
