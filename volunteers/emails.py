"""E-mails about people, each rendered from a plain-text and an HTML template."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send(*, to: str, subject: str, template: str, context: dict) -> None:
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def membership_status_changed(membership) -> None:
    send(
        to=membership.volunteer.email,
        subject=f"Your {membership.scheme} membership is now "
        f"{membership.get_status_display().lower()}",
        template="membership_status",
        context={"membership": membership, "volunteer": membership.volunteer},
    )
