"""A Special Constable's service record: rank, postings to teams, attestation, and the
pathway to Independent Patrol Status, each step signed off by a supervisor.

The person is the shared `Volunteer`; membership of the Special Constabulary is the
ordinary `Membership`. Everything here hangs off the person and is audited like any other
change to them.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone


class Rank(models.TextChoices):
    # In order of seniority.
    CONSTABLE = "sc", "Special Constable"
    SERGEANT = "ssgt", "Special Sergeant"
    INSPECTOR = "sinsp", "Special Inspector"
    CHIEF_INSPECTOR = "sci", "Special Chief Inspector"
    SUPERINTENDENT = "ssupt", "Special Superintendent"
    CHIEF_OFFICER = "sco", "Special Chief Officer"


class Team(models.Model):
    """Where a Special can be posted: shipped as data, one Neighbourhood Policing Team per
    district, and the specialist teams."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    district = models.ForeignKey(
        "volunteers.District", models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(max_length=240, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ServiceRecord(models.Model):
    """The Special's record: current rank (kept in step with the rank history), the date
    they were attested, and when they reached Independent Patrol Status."""

    volunteer = models.OneToOneField(
        "volunteers.Volunteer", models.CASCADE, related_name="service_record"
    )
    rank = models.CharField(max_length=5, choices=Rank, default=Rank.CONSTABLE)
    attested_on = models.DateField(
        "attested on", null=True, blank=True, help_text="The day they swore the oath."
    )
    warrant_number = models.CharField(max_length=20, blank=True)
    independent_patrol_on = models.DateField(
        "Independent Patrol Status since", null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "service record"

    def __str__(self):
        return f"{self.get_rank_display()} – person {self.volunteer_id}"

    def get_absolute_url(self):
        return reverse("careers:special-detail", args=[self.volunteer_id])

    @property
    def has_independent_patrol(self) -> bool:
        return self.independent_patrol_on is not None


class RankChange(models.Model):
    """One step in a Special's rank history (promotion, or a return to a lower rank)."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="rank_changes"
    )
    rank = models.CharField(max_length=5, choices=Rank)
    effective_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-effective_on", "-pk"]

    def __str__(self):
        return f"{self.get_rank_display()} from {self.effective_on}"


class PostingQuerySet(models.QuerySet):
    def current(self, *, on=None):
        day = on or timezone.localdate()
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )


class Posting(models.Model):
    """A Special's time with a team."""

    volunteer = models.ForeignKey("volunteers.Volunteer", models.CASCADE, related_name="postings")
    team = models.ForeignKey(Team, models.PROTECT, related_name="postings")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Leave empty while it lasts.")
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PostingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="posting_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.team} from {self.starts_on}"


class Step(models.TextChoices):
    # The pathway to competence, in the order it is walked.
    INITIAL_TRAINING = "initial_training", "Initial training completed"
    SUPERVISED_1 = "supervised_1", "Supervised phase 1: tutored patrol"
    SUPERVISED_2 = "supervised_2", "Supervised phase 2: assessed patrol"
    INDEPENDENT_PATROL = "independent_patrol", "Independent Patrol Status"


STEP_ORDER = list(Step)


class CompetenceSignOff(models.Model):
    """A supervisor signs off one step of a Special's pathway to competence."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="competence_sign_offs"
    )
    step = models.CharField(max_length=20, choices=Step)
    signed_off_on = models.DateField()
    signed_off_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, related_name="+"
    )
    evidence = models.TextField(
        help_text="What the Special showed: duties, PDR entries, assessments."
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["signed_off_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "step"], name="one_sign_off_per_step")
        ]

    def __str__(self):
        return f"{self.get_step_display()} on {self.signed_off_on}"


class Pathway(models.Model):
    """A specialist career pathway a Special can apply for once they meet its conditions."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    team = models.ForeignKey(
        Team, models.PROTECT, related_name="pathways", help_text="Where accepted Specials go."
    )
    description = models.TextField()
    needs_independent_patrol = models.BooleanField("needs Independent Patrol Status", default=True)
    min_months_service = models.PositiveSmallIntegerField("months of service at least", default=0)
    min_recent_hours = models.DecimalField(
        "hours in the last 6 months at least", max_digits=6, decimal_places=2, default=0
    )
    required_course = models.ForeignKey(
        "volunteers.Course",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="training needed",
        help_text="Must be current when they apply.",
    )
    lead = models.ForeignKey(
        "volunteers.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_pathways",
        help_text="Decides applications, with the Special Constabulary's managers.",
    )
    is_open = models.BooleanField("taking applications", default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=PathwayApplication.Status.APPLIED)


class PathwayApplication(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Not this time"
        WITHDRAWN = "withdrawn", "Withdrawn"

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="pathway_applications"
    )
    pathway = models.ForeignKey(Pathway, models.PROTECT, related_name="applications")
    statement = models.TextField("why you want to join, and what you bring")
    applied_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status, default=Status.APPLIED)
    decided_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why, in words the Special will read.")
    posting = models.OneToOneField(
        Posting, models.SET_NULL, null=True, blank=True, related_name="application"
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "pathway"],
                condition=models.Q(status="applied"),
                name="one_open_application_per_pathway",
            )
        ]

    def __str__(self):
        return f"{self.pathway}: {self.get_status_display()}"


