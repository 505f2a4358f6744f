"""Reminders about a person's own record: vetting (always sent) and training expiring."""

from datetime import timedelta

from . import outbox
from .models import TrainingRecord, Vetting

# Reminders go out at 60, 30 and 7 days; each window is its own key, so one each.
WINDOWS = [(7, "d7"), (30, "d30"), (60, "d60")]

VETTING = outbox.Kind("vetting_expiring", "Your vetting is about to expire", optional=False)
TRAINING = outbox.Kind("training_expiring", "Your training or a qualification is about to expire")


def _window(days_left: int) -> str | None:
    for limit, period in WINDOWS:
        if 0 <= days_left <= limit:
            return period
    return None


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


@outbox.register(VETTING)
def vetting_expiring(today):
    soon = (
        Vetting.objects.granted()
        .filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=60))
        .select_related("volunteer")
    )
    for vetting in soon:
        period = _window((vetting.expires_on - today).days)
        yield outbox.Reminder(
            kind=VETTING.code,
            subject_ref=f"vetting:{vetting.pk}",
            period=period,
            to=vetting.volunteer.email,
            volunteer=vetting.volunteer,
            subject=f"Your vetting expires on {_long(vetting.expires_on)}",
            template="reminder",
            context={
                "lines": [
                    f"Your {vetting.get_level_display()} expires on {_long(vetting.expires_on)}.",
                    "Please talk to your coordinator now about renewing it, so you can keep "
                    "volunteering without a break.",
                ]
            },
        )


@outbox.register(TRAINING)
def training_expiring(today):
    soon = TrainingRecord.objects.filter(
        expires_on__gte=today, expires_on__lte=today + timedelta(days=60)
    ).select_related("volunteer", "course")
    for record in soon:
        period = _window((record.expires_on - today).days)
        yield outbox.Reminder(
            kind=TRAINING.code,
            subject_ref=f"training:{record.pk}",
            period=period,
            to=record.volunteer.email,
            volunteer=record.volunteer,
            subject=f"{record.course} expires on {_long(record.expires_on)}",
            template="reminder",
            context={
                "lines": [
                    f"Your “{record.course}” expires on {_long(record.expires_on)}.",
                    "Book a refresher with your coordinator so it stays current.",
                ]
            },
        )
