"""`skillpath check`: run a practice check suite against the learner's program, print it
stage by stage, and record the run in the learner's progress."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.console import Console
from rich.markup import escape

from skillpath.cli.learner import UserOption, fail, learner_for, speak_language_of_known

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_CHECKER_FAULT = 3
# Typer's rich help prints a type beside every option, flags too ("--json <bool>", as if it
# took a value): an empty metavar is what it prints instead.
FLAG = ""


def check(
    slug: Annotated[
        str,
        typer.Argument(help="The suite to run (see 'skillpath check list').", metavar="SUITE"),
    ],
    url: Annotated[
        str | None, typer.Option("--url", help="Base URL of your running service.")
    ] = None,
    cmd: Annotated[
        str | None,
        typer.Option("--cmd", help="Command that starts your service or runs your program."),
    ] = None,
    stage: Annotated[
        int | None, typer.Option("--stage", help="Run stages 1..N only.", min=1)
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Replay a run exactly (the seed it printed).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result document.", metavar=FLAG)
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the messages: ru or en.")
    ] = None,
    record: Annotated[
        bool,
        typer.Option("--record/--no-record", help="Keep the run in your progress.", metavar=FLAG),
    ] = True,
    user: UserOption = None,
) -> None:
    """Check your practice program or service, stage by stage.

    'skillpath check list' lists them. Exit: 0 passed, 1 a stage failed, 2 usage, 3 our fault.
    """
    from skillpath.checks.results import exit_code, replay_command
    from skillpath.checks.runner import CheckUsageError, check_request, new_seed, run_check
    from skillpath.checks.suites import all_suites, suite_by_slug

    if lang is not None and lang not in ("ru", "en"):
        raise fail(_("--lang must be ru or en"))
    # The learner (known when the run is recorded) brings the language they chose.
    learner = learner_for(user) if record or slug == "list" else None
    if learner is None:
        speak_language_of_known(user)
    language = lang or translation.get_language() or "en"
    translation.activate(language)
    if slug == "list":
        _print_list(learner)
        return
    suite = suite_by_slug(slug)
    if suite is None:
        known = ", ".join(s.slug for s in all_suites())
        raise fail(
            _("no check suite '%(slug)s'; there are: %(known)s") % {"slug": slug, "known": known}
        )
    console = Console(highlight=False, soft_wrap=True)
    from skillpath.checks import render

    try:
        check_request(suite, url=url, cmd=cmd, upto=stage)
    except CheckUsageError as error:
        raise fail(str(error)) from None
    seed = new_seed() if seed is None else seed
    if not as_json:
        render.print_header(console, suite.slug, str(suite.title), seed)
    numbered = iter(range(1, len(suite.stages) + 1))
    try:
        result = run_check(
            suite,
            url=url,
            cmd=cmd,
            cwd=Path.cwd(),
            upto=stage,
            seed=seed,
            lang=language,
            on_stage=None if as_json else lambda s: render.print_stage(console, next(numbered), s),
        )
    except KeyboardInterrupt:
        typer.secho(_("interrupted: your program was stopped"), err=True, fg="yellow")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as error:
        # A fault of ours: say so, and never let it look like a failed stage (exit 1).
        typer.secho(
            _("the checker itself failed (%(error)s); this does not count against you")
            % {"error": f"{type(error).__name__}: {error}"},
            err=True,
            fg="magenta",
        )
        raise typer.Exit(EXIT_CHECKER_FAULT) from None
    first_recorded = False
    if learner is not None:
        from skillpath.checks.selectors import has_check_runs
        from skillpath.checks.services import record_check_run

        first_recorded = not has_check_runs(learner=learner)
        record_check_run(learner=learner, result=result)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        render.print_summary(
            console,
            result,
            replay_command(
                suite=suite.slug, url=url, cmd=cmd, seed=result.seed, stage=stage, lang=lang
            ),
        )
    if first_recorded:
        # Said once, on stderr (it is no part of the result, and --json keeps stdout JSON).
        typer.echo(
            _(
                "Recorded in your progress "
                "(skillpath check %(suite)s … --no-record to keep a run out)."
            )
            % {"suite": suite.slug},
            err=True,
        )

    raise typer.Exit(exit_code(result))


def _print_list(learner) -> None:  # type: ignore[no-untyped-def]
    from skillpath.checks.selectors import suite_statuses

    labels = {
        "passed": _("[green]passed[/]"),
        "failing": _("[yellow]not passed yet[/]"),
        "not_run": _("[dim]not run[/]"),
    }
    console = Console(highlight=False, soft_wrap=True)
    for status in suite_statuses(learner=learner):
        suite, latest = status.suite, status.latest
        line = f"[bold]{suite.slug}[/] — {escape(str(suite.title))}  {labels[status.label]}"
        if latest is not None:
            runs = ngettext("%(runs)s run", "%(runs)s runs", status.runs) % {"runs": status.runs}
            line += " · " + _("last run: %(passed)s of %(total)s stages · %(runs)s") % {
                "passed": latest.stages_passed,
                "total": latest.stages_total,
                "runs": runs,
            }
        console.print(line)
        console.print("   " + _example(suite), style="dim")
        for number, stage in enumerate(suite.stages, start=1):
            console.print(f"   {number:>2}. {escape(str(stage.title))}")
        console.print()
    console.print(_("Run one: skillpath check SLUG --url URL (a service) or --cmd COMMAND"))


def _example(suite) -> str:  # type: ignore[no-untyped-def]
    if suite.kind == "cli":
        return _('a program: --cmd "COMMAND" runs it')
    return _('a service: --url URL of yours, or --cmd "COMMAND" to start it')
