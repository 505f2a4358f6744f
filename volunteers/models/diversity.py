"""Diversity data: special-category data about the nine protected characteristics.

Every answer is optional and "prefer not to say" is always offered. Only staff holding the
`volunteers.view_diversity_data` permission see a person's answers (each view is audited),
and reports show aggregates with groups smaller than settings.SMALL_GROUP_THRESHOLD hidden.
Age is the tenth column of those reports but is not asked again: it comes from the date of
birth on the person record.
"""

from django.db import models

PREFER_NOT = ("prefer_not_to_say", "Prefer not to say")


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT


class Ethnicity(models.TextChoices):
    # The five high-level groups of the 2021 Census in England and Wales.
    ASIAN = "asian", "Asian, Asian British or Asian Welsh"
    BLACK = "black", "Black, Black British, Black Welsh, Caribbean or African"
    MIXED = "mixed", "Mixed or Multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    PREFER_NOT = PREFER_NOT


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion or belief"
    PREFER_NOT = PREFER_NOT


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    PREFER_NOT = PREFER_NOT


class MaritalStatus(models.TextChoices):
    SINGLE = "single", "Never married and never in a civil partnership"
    MARRIED = "married", "Married or in a civil partnership"
    SEPARATED = "separated", "Separated"
    DIVORCED = "divorced", "Divorced or civil partnership dissolved"
    WIDOWED = "widowed", "Widowed or surviving civil partner"
    PREFER_NOT = PREFER_NOT


class DiversityProfile(models.Model):
    """One person's answers to the equality monitoring questions; every one is optional."""

    owning_scheme = ""  # the shared person record (volunteers.ownership)

    volunteer = models.OneToOneField(
        "volunteers.Volunteer", models.CASCADE, related_name="diversity"
    )
    sex = models.CharField(max_length=20, choices=Sex, blank=True)
    gender_reassignment = models.CharField(
        "gender identity different from sex registered at birth",
        max_length=20,
        choices=YesNo,
        blank=True,
    )
    disability = models.CharField(
        "disabled or long-term health condition", max_length=20, choices=YesNo, blank=True
    )
    ethnicity = models.CharField("ethnic group", max_length=20, choices=Ethnicity, blank=True)
    religion = models.CharField("religion or belief", max_length=20, choices=Religion, blank=True)
    sexual_orientation = models.CharField(max_length=20, choices=SexualOrientation, blank=True)
    marital_status = models.CharField(
        "marriage or civil partnership", max_length=20, choices=MaritalStatus, blank=True
    )
    pregnancy_maternity = models.CharField(
        "pregnant or on maternity leave", max_length=20, choices=YesNo, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "diversity profile"
        permissions = [
            ("view_diversity_data", "Can view and export diversity data"),
        ]

    def __str__(self):
        return f"Diversity profile of person {self.volunteer_id}"


# The characteristics reports break down by, in the order the pages show them.
CHARACTERISTICS = [
    "sex",
    "gender_reassignment",
    "disability",
    "ethnicity",
    "religion",
    "sexual_orientation",
    "marital_status",
    "pregnancy_maternity",
]
