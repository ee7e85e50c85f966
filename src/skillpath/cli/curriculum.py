"""`skillpath curriculum ...`: import, export and list curricula."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from django.utils.translation import gettext as _
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Import, export and list curricula.", no_args_is_help=True)
console = Console()
EXIT_BAD_INPUT = 2


@app.callback()
def prepared() -> None:
    """Every command here reads or writes the database: prepare it on a fresh data dir."""
    from skillpath.core.setup import ensure_database

    ensure_database()


class ExportFormat(StrEnum):
    md = "md"
    yaml = "yaml"


class Lang(StrEnum):
    ru = "ru"
    en = "en"


def fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def curriculum_or_fail(slug: str | None):  # type: ignore[no-untyped-def]
    """The curriculum `slug`, else (no slug) the default one; a clear error when missing."""
    from skillpath.curriculum.models import Curriculum
    from skillpath.curriculum.selectors import default_curriculum

    found = Curriculum.objects.filter(slug=slug).first() if slug else default_curriculum()
    if found is None:
        known = ", ".join(Curriculum.objects.values_list("slug", flat=True)) or "none"
        raise fail(
            _("error: no curriculum '%(slug)s' (known: %(known)s)")
            % {"slug": slug or "", "known": known}
        )
    return found


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A Markdown plan, a YAML package file or folder.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and count; write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    slug: Annotated[str | None, typer.Option(help="Import under this slug.")] = None,
) -> None:
    """Import a plan; a bad plan is reported as PATH:LINE: error: ... and changes nothing."""
    from skillpath.curriculum.importers.base import PlanError
    from skillpath.curriculum.importers.loader import read_plan
    from skillpath.curriculum.services import import_curriculum
    from skillpath.curriculum.validation import check_slug

    try:
        if slug is not None:
            check_slug(slug)
        parsed = read_plan(path)
        result = import_curriculum(parsed=parsed, slug=slug, dry_run=dry_run)
    except PlanError as exc:
        raise fail(str(exc if exc.path else exc.located(str(path)))) from None
    report = {
        "slug": result.slug,
        "dry_run": result.dry_run,
        "created": result.created_curriculum,
        "changed": result.changed,
        "source": {
            "path": str(path),
            "format": parsed.source_format,
            "language": parsed.language,
            "encoding": parsed.decoded.report() if parsed.decoded else None,
        },
        "counts": result.counts,
        "changes": result.change_summary(),
        "warnings": list(parsed.doc.warnings),
    }
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    title = _("Would import '%(slug)s'") if dry_run else _("Imported '%(slug)s'")
    table = Table(title=title % {"slug": result.slug})
    table.add_column(_("items"))
    table.add_column(_("count"), justify="right")
    for name, count in result.counts.items():
        table.add_row(_counted_label(name), str(count))
    console.print(table)
    encoding = report["source"]["encoding"]  # type: ignore[index]
    if encoding and encoding["repaired"]:
        console.print(_("Repaired: %(what)s") % {"what": encoding["repaired"]})
    for warning in parsed.doc.warnings:
        label = _("warning")
        console.print(f"[yellow]{label}:[/yellow] {warning}")
    if not result.changed:
        console.print(_("Nothing changed: the curriculum was already up to date."))


@app.command()
def export(
    slug: Annotated[str, typer.Argument(help="The curriculum's slug (see 'curriculum list').")],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="md or yaml.")
    ] = ExportFormat.yaml,
    language: Annotated[Lang, typer.Option(help="Language of a Markdown export.")] = Lang.ru,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
) -> None:
    """Write a curriculum out as Markdown (one language) or as a YAML package (both)."""
    from skillpath.curriculum.exporters.markdown import render_markdown
    from skillpath.curriculum.importers.package import dump_package
    from skillpath.curriculum.selectors import curriculum_doc

    doc = curriculum_doc(curriculum_or_fail(slug))
    text = render_markdown(doc, language.value) if format is ExportFormat.md else dump_package(doc)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(_("Wrote %(path)s") % {"path": output})


@app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the curricula in the database with their sizes."""
    from skillpath.curriculum import selectors

    counts = selectors.curriculum_counts()
    rows = [
        {"slug": c.slug, "title": c.title, "builtin": c.is_builtin, **counts.get(c.pk, {})}
        for c in selectors.curricula()
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(_("code"), _("title"), _("months"), _("topics"))
    for row in rows:
        table.add_row(
            row["slug"], row["title"], str(row.get("months", 0)), str(row.get("topics", 0))
        )
    console.print(table)


def _counted_label(name: str) -> str:
    """What an import counted ("topics"), in the terminal's language: the model's name."""
    from skillpath.curriculum.selectors import COUNTED

    model = COUNTED.get(name)
    return str(model._meta.verbose_name_plural) if model is not None else name
