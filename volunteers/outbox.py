"""Reminders: the registry apps add to, the sweep that queues them, and the dispatcher.

Each app's `reminders.py` registers functions that yield the reminders due on a day. The
hourly sweep renders them into the `Notification` outbox under a unique key, so finding the
same reminder again queues nothing. The dispatcher claims due rows with
`SELECT … FOR UPDATE SKIP LOCKED` (two dispatchers never take the same row), sends them,
and retries passing SMTP failures with backoff; a row claimed by a worker that died is
claimed again once its lease runs out. Nothing waits in the broker, so a Redis outage only
delays sending.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import Notification, ReminderOptOut

MAX_ATTEMPTS = 5
BATCH = 50


@dataclass(frozen=True)
class Kind:
    code: str
    title: str  # what the person sees on their notification settings
    optional: bool = True


@dataclass
class Reminder:
    kind: str
    subject_ref: str
    period: str
    to: str
    subject: str
    template: str
    context: dict = field(default_factory=dict)
    volunteer: object | None = None


_kinds: dict[str, Kind] = {}
_finders: list[Callable[[date], Iterable[Reminder]]] = []


def register(kind: Kind):
    """Decorate a function today -> reminders due, for a kind of reminder."""
    _kinds[kind.code] = kind

    def decorator(finder):
        _finders.append(finder)
        return finder

    return decorator


def kinds() -> list[Kind]:
    _discover()
    return sorted(_kinds.values(), key=lambda k: (not k.optional, k.title))


def _discover() -> None:
    autodiscover_modules("reminders")


def sweep(*, today: date | None = None) -> int:
    """Queue every reminder now due; returns how many new messages were queued."""
    _discover()
    today = today or timezone.localdate()
    opted_out = set(ReminderOptOut.objects.values_list("volunteer_id", "kind"))
    rows = []
    for finder in _finders:
        for reminder in finder(today):
            kind = _kinds[reminder.kind]
            volunteer_id = getattr(reminder.volunteer, "pk", None)
            if kind.optional and (volunteer_id, kind.code) in opted_out:
                continue
            context = {**reminder.context, "volunteer": reminder.volunteer}
            rows.append(
                Notification(
                    kind=kind.code,
                    subject_ref=reminder.subject_ref,
                    period=reminder.period,
                    volunteer=reminder.volunteer,
                    to=reminder.to,
                    subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{reminder.subject}",
                    body_text=render_to_string(f"emails/{reminder.template}.txt", context),
                    body_html=render_to_string(f"emails/{reminder.template}.html", context),
                )
            )
    before = Notification.objects.count()
    Notification.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return Notification.objects.count() - before


def _claim(*, now, limit: int) -> list[Notification]:
    with transaction.atomic():
        batch = list(
            Notification.objects.due(now=now)
            .order_by("next_try_at", "pk")
            .select_for_update(skip_locked=True)[:limit]
        )
        Notification.objects.filter(pk__in=[n.pk for n in batch]).update(
            status=Notification.Status.SENDING, claimed_at=now
        )
    return batch


def backoff(attempts: int) -> timedelta:
    """2, 4, 8, 16 minutes between tries."""
    return timedelta(minutes=2**attempts)


def dispatch(*, now=None, limit: int = BATCH) -> dict[str, int]:
    """Send what is due, one batch; returns how many were sent, retried and given up."""
    now = now or timezone.now()
    counts = {"sent": 0, "retry": 0, "failed": 0}
    for note in _claim(now=now, limit=limit):
        message = EmailMultiAlternatives(
            subject=note.subject,
            body=note.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[note.to],
        )
        message.attach_alternative(note.body_html, "text/html")
        try:
            message.send()
        except SMTPException as error:  # a passing failure: try again later
            attempts = note.attempts + 1
            gave_up = attempts >= MAX_ATTEMPTS
            Notification.objects.filter(pk=note.pk).update(
                attempts=attempts,
                claimed_at=None,
                last_error=str(error)[:300],
                status=Notification.Status.FAILED if gave_up else Notification.Status.PENDING,
                next_try_at=now + backoff(attempts),
            )
            counts["failed" if gave_up else "retry"] += 1
        else:
            Notification.objects.filter(pk=note.pk).update(
                status=Notification.Status.SENT,
                sent_at=timezone.now(),
                claimed_at=None,
                attempts=note.attempts + 1,
            )
            counts["sent"] += 1
    return counts
