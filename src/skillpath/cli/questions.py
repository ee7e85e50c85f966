"""`skillpath questions ...`: import a question bank (Skillpath's YAML or Moodle's GIFT),
export it, and count it."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from django.utils.translation import gettext as _
from rich.console import Console
from rich.table import Table

from skillpath.cli.curriculum import curriculum_or_fail, fail
from skillpath.cli.learner import topic_in

app = typer.Typer(help="Import, export and count the question bank.", no_args_is_help=True)
console = Console()
GIFT_SUFFIXES = (".gift", ".txt")


@app.callback()
def prepared() -> None:
    """Every command here reads or writes the database: prepare it on a fresh data dir."""
    from skillpath.core.setup import ensure_database

    ensure_database()


class BankFormat(StrEnum):
    gift = "gift"
    yaml = "yaml"


def read_any(path: Path, topic: str | None):  # type: ignore[no-untyped-def]
    """A bank from a GIFT file (.gift, .txt), a YAML bank file, or a folder of YAML files."""
    from skillpath.knowledge.bank import BankError, Problem, bank_files, read_bank, read_bank_file
    from skillpath.knowledge.gift import parse_gift

    if path.is_dir():
        return read_bank(bank_files(path))
    if path.suffix.lower() in GIFT_SUFFIXES:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise BankError([Problem(f"cannot be read: {exc}", str(path))]) from exc
        return parse_gift(text, path=str(path), default_topic=topic)
    return read_bank_file(path)


@app.command("import")
def import_(
    path: Annotated[
        Path,
        typer.Argument(help="A GIFT file (.gift, .txt), a YAML bank file or a folder of them."),
    ],
    topic: Annotated[
        str | None,
        typer.Option(
            help="The topic of GIFT questions before any $CATEGORY line: its slug or its "
            "title, in either language, any case."
        ),
    ] = None,
    curriculum: Annotated[
        str | None, typer.Option(help="Import into this curriculum (default: the default one).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and count; write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Add or update questions by slug; a bad file is reported as FILE:LINE: error: ... and
    nothing is written."""
    from skillpath.knowledge.bank import BankError
    from skillpath.knowledge.services import import_bank

    target = curriculum_or_fail(curriculum)
    if topic is not None:
        topic = topic_in(target.pk, topic).slug
    try:
        bank = read_any(path, topic)
        result = import_bank(target, bank, path=str(path), dry_run=dry_run)
    except BankError as exc:
        raise fail(str(exc)) from None
    report: dict[str, Any] = {
        "questions": result.questions,
        "topics": result.topics,
        "by_kind": result.by_kind,
    }
    if not dry_run:
        report = {
            "curriculum": target.slug,
            **report,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    title = _("Would import into '%(slug)s'") if dry_run else _("Imported into '%(slug)s'")
    table = Table(title=title % {"slug": target.slug})
    table.add_column(_("kind"))
    table.add_column(_("questions"), justify="right")
    for kind, count in sorted(result.by_kind.items()):
        table.add_row(_kind_label(kind), str(count))
    console.print(table)
    console.print(
        _(
            "%(questions)s questions on %(topics)s topics: %(created)s new, %(updated)s updated, "
            "%(unchanged)s unchanged."
        )
        % {
            "questions": result.questions,
            "topics": len(result.topics),
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
    )


@app.command()
def export(
    format: Annotated[
        BankFormat, typer.Option("--format", "-f", help="gift or yaml.")
    ] = BankFormat.yaml,
    curriculum: Annotated[
        str | None, typer.Option(help="The curriculum (default: the default one).")
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(help="Only this topic's questions: its slug or its title, any language."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
) -> None:
    """Write the bank out as GIFT (Moodle; both languages in multilang spans) or YAML;
    importing the file again yields the same bank."""
    from skillpath.knowledge.bank import dump_bank
    from skillpath.knowledge.gift import dump_gift
    from skillpath.knowledge.selectors import bank_of

    chosen = curriculum_or_fail(curriculum)
    bank = bank_of(chosen, topic=topic_in(chosen.pk, topic).slug if topic is not None else None)
    text = dump_gift(bank) if format is BankFormat.gift else dump_bank(bank)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(
            _("Wrote %(count)s questions to %(path)s")
            % {"count": len(bank.questions), "path": output},
            err=True,
        )


@app.command()
def stats(
    curriculum: Annotated[
        str | None, typer.Option(help="The curriculum (default: the default one).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Count the bank: topics, topics with at least five questions, by language and kind."""
    from skillpath.knowledge.selectors import bank_stats

    found = bank_stats(curriculum_or_fail(curriculum))
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    console.print(
        _("%(questions)s questions; %(covered)s of %(topics)s topics have at least 5.")
        % {
            "questions": found["questions"],
            "covered": found["topics_with_at_least_5"],
            "topics": found["topics"],
        }
    )
    table = Table()
    table.add_column(_("kind"))
    table.add_column(_("questions"), justify="right")
    for kind, count in found["by_kind"].items():
        table.add_row(_kind_label(kind), str(count))
    console.print(table)
    console.print(_("In Russian: %(ru)s; in English: %(en)s.") % found["by_language"])


def _kind_label(kind: str) -> str:
    """A question kind in the terminal's language ("Single choice"), not its code."""
    from skillpath.knowledge.models import QuestionKind

    return str(QuestionKind(kind).label) if kind in QuestionKind.values else kind
