"""Reminders: the registry apps add to, the sweep that queues them, and the dispatcher.

Each app's `reminders.py` registers functions that yield the reminders due on a day
(`REMINDERS.register`), and the kinds of message they send (`outbox.kind`). The
hourly sweep renders them into the `Notification` outbox under a unique key, so finding the
same reminder again queues nothing. Messages caused by a change (a booking confirmed, a
place freed from the waiting list, hours sent back) are queued with `queue()` inside the
transaction that makes the change: they exist exactly when the change does, and a nudge to
the dispatcher after commit sends them at once when the broker is up.

The dispatcher claims due rows with `SELECT … FOR UPDATE SKIP LOCKED` (two dispatchers
never take the same row), sends them, and retries passing SMTP failures with backoff; a
row claimed by a worker that died is claimed again once its lease runs out. Nothing waits
in the broker, so a Redis outage only delays sending.
"""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification, ReminderOptOut
from .plugins import Registry

MAX_ATTEMPTS = 5
BATCH = 50


@dataclass(frozen=True)
class Kind:
    code: str
    title: str  # what the person sees on their notification settings
    optional: bool = True
    always_because: str = ""  # for one that cannot be turned off: why, in the person's words
    # Whom it can reach, (user) -> bool; None: anyone with a person record. The portal's
    # notification settings list only the kinds that can reach the person reading them.
    reaches: Callable[..., bool] | None = None


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
    # A file to send with it: (name, MIME type, text), e.g. an iCalendar invitation.
    attachment: tuple[str, str, str] | None = None


def _check_kind(kind: Kind) -> None:
    if not kind.optional and not kind.always_because:
        raise ValueError(f"Say why {kind.code} cannot be turned off (always_because).")


# Kinds of message (listed on the portal's notification settings), and the functions
# today -> reminders due that each app's reminders.py registers (volunteers/plugins.py).
KINDS: Registry[Kind] = Registry("message kinds", key=lambda kind: kind.code, check=_check_kind)
REMINDERS: Registry[Callable[[date], Iterable[Reminder]]] = Registry("reminders")


def kind(code: str, title: str, *, always_because: str = "", reaches=None) -> Kind:
    """Make a kind of message known. One that gives a reason it is always sent cannot be
    turned off; any other is optional on the portal's notification settings. `reaches`
    says whom it can reach ((user) -> bool), so no one is offered a choice about messages
    for a role they do not hold."""
    return KINDS.register(
        Kind(
            code, title, optional=not always_because, always_because=always_because, reaches=reaches
        )
    )


def kinds(user=None) -> list[Kind]:
    """Every kind, or those that can reach `user`."""
    shown = [k for k in KINDS if user is None or k.reaches is None or k.reaches(user)]
    return sorted(shown, key=lambda k: (not k.optional, k.title))


def moment_key(moment) -> str:
    """A moment as a message key's period (to the microsecond, 20 characters), for messages
    that may rightly go more than once about the same thing: each decision its own key."""
    return f"{moment:%Y%m%d%H%M%S%f}"


GREETS_ITSELF = (
    "The e-mail greets the person itself (“Dear …”, from `greeting` or the volunteer): "
    "a line of its own that starts “Dear ” would greet them twice."
)


def _render(reminder: Reminder) -> Notification:
    if any(str(line).startswith("Dear ") for line in reminder.context.get("lines", [])):
        raise ValueError(GREETS_ITSELF)
    kind = KINDS.get(reminder.kind)
    context = {
        **reminder.context,
        "volunteer": reminder.volunteer,
        "optional": bool(kind and kind.optional),
    }
    return Notification(
        kind=reminder.kind,
        subject_ref=reminder.subject_ref,
        period=reminder.period,
        volunteer=reminder.volunteer,
        to=reminder.to,
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{reminder.subject}",
        body_text=render_to_string(f"emails/{reminder.template}.txt", context),
        body_html=render_to_string(f"emails/{reminder.template}.html", context),
        **_attachment(reminder),
    )


def _attachment(reminder: Reminder) -> dict:
    if reminder.attachment is None:
        return {}
    name, mimetype, text = reminder.attachment
    return {"attachment_name": name, "attachment_type": mimetype, "attachment": text}


def _wanted(reminder: Reminder, opted_out: set) -> bool:
    kind = KINDS.get(reminder.kind)
    volunteer_id = getattr(reminder.volunteer, "pk", None)
    return not (kind.optional and (volunteer_id, kind.code) in opted_out)


def sweep(*, today: date | None = None) -> int:
    """Queue every reminder now due; returns how many new messages were queued."""
    today = today or timezone.localdate()
    opted_out = set(ReminderOptOut.objects.values_list("volunteer_id", "kind"))
    rows = [
        _render(reminder)
        for finder in REMINDERS
        for reminder in finder(today)
        if _wanted(reminder, opted_out)
    ]
    before = Notification.objects.count()
    Notification.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return Notification.objects.count() - before


def queue(*reminders: Reminder) -> None:
    """Put messages about a change in the outbox, in the caller's transaction.

    After commit the dispatcher is nudged, so they go within seconds when the broker is up;
    when it is down they wait for the next dispatch. A key already queued adds nothing.
    """
    from .tasks import dispatch_notifications, enqueue

    volunteer_ids = {getattr(r.volunteer, "pk", None) for r in reminders} - {None}
    opted_out = set(
        ReminderOptOut.objects.filter(volunteer_id__in=volunteer_ids).values_list(
            "volunteer_id", "kind"
        )
    )
    rows = [_render(reminder) for reminder in reminders if _wanted(reminder, opted_out)]
    if rows:
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        transaction.on_commit(lambda: enqueue(dispatch_notifications))


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
    """Send what is due, one batch; returns how many were sent, retried and given up.

    A batch that runs past half its lease (a slow SMTP server) hands back what it has not
    sent, so no other worker takes a message this one is still holding."""
    now = now or timezone.now()
    counts = {"sent": 0, "retry": 0, "failed": 0}
    batch = _claim(now=now, limit=limit)
    stop_at = time.monotonic() + settings.OUTBOX_LEASE_SECONDS / 2
    for position, note in enumerate(batch):
        if time.monotonic() > stop_at:
            _release(batch[position:], claimed_at=now)
            break
        counts[_send(note, now=now)] += 1
    return counts


def _release(notes: list[Notification], *, claimed_at) -> None:
    Notification.objects.filter(
        pk__in=[n.pk for n in notes], status=Notification.Status.SENDING, claimed_at=claimed_at
    ).update(status=Notification.Status.PENDING, claimed_at=None)


def _send(note: Notification, *, now) -> str:
    message = EmailMultiAlternatives(
        subject=note.subject,
        body=note.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[note.to],
    )
    message.attach_alternative(note.body_html, "text/html")
    if note.attachment_name:
        message.attach(note.attachment_name, note.attachment, note.attachment_type)
    try:
        message.send()
    except (SMTPException, OSError) as error:  # a passing failure: try again later
        attempts = note.attempts + 1
        gave_up = attempts >= MAX_ATTEMPTS
        Notification.objects.filter(pk=note.pk).update(
            attempts=attempts,
            claimed_at=None,
            last_error=str(error)[:300],
            status=Notification.Status.FAILED if gave_up else Notification.Status.PENDING,
            next_try_at=now + backoff(attempts),
        )
        return "failed" if gave_up else "retry"
    Notification.objects.filter(pk=note.pk).update(
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
        claimed_at=None,
        attempts=note.attempts + 1,
    )
    return "sent"
