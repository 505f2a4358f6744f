"""Employer Supported Policing: employers who support staff serving as Special Constables,
under a Memorandum of Agreement (not a contract); their accounts; the links Specials make to
them, with consent; and the OPCC's engagement with businesses."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Sector(models.TextChoices):
    PUBLIC = "public", "Public sector"
    HEALTH = "health", "Health and care"
    EDUCATION = "education", "Education"
    RETAIL = "retail", "Retail and hospitality"
    FINANCE = "finance", "Finance and professional services"
    TECHNOLOGY = "technology", "Technology and telecoms"
    MANUFACTURING = "manufacturing", "Manufacturing and engineering"
    CONSTRUCTION = "construction", "Construction and property"
    TRANSPORT = "transport", "Transport and logistics"
    UTILITIES = "utilities", "Energy and utilities"
    CHARITY = "charity", "Charity and voluntary sector"
    OTHER = "other", "Other"


class SizeBand(models.TextChoices):
    MICRO = "1-9", "1 to 9 staff"
    SMALL = "10-49", "10 to 49 staff"
    MEDIUM = "50-249", "50 to 249 staff"
    LARGE = "250+", "250 staff or more"


class EmployerQuerySet(models.QuerySet):
    def trusted(self):
        """Organisations staff have approved: only these are offered to Specials, and only
        these receive anything about a Special."""
        return self.filter(status__in=Employer.TRUSTED)


class Employer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved: agreement signed"
        ACTIVE = "active", "Active"
        LAPSED = "lapsed", "Lapsed"
        DECLINED = "declined", "Declined"

    class Per(models.TextChoices):
        MONTH = "month", "a month"
        YEAR = "year", "a year"

    name = models.CharField("organisation name", max_length=160)
    company_number = models.CharField(
        "Companies House number", max_length=8, blank=True, help_text="If you have one."
    )
    sector = models.CharField(max_length=20, choices=Sector)
    size_band = models.CharField("size", max_length=10, choices=SizeBand)
    address_line_1 = models.CharField("address", max_length=120)
    town = models.CharField("town or city", max_length=80)
    postcode = models.CharField(max_length=10)
    district = models.ForeignKey(
        "volunteers.District",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        help_text="Leave empty if you are outside Hertfordshire.",
    )
    contact_name = models.CharField("your name", max_length=120)
    contact_role = models.CharField("your role", max_length=120)
    contact_email = models.EmailField("your work e-mail")
    contact_phone = models.CharField("your phone", max_length=20)
    # What the employer offers Specials on its staff.
    paid_leave_hours = models.PositiveSmallIntegerField(
        "paid leave (hours)", default=0, help_text="Hours of paid leave you offer, if any."
    )
    paid_leave_per = models.CharField("per", max_length=5, choices=Per, default=Per.YEAR)
    paid_for_training = models.BooleanField("paid leave for training", default=False)
    paid_for_duties = models.BooleanField("paid leave for duties", default=False)
    unpaid_for_training = models.BooleanField("unpaid leave for training", default=False)
    unpaid_for_duties = models.BooleanField("unpaid leave for duties", default=False)
    unpaid_for_emergencies = models.BooleanField("unpaid leave for emergencies", default=False)
    flexible_working = models.BooleanField(default=False)
    promotes_specials = models.BooleanField(
        "promoting the Special Constabulary inside the business", default=False
    )
    pledged_hours = models.PositiveIntegerField("hours you pledge to release a year", default=0)
    list_publicly = models.BooleanField("list us publicly as a supporting employer", default=False)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    agreement_signed_on = models.DateField("agreement signed on", null=True, blank=True)
    agreement_signed_by = models.CharField("signed for the employer by", max_length=120, blank=True)
    possible_duplicate_of = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Another employer with the same company number or e-mail domain.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)

    objects = EmployerQuerySet.as_manager()

    TRUSTED = (Status.APPROVED, Status.ACTIVE)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_trusted(self) -> bool:
        return self.status in self.TRUSTED

    @property
    def distinct_name(self) -> str:
        """The name with what tells look-alikes apart: where, and the company number."""
        number = f", company {self.company_number}" if self.company_number else ""
        return f"{self.name} ({self.town}{number})"

    @property
    def email_domain(self) -> str:
        return self.contact_email.rsplit("@", 1)[-1].lower()

    def support_offered(self) -> list[str]:
        """What the employer offers, in words."""
        offers = []
        if self.paid_leave_hours:
            for_what = (
                " and ".join(
                    w
                    for w, on in [
                        ("training", self.paid_for_training),
                        ("duties", self.paid_for_duties),
                    ]
                    if on
                )
                or "Special Constabulary work"
            )
            offers.append(
                f"{self.paid_leave_hours} hours' paid leave {self.get_paid_leave_per_display()} "
                f"for {for_what}"
            )
        unpaid = [
            w
            for w, on in [
                ("training", self.unpaid_for_training),
                ("duties", self.unpaid_for_duties),
                ("emergencies", self.unpaid_for_emergencies),
            ]
            if on
        ]
        if unpaid:
            offers.append("unpaid leave for " + ", ".join(unpaid))
        if self.flexible_working:
            offers.append("flexible working")
        if self.promotes_specials:
            offers.append("promoting the Special Constabulary to staff")
        return offers


class EmployerStatusChange(models.Model):
    employer = models.ForeignKey(Employer, models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Employer.Status)
    to_status = models.CharField(max_length=10, choices=Employer.Status)
    reason = models.CharField(max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class EmployerAccount(models.Model):
    """A person who signs in for an employer: its contact, and colleagues they add."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="employer_account"
    )
    employer = models.ForeignKey(Employer, models.CASCADE, related_name="accounts")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} for {self.employer}"


