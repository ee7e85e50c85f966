"""`skillpath kpi`: register repositories and commit addresses, scan them, show the KPIs.
Counting is `assessment.services.scan_kpis`; the rules are in docs/kpi.md."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Annotated, Any

import typer
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from skillpath.cli.learner import JsonOption, UserOption, echo_json, fail, learner_for
from skillpath.core import display

EXIT_PROBLEM = 1

app = typer.Typer(
    help="KPIs: measured from git (commits, lines of code, documentation pages), from checks, "
    "and entered with evidence (certifications, talks, posts...).",
    no_args_is_help=True,
)


@app.command("add-repo")
def add_repo(
    path: Annotated[str, typer.Argument(help="A folder inside a git repository.")],
    user: UserOption = None,
) -> None:
    """Register a git repository whose commits count (the next scan reads it)."""
    from skillpath.assessment.services import KpiInputError, register_repository

    learner = learner_for(user)
    try:
        repository = register_repository(learner=learner, path=path)
    except KpiInputError as exc:
        raise fail(str(exc)) from None
    typer.echo(_("Registered %(path)s.") % {"path": repository.path})


@app.command("add-author")
def add_author(
    email: Annotated[str, typer.Argument(help="An e-mail address you commit with.")],
    user: UserOption = None,
) -> None:
    """Register an e-mail address you commit with: commits by it count."""
    from skillpath.assessment.services import KpiInputError, register_author

    learner = learner_for(user)
    try:
        address = register_author(learner=learner, email=email)
    except KpiInputError as exc:
        raise fail(str(exc)) from None
    typer.echo(_("Registered %(email)s.") % {"email": address.email})


@app.command()
def scan(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Repositories to register and scan (default: the registered ones)."),
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option("--author", help="Register an address you commit with (repeatable)."),
    ] = None,
    user: UserOption = None,
    as_json: JsonOption = False,
) -> None:
    """Count your new commits in the repositories, then print your KPI totals.

    Exit: 0 done, 1 a registered repository could not be read, 2 bad input (nothing stored).
    """
    from skillpath.assessment import selectors, services
    from skillpath.core.errors import DomainError

    learner = learner_for(user)
    try:
        if as_json:
            scans = services.scan_kpis(learner=learner, paths=paths or (), emails=author or ())
        else:
            with _ProgressBar() as bar:
                scans = services.scan_kpis(
                    learner=learner, paths=paths or (), emails=author or (), progress=bar.update
                )
    except DomainError as exc:
        raise fail(str(exc)) from None
    document = selectors.kpi_document(learner=learner)
    document["repositories"] = _scanned(document["repositories"], scans)
    problems = [s.problem for s in scans if s.problem]
    if as_json:
        echo_json(document)
    else:
        for scanned in scans:
            if not scanned.problem:
                typer.echo(
                    ngettext(
                        "%(path)s: %(count)s new commit counted.",
                        "%(path)s: %(count)s new commits counted.",
                        scanned.counted,
                    )
                    % {"path": scanned.path, "count": scanned.counted}
                )
        _print_totals(document)
    for problem in problems:
        typer.secho(f"{_('warning')}: {problem}", err=True, fg="yellow")
    if problems:
        raise typer.Exit(EXIT_PROBLEM)


def _board_document(learner: Any) -> dict[str, Any]:
    """Every KPI of the learner's curriculum against its target (docs/kpi.md)."""
    from django.utils import timezone

    from skillpath.assessment import kpi_selectors
    from skillpath.curriculum.selectors import default_curriculum
    from skillpath.planning.selectors import current_enrolment

    today = timezone.localdate()
    enrolment = current_enrolment(learner)
    curriculum = enrolment.curriculum if enrolment else default_curriculum()
    if curriculum is None:
        return {"months": [], "kpis": []}
    board = kpi_selectors.kpi_board(
        learner=learner,
        curriculum=curriculum,
        start_on=enrolment.start_on if enrolment else today,
        today=today,
    )
    return kpi_selectors.kpi_board_document(board)


