from smtplib import SMTPException

from celery import shared_task

from . import emails


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
