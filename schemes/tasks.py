from smtplib import SMTPException

from celery import shared_task

from . import emails


@shared_task(autoretry_for=(SMTPException,), max_retries=3, retry_backoff=True)
def send_signup_email(signup_id: int, event: str) -> None:
    """Tell a person about their sign-up: confirmed, promoted, changed or duty cancelled."""
    from .models import Signup

    signup = Signup.objects.select_related("duty__scheme", "volunteer").filter(pk=signup_id).first()
    if signup is None:
        return
    emails.signup_event(signup, event)


@shared_task(autoretry_for=(SMTPException,), max_retries=3, retry_backoff=True)
def send_hours_rejected_email(entry_id: int) -> None:
    from .models import HoursEntry

    entry = HoursEntry.objects.select_related("volunteer", "scheme").filter(pk=entry_id).first()
    if entry is None:
        return
    emails.hours_rejected(entry)


@shared_task
def rollup_kpis() -> int:
    """Nightly: this month's KPI snapshots, replacing any from an earlier run."""
    from .kpi_registry import rollup

    return rollup()
