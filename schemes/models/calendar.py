import secrets

from django.db import models
from django.urls import reverse


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet):
    def live(self):
        """Feeds whose owner can still sign in: an address dies with its account."""
        return self.filter(volunteer__user__is_active=True)


class CalendarFeed(models.Model):
    """A person's private calendar address. The token is the only key, so it can be reset."""

    owning_scheme = ""  # the shared person record (volunteers.ownership)

    volunteer = models.OneToOneField(
        "volunteers.Volunteer", models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CalendarFeedQuerySet.as_manager()

    def __str__(self):
        return f"Calendar feed of {self.volunteer}"

    def get_absolute_url(self):
        return reverse("schemes:calendar-feed", args=[self.token])
