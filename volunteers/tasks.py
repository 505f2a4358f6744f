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


def _import_and_actor(pk: int, user_id: int):
    from django.contrib.auth import get_user_model

    from .models import PeopleImport

    return PeopleImport.objects.get(pk=pk), get_user_model().objects.get(pk=user_id)


@shared_task
def check_people_import(pk: int, user_id: int) -> str:
    """Check an uploaded spreadsheet's rows, naming each row's problems."""
    from . import people_import
    from .models import PeopleImport

    upload, actor = _import_and_actor(pk, user_id)
    try:
        people_import.check(upload, actor=actor)
    except Exception:
        logger.exception("People import %s could not be checked.", pk)
        PeopleImport.objects.filter(pk=pk).update(status=PeopleImport.Status.FAILED)
        raise
    return upload.status


@shared_task
def write_people_import(pk: int, user_id: int) -> str:
    """Bring a checked spreadsheet's people in, all rows in one transaction. A failure
    writes nothing (the transaction is undone) and is shown on the import's page."""
    from . import people_import
    from .models import PeopleImport

    upload, actor = _import_and_actor(pk, user_id)
    try:
        upload = people_import.write(upload, actor=actor)
    except Exception:
        logger.exception("People import %s could not be finished.", pk)
        PeopleImport.objects.filter(pk=pk).update(status=PeopleImport.Status.FAILED)
        raise
    return upload.status
