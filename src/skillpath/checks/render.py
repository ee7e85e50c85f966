"""How a check run reads in a terminal: a line per stage, the details of a failure, a summary."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rich.console import Console
from rich.markup import escape

from skillpath.checks.expect import decimal
from skillpath.checks.results import CheckResult, StageResult

MARKS = {"pass": "[green]✓[/]", "fail": "[red]✗[/]", "error": "[magenta]![/]", "skip": "[dim]·[/]"}


def print_header(console: Console, result_suite: str, title: str, seed: int) -> None:
    console.print(
        _("[bold]%(title)s[/] (%(suite)s) — seed %(seed)s")
        % {"title": escape(title), "suite": result_suite, "seed": seed}
    )


def print_stage(console: Console, number: int, stage: StageResult) -> None:
    """One line for the stage; for a failure, what was sent, expected and received."""
    if stage.status == "skip" and not stage.message:
        return
    seconds = _("%(seconds)s s") % {"seconds": decimal(stage.duration, 2)}
    seconds = seconds if stage.status != "skip" else ""
    seconds = f"[dim]{seconds}[/]" if seconds else ""
    console.print(f" {MARKS[stage.status]} {number:>2}. {escape(stage.name)} {seconds}")
    if stage.status == "pass":
        if stage.message:
            console.print(_indent(escape(stage.message), first=True), style="dim")
        return
    if stage.message:
        style = "dim" if stage.status == "skip" else "bold"
        console.print(_indent(escape(stage.message), first=True), style=style)
    for label, value in (
        (_("request"), stage.request),
        (_("expected"), stage.expected),
        (_("actual"), stage.actual),
        (_("hint"), stage.hint),
    ):
        if value:
            console.print(f"       [cyan]{label}:[/] " + _indent(escape(value)))
    if stage.output.strip() and stage.status in ("fail", "error"):
        printed = _("your program printed")
        console.print(f"       [cyan]{printed}:[/]")
        console.print(_indent(escape(stage.output.rstrip()), first=True), style="dim")


def print_summary(console: Console, result: CheckResult, replay: str) -> None:
    ran = [stage for stage in result.tests if stage.status != "skip"]
    failed = result.failed_stage
    counts = {"passed": result.stages_passed, "total": result.stages_total}
    skipped = sum(stage.status == "skip" and bool(stage.message) for stage in result.tests)
    if result.status == "pass" and result.is_complete_pass:
        line = _("[green bold]All %(total)s stages passed.[/]") % counts
    elif result.status == "pass" and skipped:
        line = _(
            "[green]%(passed)s of %(total)s stages passed[/]; %(skipped)s could not run "
            "(see why above), so this run does not complete the check."
        ) % {**counts, "skipped": skipped}
    elif result.status == "pass":
        line = (
            _("[green]%(passed)s of %(total)s stages passed[/] (the rest were not run).") % counts
        )
    elif result.status == "fail" and failed is not None:
        line = _(
            "[red bold]Stage “%(stage)s” failed[/]; %(passed)s of %(total)s stages passed."
        ) % {
            "stage": escape(failed.name),
            **counts,
        }
    else:
        line = _("[magenta bold]The checker itself failed[/] — this does not count against you.")
    console.print()
    console.print(
        line
        + " "
        + _("%(seconds)s s, seed %(seed)s")
        % {"seconds": decimal(result.duration, 1), "seed": result.seed}
    )
    if result.status == "fail" and ran:
        console.print(_("Replay exactly this run: %(command)s") % {"command": escape(replay)})


def _indent(text: str, first: bool = False) -> str:
    pad = " " * 7
    lines = text.splitlines() or [""]
    head = (pad + lines[0]) if first else lines[0]
    return "\n".join([head, *(pad + line for line in lines[1:])])
