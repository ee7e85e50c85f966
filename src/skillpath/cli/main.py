"""The `skillpath` command: thin Typer commands that call services and print the result."""

from __future__ import annotations

import logging
import os
from typing import Annotated

import typer

from skillpath.cli import (
    activity,
    assess,
    background,
    backup,
    checks,
    curriculum,
    knowledge,
    kpi,
    learner,
    questions,
)
from skillpath.cli.learner import EXIT_BAD_INPUT

app = typer.Typer(
    help="Skillpath: run a learning plan — curriculum, schedule, progress — from the terminal.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(curriculum.app, name="curriculum")
app.add_typer(questions.app, name="questions")
app.add_typer(learner.timer_app, name="timer")
app.add_typer(learner.report_app, name="report")
app.add_typer(kpi.app, name="kpi")
app.add_typer(activity.app, name="activity")
for command in (learner.enroll, learner.today, learner.log, learner.done, learner.plan):
    app.command()(command)
app.command()(checks.check)
app.command()(knowledge.quiz)
app.command()(knowledge.review)
app.command()(assess.assess)
app.command()(backup.backup)
app.command()(backup.restore)
app.command()(background.worker)
app.command()(background.beat)


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillpath.config.settings")
    import django

    django.setup()


@app.callback()
def main() -> None:
    """Skillpath keeps its data in SKILLPATH_DATA_DIR (or DATABASE_URL); see the README."""
    django_setup()
    # The terminal shows results; the log lines are for servers (SKILLPATH_LOG_LEVEL).
    logging.getLogger("skillpath").setLevel(logging.WARNING)
    from django.utils import translation

    translation.activate(terminal_language())


def terminal_language() -> str:
    """SKILLPATH_LANGUAGE if set, else Russian for a Russian locale (LANG=ru_RU...), else
    English."""
    chosen = os.environ.get("SKILLPATH_LANGUAGE") or ""
    if chosen[:2] in ("ru", "en"):
        return chosen[:2]
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG", "")
    return "ru" if locale.lower().startswith("ru") else "en"


@app.command()
def setup(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
) -> None:
    """Create or upgrade the database, load the built-in curriculum into an empty one."""
    from skillpath.core.setup import prepare_installation

    report = prepare_installation()
    if not quiet:
        for line in report:
            typer.echo(line)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, max=64, help="Worker processes (default: 1 locally, one per core on a server)."
        ),
    ] = None,
    threads: Annotated[int, typer.Option(min=1, max=64, help="Threads per worker.")] = 4,
    dev: Annotated[
        bool, typer.Option("--dev", help="Django's development server, reloading on changes.")
    ] = False,
) -> None:
    """Set up, then serve the web application (local mode: you are signed in, and it serves
    only on this machine)."""
    from django.core.management import call_command
    from django.utils.translation import gettext as _

    from skillpath.core import serving
    from skillpath.core.setup import prepare_installation
    from skillpath.people.local_mode import serving_error

    problem = serving_error(host=host)
    if problem:
        typer.secho(f"{_('error')}: {problem}", err=True, fg="red")
        raise typer.Exit(EXIT_BAD_INPUT)
    for line in prepare_installation():
        typer.echo(line)
    if dev:
        typer.secho(f"Skillpath (development server) at http://{host}:{port}/", bold=True)
        call_command("runserver", f"{host}:{port}", use_reloader=True, skip_checks=True)
        return
    options = serving.ServerOptions(
        host, port, workers or serving.default_workers(), threads=threads
    )
    typer.secho(
        f"Skillpath is running at http://{host}:{port}/ "
        f"({options.workers} × {options.threads} threads; Ctrl+C to stop)",
        bold=True,
    )
    serving.run(options)
