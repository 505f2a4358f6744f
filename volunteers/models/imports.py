"""Bringing people in from a spreadsheet: one upload, checked row by row, then written."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class PeopleImport(models.Model):
    """One spreadsheet of people brought in. Its rows are kept as read, with each row's
    problems once checked, and after writing, what happened to each row."""

    owning_scheme = ""  # the shared person record (volunteers.ownership)

    class Status(models.TextChoices):
        CHECKING = "checking", "Being checked"
        CHECKED = "checked", "Checked: ready to bring in"
        PROBLEMS = "problems", "Has problems to fix"
        WRITING = "writing", "Being brought in"
        DONE = "done", "Brought in"
        FAILED = "failed", "Could not be finished"

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status, default=Status.CHECKING)
    # [{column: text}], as read from the file (row 2 of the sheet is the first).
    rows = models.JSONField(default=list)
    # [[row number, [problem, ...], the names on the row], ...] for the rows that have any.
    problems = models.JSONField(default=list)
    file_problems = models.JSONField(default=list)
    # [[row number, e-mail, outcome, what changed], ...] once written.
    outcomes = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(
        default=0, help_text="Rows whose e-mail is someone's already here, once checked."
    )
    done = models.PositiveIntegerField(default=0, help_text="Rows through the current step.")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="How long the writing took.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "people import"

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("volunteers:import-detail", args=[self.pk])

    @property
    def percent(self) -> int:
        return round(self.done * 100 / self.total) if self.total else 0

    @property
    def is_busy(self) -> bool:
        return self.status in {self.Status.CHECKING, self.Status.WRITING}

    def preview(self, count: int = 10) -> list[dict[str, str]]:
        """The first rows as read, for the check page to show who is coming in."""
        return self.rows[:count]

    def counts(self) -> dict[str, int]:
        tally: dict[str, int] = {}
        for _, _, outcome, _ in self.outcomes:
            tally[outcome] = tally.get(outcome, 0) + 1
        return tally
