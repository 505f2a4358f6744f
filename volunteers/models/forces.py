"""Forces: one OPCC can run a scheme for several (Dog Welfare is run by Hertfordshire for
Bedfordshire, Cambridgeshire and Hertfordshire). Records that belong to a force carry it,
and a force's own staff, who sign in to answer what the schemes report to them, see only
their force's records."""

from django.conf import settings
from django.db import models


class Force(models.Model):
    """A police force (loaded as data)."""

    name = models.CharField(max_length=80, unique=True)  # "Hertfordshire Constabulary"
    short_name = models.CharField(max_length=40, unique=True)  # "Hertfordshire"
    slug = models.SlugField(max_length=40, unique=True)
    is_home = models.BooleanField(
        default=False, help_text="The force whose Commissioner's office runs this installation."
    )

    class Meta:
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"], condition=models.Q(is_home=True), name="force_one_home"
            )
        ]

    def __str__(self):
        return self.short_name


class ForceStaff(models.Model):
    """Someone who works for a force and signs in to see what a scheme reports to it: a
    custody inspector answers custody visitors' concerns, a dog unit manager sees their
    force's dogs and the welfare visits to them. They see nothing of any other force."""

    class Role(models.TextChoices):
        CUSTODY_INSPECTOR = "custody-inspector", "Custody inspector"
        DOG_UNIT_MANAGER = "dog-unit-manager", "Dog unit manager"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="force_roles")
    force = models.ForeignKey(Force, models.PROTECT, related_name="staff")
    role = models.CharField(max_length=30, choices=Role)
    phone = models.CharField(max_length=30, blank=True, help_text="A number to ring at once.")

    class Meta:
        ordering = ["force", "role", "user__email"]
        verbose_name = "force staff role"
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="forcestaff_one_role_each")
        ]

    def __str__(self):
        return f"{self.user.get_full_name()} · {self.get_role_display()}, {self.force}"
