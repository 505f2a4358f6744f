"""What a scrutiny visit finds, and the loop that follows a concern until it is answered.

The scrutiny schemes (custody visits, dog welfare visits) share one pattern: visitors go
through a checklist, each check satisfactory, a concern or not seen, with a note; every
concern becomes a `FollowUp` that goes to the force, which answers by a due date (the
scheme manager is reminded once when it is late). An answer closes it and the visitors
who raised it are told what was done; a manager not satisfied, or tired of waiting, sends
it to the OPCC lead, who closes it with an outcome. Each scheme app keeps its own concrete
follow-up model (tied to its own report) on this abstract one; the loop's services are in
schemes/services/followups.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class CheckResult(models.TextChoices):
    SATISFACTORY = "ok", "Satisfactory"
    CONCERN = "concern", "Concern"
    NOT_SEEN = "not-seen", "Not seen"


class FollowUpQuerySet(models.QuerySet):
    def still_open(self):
        return self.exclude(status=FollowUp.Status.CLOSED)

    def overdue(self, today):
        """With the force past the day its answer was due."""
        return self.filter(status=FollowUp.Status.WITH_FORCE, due_on__lt=today)


class FollowUp(models.Model):
    class Status(models.TextChoices):
        WITH_FORCE = "with-force", "With the force"
        ESCALATED = "escalated", "With the OPCC lead"
        CLOSED = "closed", "Closed"

    section = models.CharField(max_length=40)  # the checklist section's code
    check_code = models.CharField(max_length=40)  # the check's code
    concern = models.TextField(help_text="What the visitors saw.")
    status = models.CharField(max_length=12, choices=Status, default=Status.WITH_FORCE)
    raised_at = models.DateTimeField()
    due_on = models.DateField(help_text="When the force's answer is due.")
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_note = models.TextField(blank=True)
    outcome = models.TextField(blank=True, help_text="The OPCC lead's conclusion.")
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="%(app_label)s_%(class)s_closed_has_date",
            )
        ]

    def __str__(self):
        return f"{self.where()}: {self.check_label()} ({self.get_status_display().lower()})"

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.WITH_FORCE and self.due_on < today

    def days_to_close(self) -> int | None:
        if self.closed_at is None:
            return None
        return (self.closed_at - self.raised_at).days

    # What each scheme's concrete follow-up says about itself.
    checklist = None  # the scheme's schemes.checklists.Checklist

    @property
    def is_serious(self) -> bool:
        """Raised as a serious concern, phoned to the force at once (where a scheme has
        them: a dog at risk now)."""
        return False

    @property
    def phoned_at(self):
        return None

    def check_label(self) -> str:
        return self.checklist.label_of(self.check_code) if self.checklist else self.check_code

    def section_title(self) -> str:
        return self.checklist.section_title(self.section) if self.checklist else self.section

    def where(self) -> str:  # "Hatfield custody suite", "PD Rex, Bedfordshire"
        raise NotImplementedError

    def visitors(self) -> list:  # the volunteers who raised it, to be told the answer
        raise NotImplementedError

    def force_contacts(self) -> list:  # [(name, e-mail)] at the force to answer it
        raise NotImplementedError

    def managers(self) -> list:  # [(name, e-mail)] who run the scheme
        raise NotImplementedError