class RegularRoute(models.Model):
    """A Special's interest in becoming a regular officer, and how it turned out."""

    class Stage(models.TextChoices):
        INTERESTED = "interested", "Interested"
        APPLIED = "applied", "Applied to the force"
        ASSESSMENT = "assessment", "In assessment"
        OFFERED = "offered", "Offered a place"
        JOINED = "joined", "Joined as a regular officer"
        NOT_NOW = "not_now", "Not going ahead"

    volunteer = models.OneToOneField(
        "volunteers.Volunteer", models.CASCADE, related_name="regular_route"
    )
    stage = models.CharField(max_length=12, choices=Stage, default=Stage.INTERESTED)
    recorded_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    note = models.CharField(max_length=300, blank=True)
    updated_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "route to regular officer"

    def __str__(self):
        return f"{self.get_stage_display()} – person {self.volunteer_id}"


class Suggestion(models.Model):
    """A Special's suggestion on the Special Constabulary Strategy, and the answer."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for an answer"
        ANSWERED = "answered", "Answered"
        ADOPTED = "adopted", "Adopted"
        DECLINED = "declined", "Not adopted"

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="suggestions"
    )
    title = models.CharField("your suggestion in a line", max_length=120)
    body = models.TextField("tell us more")
    hide_name = models.BooleanField(
        "hide my name from my line managers",
        default=False,
        help_text="OPCC staff and senior officers still see it, so they can answer you.",
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    answer = models.TextField(blank=True)
    we_did = models.TextField(
        "what we did", blank=True, help_text="For the “you said, we did” page."
    )
    answered_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def given_anonymously(self) -> bool:
        """A hidden name is never linked to the suggestion by the audit trail."""
        return self.hide_name


class CountedHours(models.Model):
    """Whether one kind of hours (duty, training, ESP release…) counts towards the Specials'
    monthly minimum: a setting per kind, changed in the admin."""

    kind = models.CharField(max_length=20, unique=True)
    counts = models.BooleanField("counts towards the minimum", default=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = "kind of hours counted"
        verbose_name_plural = "kinds of hours counted"

    def __str__(self):
        return f"{self.kind}: {'counts' if self.counts else 'does not count'}"


class LeaveOfAbsence(models.Model):
    """Time away that pauses the attendance series: no letters for months it touches."""

    class Kind(models.TextChoices):
        SICKNESS = "sickness", "Sickness"
        PARENTAL = "parental", "Maternity, paternity or adoption"
        STUDY = "study", "Study or exams"
        OTHER = "other", "Other agreed leave"

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="leaves_of_absence"
    )
    kind = models.CharField(max_length=10, choices=Kind)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Leave empty until known.")
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name_plural = "leaves of absence"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="leave_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.starts_on}"


class AttendanceAction(models.Model):
    """One step of the series for a month below the minimum: a reminder, then letters 1 to
    3, then a review meeting. The letter's words are kept as they were issued."""

    class Stage(models.TextChoices):
        REMINDER = "reminder", "Reminder"
        LETTER_1 = "letter_1", "Unsatisfactory attendance letter 1"
        LETTER_2 = "letter_2", "Unsatisfactory attendance letter 2"
        LETTER_3 = "letter_3", "Unsatisfactory attendance letter 3"
        REVIEW = "review", "Attendance review meeting"

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="attendance_actions"
    )
    stage = models.CharField(max_length=10, choices=Stage)
    month = models.DateField(help_text="The first day of the month that fell short.")
    hours = models.DecimalField(max_digits=6, decimal_places=2)
    minimum = models.DecimalField(max_digits=5, decimal_places=2)
    issued_on = models.DateField()
    issued_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(help_text="The letter as issued.")

    class Meta:
        ordering = ["-month", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "month"], name="one_action_a_month")
        ]

    def __str__(self):
        return f"{self.get_stage_display()} for {self.month:%B %Y}"

    def get_absolute_url(self):
        return reverse("careers:letter", args=[self.pk])

    @staticmethod
    def reference_for(volunteer_id: int, month) -> str:
        """The reference a letter carries: one action a person a month, so it is unique
        and known before the action is saved."""
        return f"SC/ATT/{volunteer_id}/{month:%Y-%m}"

    @property
    def reference(self) -> str:
        return self.reference_for(self.volunteer_id, self.month)


class Award(models.Model):
    """An award or commendation on a Special's record, in the categories regular officers
    have; shown on their portal."""

    class Category(models.TextChoices):
        KINGS_POLICE_MEDAL = "kpm", "King's Police Medal"
        CHIEF_CONSTABLE_COMMENDATION = "cc_commendation", "Chief Constable's Commendation"
        CHIEF_CONSTABLE_CERTIFICATE = "cc_certificate", "Chief Constable's Certificate of Merit"
        COMMAND_COMMENDATION = "command_commendation", "Command or Divisional Commendation"
        LONG_SERVICE_MEDAL = "long_service", "Special Constabulary Long Service Medal"
        LONG_SERVICE_CLASP = "long_service_clasp", "Long Service Medal clasp"
        CORONATION_MEDAL = "coronation", "King Charles III Coronation Medal"
        LORD_LIEUTENANT = "lord_lieutenant", "Lord-Lieutenant's Certificate"
        OTHER = "other", "Other recognition"

    volunteer = models.ForeignKey("volunteers.Volunteer", models.CASCADE, related_name="awards")
    category = models.CharField(max_length=24, choices=Category)
    awarded_on = models.DateField()
    citation = models.TextField(blank=True, help_text="What it was for, as it will be read.")
    recorded_by = models.ForeignKey(
        "volunteers.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-awarded_on", "-pk"]

    def __str__(self):
        return f"{self.get_category_display()} ({self.awarded_on})"
