from django.db import models
from django.urls import reverse


class District(models.Model):
    """One of the ten districts and boroughs of Hertfordshire (loaded as data)."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SchemeQuerySet(models.QuerySet):
    def joined_by(self, volunteer):
        """The schemes this person belongs to and has not left."""
        from .people import Membership

        current = Membership.objects.filter(volunteer=volunteer).exclude(
            status=Membership.Status.LEFT
        )
        return self.filter(pk__in=current.values("scheme_id"))

    def visible_to(self, user):
        from volunteers import permissions

        return permissions.schemes_visible_to(user, self)


class Scheme(models.Model):
    """A volunteer scheme of the catalogue (loaded as data; each scheme app adds its own)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    summary = models.TextField(help_text="What the scheme does, in a sentence or two.")
    who_can_join = models.CharField(max_length=200, blank=True)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    monthly_minimum_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Hours each member should give a month; leave empty for no minimum.",
    )

    objects = SchemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("volunteers:people-list") + f"?scheme={self.slug}"
