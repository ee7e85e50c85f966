"""Reading a backup back: every checksum checked before anything is written, then one
transaction that loads every table into a new database (docs/operations.md). The archive's
format and what it holds are described in `core/backup.py`, which writes it."""

from __future__ import annotations

import hashlib
import json
import os
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from skillpath.core.backup import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    ArchiveError,
    SchemaMismatchError,
    Table,
    TargetNotEmptyError,
    applied_migrations,
    backed_up_tables,
    manifest_digest,
    names_by_id,
)

BATCH_ROWS = 1000
# Rows `skillpath setup` writes into a new database by itself; a restore replaces them.
SETUP_APPS = frozenset({"curriculum"})
SETUP_MODELS = frozenset({"knowledge.question"})
# A test hook (documented in docs/operations.md): seconds to sleep after loading each
# table, so that a test can kill a restore halfway and see that nothing changed.
TABLE_DELAY_VARIABLE = "SKILLPATH_RESTORE_TABLE_DELAY"


@dataclass(frozen=True)
class RestoreReport:
    tables: int
    rows: int
    created_at: str
    skillpath_version: str


def _decoder(
    field: models.Field[Any, Any], ids: dict[type[models.Model], dict[tuple[str, ...], Any]]
) -> Callable[[Any], Any]:
    target = field.related_model if field.is_relation else None
    if isinstance(target, type) and target in ids:
        by_name = ids[target]

        def named(value: Any) -> Any:
            if value is None:
                return None
            try:
                return by_name[tuple(value)]
            except (KeyError, TypeError):
                raise SchemaMismatchError(
                    _("The archive refers to %(what)s “%(name)s”, which this installation lacks.")
                    % {"what": target._meta.verbose_name, "name": ".".join(map(str, value))}
                ) from None

        return lambda value: field.get_db_prep_save(named(value), connection)
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return lambda value: field.get_db_prep_save(field.to_python(value), connection)


# --- reading and checking an archive -----------------------------------------------


def _damaged(path: Path, problem: str) -> ArchiveError:
    return ArchiveError(
        _("%(file)s is damaged: %(problem)s.") % {"file": path.name, "problem": problem}
    )


@contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    if not path.is_file():
        raise ArchiveError(_("%(file)s: no such file.") % {"file": path})
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        with path.open("rb") as start:
            is_zip = start.read(4) == b"PK\x03\x04"
        if is_zip:
            raise ArchiveError(
                _(
                    "%(file)s is truncated: the end of the archive is missing "
                    "(a copy or download cut short?)."
                )
                % {"file": path.name}
            ) from None
        raise ArchiveError(
            _("%(file)s is not a Skillpath backup (not a zip archive).") % {"file": path.name}
        ) from None
    with archive:
        yield archive


