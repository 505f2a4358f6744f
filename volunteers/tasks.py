import logging

from celery import shared_task
from kombu.exceptions import OperationalError

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
