"""Reminders about a person's own record: vetting (always sent) and training expiring."""

from . import outbox
from .formats import long_date
from .models import TrainingRecord, Vetting

# Reminders go out at 60, 30 and 7 days; each window is its own key, so one each.
WINDOWS = [(7, "d7"), (30, "d30"), (60, "d60")]

VETTING = outbox.kind(
    "vetting_expiring",
    "Your vetting is about to expire",
    always_because="you cannot volunteer without current vetting.",
)
TRAINING = outbox.kind("training_expiring", "Your training or a qualification is about to expire")


def _window(days_left: int) -> str | None:
    for limit, period in WINDOWS:
        if 0 <= days_left <= limit:
            return period
    return None


def _expiry_reminders(records, *, kind, ref, today, title, what, advice):
    """One reminder per record lapsing within 60 days, keyed by its 60/30/7-day window.

    `title(record)` heads the e-mail's subject, `what(record)` names the record in full in
    its body, and `advice` says what to do about it."""
    for record in records.expiring_within(60, today=today).select_related("volunteer"):
        name = what(record)
        yield outbox.Reminder(
            kind=kind.code,
            subject_ref=f"{ref}:{record.pk}",
            period=_window(record.days_left(today)),
            to=record.volunteer.email,
            volunteer=record.volunteer,
            subject=f"{title(record)} expires on {long_date(record.expires_on)}",
            template="reminder",
            context={"lines": [f"{name} expires on {long_date(record.expires_on)}.", advice]},
        )


@outbox.REMINDERS.register
def vetting_expiring(today):
    return _expiry_reminders(
        Vetting.objects.granted(),
        kind=VETTING,
        ref="vetting",
        today=today,
        title=lambda vetting: "Your vetting",
        what=lambda vetting: f"Your {vetting.get_level_display()}",
        advice="Please talk to your coordinator now about renewing it, so you can keep "
        "volunteering without a break.",
    )


@outbox.REMINDERS.register
def training_expiring(today):
    return _expiry_reminders(
        TrainingRecord.objects.select_related("course"),
        kind=TRAINING,
        ref="training",
        today=today,
        title=lambda record: str(record.course),
        what=lambda record: f"Your “{record.course}”",
        advice="Book a refresher with your coordinator so it stays current.",
    )
