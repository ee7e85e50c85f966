"""A Django process of the installation a real worker serves, for tests/config/test_worker.py:
`python -m tests.config.worker_site COMMAND ARGS...` prepares learners or enqueues a task
the way the web does (on commit), and prints JSON. It runs with the worker's environment
(SKILLPATH_DATA_DIR, SKILLPATH_BROKER_URL, ...), so it writes and sends where the worker
reads."""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta
from decimal import Decimal
from typing import Any


def _learner(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username, f"{username}@example.com", "x-pass-123")


def slipped(username: str) -> dict[str, Any]:
    """A learner enrolled 60 days ago who has done nothing: the plan slipped; it was last
    laid out two days ago."""
    from django.db import transaction
    from django.utils import timezone

    from skillpath.curriculum.models import Curriculum
    from skillpath.planning.models import Enrolment
    from skillpath.planning.services import CalendarInput, enrol

    today = timezone.now().date()
    start = today - timedelta(days=60)
    with transaction.atomic():
        learner = _learner(username)
        choice = CalendarInput(start, Decimal(20), frozenset(range(5)))
        curriculum = Curriculum.objects.get(slug="backend")
        enrolment = enrol(learner=learner, curriculum=curriculum, choice=choice, today=start)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            planned_at=timezone.now() - timedelta(days=2)
        )
    last_week_on = start - timedelta(days=start.weekday()) + timedelta(days=7)
    return {"enrolment": enrolment.pk, "learner": learner.pk, "week_on": str(last_week_on)}


def kpi_learner(username: str, repository: str, email: str) -> dict[str, Any]:
    """A learner with a registered repository and commit address."""
    from skillpath.assessment.services import register_author, register_repository

    learner = _learner(username)
    register_author(learner=learner, email=email)
    register_repository(learner=learner, path=repository)
    return {"learner": learner.pk}


def email_row(subject: str) -> dict[str, Any]:
    """A kept, unsent message, without its task (the test sends that itself)."""
    from skillpath.people.models import OutgoingEmail

    row = OutgoingEmail.objects.create(
        subject=subject, body="Hello.", from_email="skillpath@localhost", to=["a@example.com"]
    )
    return {"email": row.pk}


def send_mail(subject: str) -> dict[str, Any]:
    """Django's send_mail() inside a transaction, as a page would call it."""
    from django.core.mail import send_mail as django_send_mail
    from django.db import transaction

    with transaction.atomic():
        sent = django_send_mail(subject, "Hello.", None, ["a@example.com"])
    return {"sent": sent}


def enqueue(task_path: str, *args: str, in_transaction: bool = True) -> dict[str, Any]:
    """Enqueue `module.task` with `args` (digits become ints) on commit, as services do."""
    from contextlib import nullcontext
    from importlib import import_module

    from django.db import transaction

    from skillpath.core.tasks import enqueue_on_commit

    module, name = task_path.rsplit(".", 1)
    task = getattr(import_module(module), name)
    values = [int(a) if a.isdigit() else a for a in args]
    with transaction.atomic() if in_transaction else nullcontext():
        enqueue_on_commit(task, *values)
    return {"enqueued": task.name}


def enqueue_now(task_path: str, *args: str) -> dict[str, Any]:
    """The same outside any transaction (sent at once): it writes nothing to the database,
    so it works while a test holds the database's write lock."""
    return enqueue(task_path, *args, in_transaction=False)


COMMANDS = {
    "slipped": slipped,
    "kpi-learner": kpi_learner,
    "email-row": email_row,
    "send-mail": send_mail,
    "enqueue": enqueue,
    "enqueue-now": enqueue_now,
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillpath.config.settings")
    import django

    django.setup()
    command, *args = sys.argv[1:]
    print(json.dumps(COMMANDS[command](*args)))


if __name__ == "__main__":
    main()
