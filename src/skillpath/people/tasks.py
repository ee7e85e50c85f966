"""Background work of the people app: sending e-mail (people/mail.py)."""

from __future__ import annotations

from celery import shared_task

from skillpath.people import mail


@shared_task
def deliver_email_task(email_id: int) -> bool:
    """Send one kept message; a second run finds it sent and does nothing."""
    return mail.deliver_email(email_id=email_id)


@shared_task
def deliver_waiting_emails_task() -> int:
    """Beat, every 5 minutes: send again what is still unsent (a lost task, a mail server
    that was down). Returns how many were sent for."""
    ids = mail.waiting_email_ids()
    for email_id in ids:
        deliver_email_task.delay(email_id)
    return len(ids)