@app.command()
def show(user: UserOption = None, as_json: JsonOption = False) -> None:
    """Print every KPI against its target, your git totals and the registered repositories."""
    from skillpath.assessment import selectors

    learner = learner_for(user)
    document = selectors.kpi_document(learner=learner)
    board = _board_document(learner)
    if as_json:
        echo_json({**document, "kpis": board["kpis"], "months": board["months"]})
        return
    if board["kpis"]:
        table = Table(_("KPI"), _("Figure"), _("Target"), _("Progress"), _("Source"))
        for row in board["kpis"]:
            percent = "—" if row["percent"] is None else f"{row['percent']}%"
            table.add_row(
                escape(row["name"]),
                str(row["figure"]),
                escape(row["target"]["text"]),
                percent,
                _source_label(row["source"]),
            )
        Console(soft_wrap=True).print(table)
    addresses = selectors.author_addresses(learner=learner)
    typer.echo(_("Authors: %(emails)s") % {"emails": ", ".join(addresses) or "—"})
    _print_totals(document)
    if document["repositories"]:
        from skillpath.people.selectors import time_zone_of

        zone = time_zone_of(learner)
        table = Table(_("Repository"), _("Commits"), _("Last scanned"))
        for row in document["repositories"]:
            table.add_row(escape(row["path"]), str(row["commits"]), _scanned_on(row, zone))
        Console(soft_wrap=True).print(table)


def _scanned_on(row: dict[str, Any], zone: tzinfo) -> str:
    """When the repository was last scanned, in the learner's zone, as dates are written."""
    if not row["scanned_at"]:
        return "—"
    return display.date_time(datetime.fromisoformat(row["scanned_at"]).astimezone(zone))


def _source_label(source: str) -> str:
    return {
        "git": _("from your commits"),
        "checks": _("from practice checks"),
        "reviews": _("from reviews on the platform"),
        "entered": _("entered by you"),
    }.get(source, source)


@app.command()
def add(
    slug: Annotated[str, typer.Argument(help="An entered KPI's slug (see `kpi show --json`).")],
    title: Annotated[str, typer.Option("--title", help="What it is.")],
    amount: Annotated[int, typer.Option("--amount", help="How many it counts for.")] = 1,
    url: Annotated[str, typer.Option("--url", help="An http(s) link to the evidence.")] = "",
    on: Annotated[
        str | None, typer.Option("--date", help="When it happened, YYYY-MM-DD (default: today).")
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="Anything to add.")] = "",
    user: UserOption = None,
) -> None:
    """Add an entry (a certification, a talk, a post...) to an entered KPI.

    Exit: 0 stored, 2 bad input (nothing stored).
    """
    from datetime import date

    from django.utils import timezone

    from skillpath.assessment.kpi_services import KpiEntryError, add_kpi_entry
    from skillpath.planning.selectors import current_enrolment

    learner = learner_for(user)
    enrolment = current_enrolment(learner)
    if enrolment is None:
        raise fail(_("you are not enrolled yet: run 'skillpath enroll' first"))
    today = timezone.localdate()
    try:
        happened_on = date.fromisoformat(on) if on else today
    except ValueError:
        raise fail(_("--date: “%(date)s” is not a date like 2026-01-31.") % {"date": on}) from None
    try:
        entry = add_kpi_entry(
            learner=learner,
            curriculum=enrolment.curriculum,
            kpi=slug,
            title=title,
            amount=amount,
            happened_on=happened_on,
            today=today,
            evidence_url=url,
            notes=notes,
        )
    except KpiEntryError as exc:
        raise fail(f"--{exc.field.replace('_', '-')}: {exc}") from None
    typer.echo(_("Added “%(title)s” to %(kpi)s.") % {"title": entry.title, "kpi": entry.kpi})


def _scanned(rows: list[dict[str, Any]], scans: list[Any]) -> list[dict[str, Any]]:
    """The scanned repositories' rows, each with what this scan did."""
    by_path = {row["path"]: row for row in rows}
    return [
        {
            **by_path.get(s.path, {"path": s.path}),
            "counted": s.counted,
            "from_scratch": s.is_from_scratch,
            "problem": s.problem,
        }
        for s in scans
    ]


def _print_totals(document: dict[str, Any]) -> None:
    code = document["lines_of_code"]
    typer.echo(_("Commits: %(count)s") % {"count": document["commits"]})
    typer.echo(
        _("Lines of code: %(total)s (tests: %(tests)s)")
        % {"total": code["total"], "tests": code["tests"]}
    )
    for language, lines in code["by_language"].items():
        typer.echo(f"  {language}: {lines}")
    typer.echo(_("Documentation pages: %(count)s") % {"count": document["docs_pages"]})


class _ProgressBar:
    """A Rich bar over the commits of each repository, shown only for long scans."""

    LONG = 200

    def __init__(self) -> None:
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.tasks:
            self.progress.stop()

    def update(self, path: str, done: int, total: int) -> None:
        if total < self.LONG:
            return
        if not self.tasks:
            self.progress.start()
        if path not in self.tasks:
            self.tasks[path] = self.progress.add_task(escape(path), total=total)
        self.progress.update(self.tasks[path], completed=done)
