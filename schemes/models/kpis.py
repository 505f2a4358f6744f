from django.db import models
from django.db.models import Q


class KpiSnapshot(models.Model):
    """A KPI's value for a month, county-wide (no district) or for one district, and for
    one group where the KPI has groups (a scheme, or an answer to a diversity question).

    The nightly rollup writes these; the strategy dashboard reads only these, so it costs
    the same for 300 volunteers or 500,000. The target in force is kept with the value, so
    the trend shows what each month was measured against.
    """

    kpi = models.CharField(max_length=60)
    period = models.DateField(help_text="The first day of the month the value is for.")
    group = models.CharField(
        max_length=60, blank=True, default="", help_text="A scheme or an answer; blank if none."
    )
    district = models.ForeignKey(
        "volunteers.District", models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Empty when hidden: a group too small to show without identifying people.",
    )
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["kpi", "period", "group", "district__name"]
        verbose_name = "KPI figure"
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period", "group", "district"],
                condition=Q(district__isnull=False),
                name="kpisnapshot_once_per_district",
            ),
            models.UniqueConstraint(
                fields=["kpi", "period", "group"],
                condition=Q(district__isnull=True),
                name="kpisnapshot_once_countywide",
            ),
        ]

    def __str__(self):
        where = self.district or "county"
        group = f" [{self.group}]" if self.group else ""
        return f"{self.kpi}{group} {self.period:%Y-%m} {where}: {self.value}"

    @property
    def is_hidden(self) -> bool:
        return self.value is None


class KpiTarget(models.Model):
    """A target OPCC staff set for a KPI, in place of the one written in its registration.

    The strategy's delivery plan moves targets; staff change them in the admin, the
    dashboard shows the one in force at once, and the next rollup keeps it with the month's
    figures. Diversity comparisons keep the census as their benchmark.
    """

    kpi = models.CharField("KPI", max_length=60, unique=True)
    value = models.DecimalField("target", max_digits=14, decimal_places=2)
    target_on = models.DateField("to reach by", null=True, blank=True)
    ambition = models.CharField(
        max_length=200, blank=True, help_text="The ambition in the strategy's words, if new."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kpi"]
        verbose_name = "KPI target"

    def __str__(self):
        return f"{self.kpi}: {self.value}"
