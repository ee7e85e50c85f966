"""`skillpath worker` and `skillpath beat`: Celery's worker and scheduler, for a server with
a broker (SKILLPATH_BROKER_URL). Without one, tasks run in-process and neither is needed.
The app and its settings: config/celery.py, docs/configuration.md."""

from __future__ import annotations

import logging
import os
from typing import Annotated

import typer
from django.utils.translation import gettext as _

from skillpath.cli.learner import fail

LogLevelOption = Annotated[
    str, typer.Option(help="Log level: debug, info, warning, error.", case_sensitive=False)
]


def _broker_or_fail() -> None:
    from skillpath.config.celery import broker_url

    if broker_url() is None:
        raise fail(
            _(
                "no broker is configured (set SKILLPATH_BROKER_URL): tasks run in-process, "
                "no worker or beat is needed"
            )
        )


def _server_logging() -> None:
    # The other commands print results and quiet our log lines; a worker's are its output.
    logging.getLogger("skillpath").setLevel(logging.NOTSET)


def worker(
    concurrency: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Processes running tasks (default: one per core)."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(help="The worker's node name (default: skillpath-PID@HOST, unique)."),
    ] = None,
    loglevel: LogLevelOption = "info",
) -> None:
    """Run tasks from the broker until stopped (Ctrl+C, SIGTERM: finishes the task at hand)."""
    from skillpath.config.celery import app
    from skillpath.core.setup import has_pending_migrations

    _broker_or_fail()
    _server_logging()
    # The web side migrates (`serve`, `setup`); several workers must not race it.
    if has_pending_migrations():
        raise fail(_("the database is not set up: run `skillpath setup` first"))
    argv = [
        "worker",
        "--loglevel",
        loglevel,
        "--concurrency",
        str(concurrency or os.cpu_count()),
        # Two workers of one name on one host clash on RabbitMQ (its control queue is
        # exclusive to a name): Celery's default, celery@HOST, is not unique.
        "--hostname",
        name or f"skillpath-{os.getpid()}@%h",
    ]
    app.worker_main(argv)


def beat(loglevel: LogLevelOption = "info") -> None:
    """Send the periodic tasks (replanning, weekly records, KPI scans...) to the broker;
    run exactly one beat per installation."""
    from django.conf import settings

    from skillpath.config.celery import app

    _broker_or_fail()
    _server_logging()
    app.start(
        ["beat", "--loglevel", loglevel, "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME]
    )
