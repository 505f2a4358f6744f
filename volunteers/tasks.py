import logging
from smtplib import SMTPException

from celery import shared_task
from kombu.exceptions import OperationalError

from . import emails

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> bool:
    """Queue a task; if the broker is down, log it and carry on, so the page still works.

    Redis is only the broker: a person's change is already committed when this runs, and
    must not turn into an error page because a notification could not be queued.
    """
    try:
        task.delay(*args)
    except OperationalError:
        logger.warning("Broker unavailable; %s%r was not queued.", task.name, args)
        return False
    return True


@shared_task(autoretry_for=(SMTPException,), max_retries=3, retry_backoff=True)
def send_membership_status_email(membership_id: int) -> None:
    """Tell a person their place in a scheme has moved on."""
    from .models import Membership

    membership = (
        Membership.objects.select_related("volunteer", "scheme").filter(pk=membership_id).first()
    )
    if membership is None:
        return  # deleted before the worker got to it; nothing to tell anyone
    emails.membership_status_changed(membership)


@shared_task
def sweep_reminders() -> int:
    """Hourly: queue the reminders now due into the outbox (a repeat queues nothing)."""
    from . import outbox

    return outbox.sweep()


@shared_task
def dispatch_notifications() -> dict:
    """Every minute: send what the outbox holds that is due."""
    from . import outbox

    return outbox.dispatch()
