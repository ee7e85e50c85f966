"""E-mail through a task: Django's `send_mail()` (and everything built on it — password
resets, `mail_admins`) lands in the `OutgoingEmail` table, and a task sends it after the
transaction commits, through the real backend (`SKILLPATH_EMAIL_BACKEND`: SMTP on a server).

A page never waits for a mail server, and a message is not lost when the server is down:
it stays unsent and the five-minute sweep sends it again. A message is sent at least once:
`sent_at` is set in the same transaction that sent it, so a task run twice sends it once;
only a worker killed between the server's "accepted" and that commit sends it twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("skillpath.mail")

# A message not sent after this long (the task was lost: the broker was down) is sent again
# by the sweep; younger ones are still on their way.
RETRY_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 20


class QueuedEmailBackend(BaseEmailBackend):
    """Keeps each message and enqueues its sending on commit (settings.EMAIL_BACKEND)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        return len(queue_messages(messages=list(email_messages)))


def queue_messages(*, messages: list[EmailMessage]) -> list[int]:
    """Store the messages and enqueue one sending task each, on commit; their ids. A
    message with attachments is sent at once instead (they are not kept in the database)."""
    from skillpath.core.tasks import enqueue_on_commit
    from skillpath.people.models import OutgoingEmail
    from skillpath.people.tasks import deliver_email_task

    ids = []
    with transaction.atomic():
        for message in messages:
            if message.attachments:
                _connection().send_messages([message])
                continue
            row = OutgoingEmail.objects.create(
                subject=str(message.subject),
                body=str(message.body),
                from_email=str(message.from_email or settings.DEFAULT_FROM_EMAIL),
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                headers=dict(message.extra_headers),
                alternatives=[
                    [str(content), mimetype]
                    for content, mimetype in getattr(message, "alternatives", [])
                ],
            )
            ids.append(row.pk)
            enqueue_on_commit(deliver_email_task, row.pk)
    return ids


def _connection() -> Any:
    return get_connection(settings.SKILLPATH_EMAIL_DELIVERY_BACKEND)


def deliver_email(*, email_id: int) -> bool:
    """Send one kept message unless it was sent already (True if this call sent it)."""
    from skillpath.people.models import OutgoingEmail

    with transaction.atomic():
        # The row lock makes a second task for the same message wait, then find it sent.
        row = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if row is None or row.sent_at is not None:
            return False
        message = EmailMultiAlternatives(
            subject=row.subject,
            body=row.body,
            from_email=row.from_email,
            to=row.to,
            cc=row.cc,
            bcc=row.bcc,
            reply_to=row.reply_to,
            headers=row.headers,
            alternatives=[(content, mimetype) for content, mimetype in row.alternatives],
        )
        try:
            _connection().send_messages([message])
        except Exception as error:  # the mail server's failure, whatever its kind
            OutgoingEmail.objects.filter(pk=row.pk).update(
                attempts=row.attempts + 1, last_error=str(error)[:2000]
            )
            logger.warning("e-mail %s not sent (attempt %s): %s", row.pk, row.attempts + 1, error)
            return False
        row.sent_at = timezone.now()
        row.attempts += 1
        row.last_error = ""
        row.save(update_fields=["sent_at", "attempts", "last_error"])
    return True


def waiting_email_ids(*, now: Any = None) -> list[int]:
    """Messages still unsent a while after they were kept, and not given up on."""
    from skillpath.people.models import OutgoingEmail

    now = now or timezone.now()
    return list(
        OutgoingEmail.objects.filter(
            sent_at__isnull=True, created_at__lt=now - RETRY_AFTER, attempts__lt=MAX_ATTEMPTS
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