class EmployerLinkQuerySet(models.QuerySet):
    def seen_by(self, employer):
        """The current links an employer's portal may show: none at all until staff have
        approved the organisation (or after it lapsed), so a look-alike that signed up
        gets nobody's data. Every read for an employer goes through here."""
        if employer is None or not employer.is_trusted:
            return self.none()
        return self.filter(employer=employer, ended_at__isnull=True)


class EmployerLink(models.Model):
    """A Special's employer (or that they are self-employed), and their consent to it
    seeing their hours. Nothing about the Special reaches the employer without it."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", models.CASCADE, related_name="employer_links"
    )
    employer = models.ForeignKey(
        Employer, models.CASCADE, null=True, blank=True, related_name="links"
    )
    self_employed = models.BooleanField(default=False)
    shares_hours = models.BooleanField("my employer may see my hours and training", default=False)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the employer confirmed they employ them."
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = EmployerLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer"],
                condition=Q(ended_at__isnull=True),
                name="one_current_employer",
            ),
            models.CheckConstraint(
                condition=Q(self_employed=True, employer__isnull=True)
                | Q(self_employed=False, employer__isnull=False),
                name="employer_or_self_employed",
            ),
        ]

    def __str__(self):
        return "Self-employed" if self.self_employed else f"{self.employer}"


class Engagement(models.Model):
    """Contact with a business about ESP, for the plan to reach more sectors."""

    class Kind(models.TextChoices):
        EVENT = "event", "Event"
        MEETING = "meeting", "Meeting"
        CALL = "call", "Call or e-mail"

    organisation = models.CharField(max_length=160)
    sector = models.CharField(max_length=20, choices=Sector)
    kind = models.CharField(max_length=10, choices=Kind)
    happened_on = models.DateField()
    outcome = models.CharField(max_length=200, help_text="e.g. will sign up, not now")
    notes = models.TextField(blank=True)
    employer = models.ForeignKey(
        Employer, models.SET_NULL, null=True, blank=True, related_name="engagements"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-happened_on", "-pk"]

    def __str__(self):
        return f"{self.organisation} ({self.happened_on})"