def read_manifest(path: Path, archive: zipfile.ZipFile) -> dict[str, Any]:
    """The archive's manifest, once its format, version and checksum are found sound."""
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise ArchiveError(
            _("%(file)s is not a Skillpath backup: it has no manifest.") % {"file": path.name}
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise _damaged(path, _("its manifest cannot be read (%(why)s)") % {"why": exc}) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(
            _("%(file)s is not a Skillpath backup (its manifest names another format).")
            % {"file": path.name}
        )
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise _damaged(path, _("its manifest has no format version"))
    if version > FORMAT_VERSION:
        raise ArchiveError(
            _(
                "%(file)s has backup format %(found)s, newer than this Skillpath reads "
                "(%(known)s): upgrade Skillpath, then restore."
            )
            % {"file": path.name, "found": version, "known": FORMAT_VERSION}
        )
    if manifest.get("sha256") != manifest_digest(manifest):
        raise _damaged(path, _("its manifest fails its SHA-256 checksum (edited or corrupted)"))
    return manifest


def _lines(path: Path, archive: zipfile.ZipFile, entry: dict[str, Any]) -> Iterator[list[Any]]:
    """The rows of one member, checked against the manifest: its checksum and row count
    (after the last row), and each row's length."""
    member, columns = entry["member"], len(entry["columns"])
    digest, rows = hashlib.sha256(), 0
    try:
        with archive.open(member) as raw:
            for line in raw:  # ZipExtFile reads ahead in blocks of its own
                digest.update(line)
                row = json.loads(line)
                if not isinstance(row, list) or len(row) != columns:
                    raise _damaged(
                        path,
                        _("row %(row)s of %(member)s does not match its columns")
                        % {"row": rows + 1, "member": member},
                    )
                rows += 1
                yield row
    except KeyError:
        raise _damaged(path, _("%(member)s is missing") % {"member": member}) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise _damaged(
            path, _("%(member)s cannot be read (%(why)s)") % {"member": member, "why": exc}
        ) from None
    if digest.hexdigest() != entry["sha256"]:
        raise _damaged(
            path,
            _("%(member)s fails its SHA-256 checksum (edited or corrupted)") % {"member": member},
        )
    if rows != entry["rows"]:
        raise _damaged(
            path,
            _("%(member)s holds %(found)s rows, its manifest says %(said)s")
            % {"member": member, "found": rows, "said": entry["rows"]},
        )


def verify_backup(path: Path) -> dict[str, Any]:
    """Read the whole archive and check every checksum; writes nothing. Returns the
    manifest."""
    with _open_archive(path) as archive:
        manifest = read_manifest(path, archive)
        for entry in manifest["tables"]:
            for _row in _lines(path, archive, entry):
                pass
    return manifest


# --- restoring ----------------------------------------------------------------------


def _check_schema(path: Path, manifest: dict[str, Any], tables: dict[str, Table]) -> None:
    here, there = applied_migrations(), manifest.get("migrations", {})
    apps_of_archive = {entry["model"].split(".")[0] for entry in manifest["tables"]}
    for app in sorted(apps_of_archive):
        missing_here = sorted(set(there.get(app, [])) - set(here.get(app, [])))
        if missing_here:
            raise SchemaMismatchError(
                _(
                    "%(file)s was made by a newer Skillpath (migration %(migration)s, which "
                    "this database lacks): upgrade Skillpath here, then restore."
                )
                % {"file": path.name, "migration": f"{app}.{missing_here[0]}"}
            )
        missing_there = sorted(set(here.get(app, [])) - set(there.get(app, [])))
        if missing_there:
            raise SchemaMismatchError(
                _(
                    "%(file)s was made by an older Skillpath (before migration %(migration)s): "
                    "upgrade the installation it came from, run `skillpath setup` there and "
                    "back it up again."
                )
                % {"file": path.name, "migration": f"{app}.{missing_there[0]}"}
            )
    for entry in manifest["tables"]:
        table = tables.get(entry["model"])
        if table is None or table.columns != entry["columns"]:
            raise SchemaMismatchError(
                _("%(file)s holds table %(table)s in a shape this Skillpath does not have.")
                % {"file": path.name, "table": entry["model"]}
            )


def learner_data() -> dict[str, int]:
    """Rows that a restore would overwrite and that `skillpath setup` did not write by
    itself (the built-in curricula with their questions, the local learner): by table."""
    from django.contrib.auth import get_user_model

    from skillpath.curriculum.models import Curriculum

    user_model = get_user_model()
    only_builtin = not Curriculum.objects.filter(is_builtin=False).exists()
    found: dict[str, int] = {}
    for table in backed_up_tables():
        meta = table.model._meta
        rows = table.model._base_manager.all()
        if only_builtin and (meta.app_label in SETUP_APPS or meta.label_lower in SETUP_MODELS):
            continue
        if table.model is user_model:
            rows = rows.exclude(
                username=settings.LOCAL_USERNAME, password__startswith=UNUSABLE_PASSWORD_PREFIX
            )
        count = rows.count()
        if count:
            found[meta.db_table] = count
    return found


def _check_empty() -> None:
    found = learner_data()
    if found:
        listed = ", ".join(f"{table} {count}" for table, count in list(found.items())[:3])
        if len(found) > 3:
            listed += ", …"
        raise TargetNotEmptyError(
            _(
                "this database already holds data (%(tables)s): restore only into a new "
                "database (a new SKILLPATH_DATA_DIR or an empty DATABASE_URL)."
            )
            % {"tables": listed}
        )


def _clear(tables: list[Table]) -> None:
    """Delete what `setup` wrote (and every session: all users are replaced)."""
    quote = connection.ops.quote_name
    leftovers = [
        m
        for m in apps.get_models()
        if m._meta.label_lower in ("people.session", "sessions.session")
    ]
    with connection.cursor() as cursor:
        for model in [*leftovers, *(table.model for table in reversed(tables))]:
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")


def _load_table(
    path: Path,
    archive: zipfile.ZipFile,
    entry: dict[str, Any],
    table: Table,
    ids: dict[type[models.Model], dict[tuple[str, ...], Any]],
) -> int:
    decoders = [_decoder(field, ids) for field in table.fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in table.fields)
    marks = ", ".join(["%s"] * len(table.fields))
    sql = f"INSERT INTO {quote(table.model._meta.db_table)} ({columns}) VALUES ({marks})"
    batch: list[list[Any]] = []
    loaded = 0
    with connection.cursor() as cursor:
        for row in _lines(path, archive, entry):
            batch.append([decode(value) for decode, value in zip(decoders, row, strict=True)])
            if len(batch) == BATCH_ROWS:
                cursor.executemany(sql, batch)
                loaded += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            loaded += len(batch)
    return loaded


def restore_backup(
    path: Path, *, progress: Callable[[str, int], None] | None = None
) -> RestoreReport:
    """Load the archive at `path` into this (empty) database, all or nothing: check the
    archive whole first, migrate a new database, then write every table in one
    transaction and reset PostgreSQL's sequences. `progress(table, rows)` after each."""
    from django.core.management import call_command

    from skillpath.core.setup import has_pending_migrations

    verify_backup(path)  # before anything is written, so a damaged file changes nothing
    if has_pending_migrations():  # a new database: its tables first (not the curriculum)
        call_command("migrate", interactive=False, verbosity=0)
    tables = {table.label: table for table in backed_up_tables()}
    delay = float(os.environ.get(TABLE_DELAY_VARIABLE) or 0)
    with _open_archive(path) as archive:
        manifest = read_manifest(path, archive)
        _check_schema(path, manifest, tables)
        with transaction.atomic():
            _check_empty()  # inside: nothing can slip in between the check and the load
            ids = {
                model: {tuple(name): pk for pk, name in by_id.items()}
                for model, by_id in names_by_id().items()
            }
            _clear(list(tables.values()))
            total = 0
            loaded_models = []
            for entry in manifest["tables"]:
                table = tables[entry["model"]]
                rows = _load_table(path, archive, entry, table, ids)
                total += rows
                loaded_models.append(table.model)
                if progress is not None:
                    progress(entry["model"], rows)
                if delay:
                    time.sleep(delay)
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), loaded_models):
                    cursor.execute(sql)
            connection.check_constraints(
                table_names=[model._meta.db_table for model in loaded_models]
            )
    return RestoreReport(
        tables=len(manifest["tables"]),
        rows=total,
        created_at=manifest["created_at"],
        skillpath_version=manifest["skillpath_version"],
    )
