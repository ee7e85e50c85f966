"""`skillpath backup` and `skillpath restore`: the whole installation as one archive and back
(`core.backup`, `core.restore`; docs/operations.md#backup-and-restore)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skillpath.cli.learner import fail

FileArgument = Annotated[Path, typer.Argument(help="The archive (a .zip file).")]


def backup(file: FileArgument) -> None:
    """Write the whole installation — users, curricula, plans, progress, answers, checks,
    assessments — to FILE, one archive with a manifest and SHA-256 checksums."""
    from skillpath.core import backup as archive
    from skillpath.core.setup import ensure_database

    if file.is_dir():
        raise fail(_("%(file)s is a folder: name the archive to write") % {"file": file})
    if not file.parent.is_dir():
        raise fail(_("no folder %(folder)s to write the archive into") % {"folder": file.parent})
    ensure_database()
    manifest = archive.write_backup(file)
    rows = sum(table["rows"] for table in manifest["tables"])
    typer.echo(
        ngettext(
            "Wrote %(file)s: %(rows)s row in %(tables)s tables.",
            "Wrote %(file)s: %(rows)s rows in %(tables)s tables.",
            rows,
        )
        % {"file": file, "rows": rows, "tables": len(manifest["tables"])}
    )


def restore(
    file: FileArgument,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Name each table as it is loaded.")
    ] = False,
) -> None:
    """Load a backup into this installation's new, empty database, all or nothing. A
    damaged, cut or newer archive, or a database that already holds data, is refused."""
    from skillpath.core.backup import BackupError
    from skillpath.core.restore import restore_backup

    def loaded(table: str, rows: int) -> None:
        typer.echo(_("loaded %(table)s (%(rows)s)") % {"table": table, "rows": rows})

    try:
        report = restore_backup(file, progress=loaded if verbose else None)
    except BackupError as exc:
        raise fail(str(exc)) from None
    typer.echo(
        ngettext(
            "Restored %(rows)s row in %(tables)s tables from %(file)s "
            "(made %(made)s by Skillpath %(version)s).",
            "Restored %(rows)s rows in %(tables)s tables from %(file)s "
            "(made %(made)s by Skillpath %(version)s).",
            report.rows,
        )
        % {
            "rows": report.rows,
            "tables": report.tables,
            "file": file,
            "made": report.created_at,
            "version": report.skillpath_version,
        }
    )
