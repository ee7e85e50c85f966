"""Backup and restore of a whole installation as one zip archive (docs/operations.md).

The archive holds one JSON Lines member per table — every table of the apps under
`skillpath/`, Django's users and groups with their links, and the admin's change log — and
a `manifest.json` written last: the format version, when and by which Skillpath it was
made, the applied migrations, and per table its columns, row count and SHA-256; the
manifest carries a SHA-256 of itself, which covers every member's through their checksums.

Rows keep their primary keys, so foreign keys stay valid; a row is a JSON array in the
order of its table's columns. Content types and permissions are the exception: `migrate`
makes them, with ids that differ between databases, so a reference to one is written as its
natural key (`["app", "model"]`, `["codename", "app", "model"]`) and found again by name.

Sessions are left out on purpose: a backup must not hold live credentials, and a session
signed with one installation's secret key means nothing to another; a restore signs
everyone out.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import uuid
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal
from graphlib import CycleError, TopologicalSorter
from importlib import metadata
from pathlib import Path
from typing import IO, Any, cast

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_string
from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError

FORMAT = "skillpath-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BATCH_ROWS = 1000
# A test hook (documented in docs/operations.md): seconds to sleep after loading each
# table, so that a test can kill a restore halfway and see that nothing changed.
TABLE_DELAY_VARIABLE = "SKILLPATH_RESTORE_TABLE_DELAY"

# Tables left out, and why (docs/operations.md says the same).
SKIPPED = {
    "people.session": "sessions: live credentials, signed with this installation's key",
    "sessions.session": "Django's own session table (unused: people.session replaces it)",
    "auth.permission": "made by migrate; referred to by name",
    "contenttypes.contenttype": "made by migrate; referred to by name",
}
# Rows `skillpath setup` writes into a new database by itself; a restore replaces them.
SETUP_APPS = frozenset({"curriculum"})
SETUP_MODELS = frozenset({"knowledge.question"})


class BackupError(DomainError):
    """A backup or restore said no; the message says what to do."""


class ArchiveError(BackupError):
    """The file is no Skillpath backup this version can read: damaged, cut or newer."""


class TargetNotEmptyError(BackupError):
    pass


class SchemaMismatchError(BackupError):
    pass


@dataclass(frozen=True)
class Table:
    """One table of the archive: its model and the columns written, in order."""

    model: type[models.Model]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def member(self) -> str:
        return f"tables/{self.label}.jsonl"

    @property
    def fields(self) -> list[models.Field[Any, Any]]:
        return list(self.model._meta.local_concrete_fields)

    @property
    def columns(self) -> list[str]:
        return [field.attname for field in self.fields]


@dataclass(frozen=True)
class RestoreReport:
    tables: int
    rows: int
    created_at: str
    skillpath_version: str


def skillpath_version() -> str:
    try:
        return metadata.version("skillpath")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


# --- which tables -------------------------------------------------------------------


def _is_backed_up(model: type[models.Model]) -> bool:
    meta = model._meta
    if meta.proxy or not meta.managed or meta.label_lower in SKIPPED:
        return False
    app = meta.app_config
    assert app is not None
    return app.name.startswith("skillpath.") or app.label in ("auth", "admin")


def backed_up_tables() -> list[Table]:
    """Every table the archive holds, each after the tables its foreign keys point at."""
    chosen = [m for m in apps.get_models(include_auto_created=True) if _is_backed_up(m)]
    graph: dict[type[models.Model], set[type[models.Model]]] = {m: set() for m in chosen}
    for model in chosen:
        for field in model._meta.local_concrete_fields:
            target = field.related_model if field.is_relation else None
            if isinstance(target, type) and target in graph and target is not model:
                graph[model].add(target)
    try:
        ordered = list(TopologicalSorter(graph).static_order())
    except CycleError:
        # Foreign keys are checked at commit on both databases (Django makes them
        # DEFERRABLE INITIALLY DEFERRED), so a cycle only costs the tidy order.
        ordered = chosen
    return [Table(model) for model in ordered]


# --- values to JSON and back --------------------------------------------------------


def _named_models() -> dict[type[models.Model], Callable[[models.Model], list[str]]]:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    return {
        ContentType: lambda ct: [ct.app_label, ct.model],  # type: ignore[attr-defined]
        Permission: lambda p: [
            p.codename,  # type: ignore[attr-defined]
            p.content_type.app_label,  # type: ignore[attr-defined]
            p.content_type.model,  # type: ignore[attr-defined]
        ],
    }


def _names_by_id() -> dict[type[models.Model], dict[Any, list[str]]]:
    """For content types and permissions: id → natural key, in this database."""
    found: dict[type[models.Model], dict[Any, list[str]]] = {}
    for model, name in _named_models().items():
        rows = model._default_manager.all()
        if hasattr(model, "content_type"):
            rows = rows.select_related("content_type")
        found[model] = {row.pk: name(row) for row in rows}
    return found


def _plain(value: Any) -> Any:
    """A column's value as JSON that its field's `to_python` reads back exactly."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date | clock_time):
        return value.isoformat()  # full precision (DjangoJSONEncoder cuts microseconds)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, timedelta):
        return duration_string(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"no JSON form for {type(value).__name__}")


def _encoder(
    field: models.Field[Any, Any], names: dict[type[models.Model], dict[Any, list[str]]]
) -> Callable[[Any], Any]:
    target = field.related_model if field.is_relation else None
    if isinstance(target, type) and target in names:
        by_id = names[target]
        return lambda value: None if value is None else by_id[value]
    if isinstance(field, models.JSONField):
        return lambda value: value  # already JSON, whatever shape it has
    return _plain


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


# --- writing ------------------------------------------------------------------------


class _Pipe:
    """A write-only stream whose bytes are taken out as they come: zipfile writes into it
    (with data descriptors, as it does on any stream that cannot seek) and an HTTP response
    sends what it holds, so the archive never sits whole in memory."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> Iterator[bytes]:
        chunks, self._chunks = self._chunks, []
        yield from chunks


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """Read every table from one snapshot of the database, without blocking writers."""
    if connection.in_atomic_block:  # a caller's transaction already fixes the snapshot
        yield
        return
    if connection.vendor == "sqlite":
        # Django would BEGIN IMMEDIATE here (settings: transaction_mode), holding the write
        # lock for the whole backup; a deferred transaction reads one WAL snapshot instead.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def applied_migrations() -> dict[str, list[str]]:
    """The migrations this database has applied, by app."""
    applied: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _digest(manifest: dict[str, Any]) -> str:
    body = {key: value for key, value in manifest.items() if key != "sha256"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _write_steps(out: IO[bytes] | _Pipe) -> Generator[None, None, dict[str, Any]]:
    """Write the archive into `out`, pausing after each batch of rows; returns the
    manifest (as the generator's value)."""
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "skillpath_version": skillpath_version(),
        "database": connection.vendor,
        "tables": [],
    }
    with (
        zipfile.ZipFile(cast(IO[bytes], out), "w", compression=zipfile.ZIP_DEFLATED) as archive,
        _one_snapshot(),
    ):
        manifest["migrations"] = applied_migrations()
        names = _names_by_id()
        for table in backed_up_tables():
            encoders = [_encoder(field, names) for field in table.fields]
            digest, rows = hashlib.sha256(), 0
            rows_of = table.model._base_manager.order_by("pk").values_list(*table.columns)
            with archive.open(table.member, "w", force_zip64=True) as member:
                lines: list[str] = []
                for row in rows_of.iterator(chunk_size=BATCH_ROWS):
                    values = [encode(value) for encode, value in zip(encoders, row, strict=True)]
                    lines.append(json.dumps(values, ensure_ascii=False, separators=(",", ":")))
                    if len(lines) == BATCH_ROWS:
                        rows += _write_lines(member, lines, digest)
                        yield
                rows += _write_lines(member, lines, digest)
            manifest["tables"].append(
                {
                    "model": table.label,
                    "table": table.model._meta.db_table,
                    "member": table.member,
                    "columns": table.columns,
                    "rows": rows,
                    "sha256": digest.hexdigest(),
                }
            )
            yield
        manifest["sha256"] = _digest(manifest)
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def _write_lines(member: IO[bytes], lines: list[str], digest: Any) -> int:
    if not lines:
        return 0
    data = ("\n".join(lines) + "\n").encode("utf-8")
    digest.update(data)
    member.write(data)
    count = len(lines)
    lines.clear()
    return count


def write_backup(path: Path) -> dict[str, Any]:
    """Write the whole installation to `path` (beside it first, then renamed, so a backup
    cut short never leaves a half archive under the name); returns the manifest."""
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("wb") as out:
            steps = _write_steps(out)
            while True:
                try:
                    next(steps)
                except StopIteration as done:
                    manifest: dict[str, Any] = done.value
                    break
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def stream_backup() -> Iterator[bytes]:
    """The same archive as `write_backup`, as chunks of bytes for a streamed response."""
    pipe = _Pipe()
    for _step in _write_steps(pipe):
        yield from pipe.drain()
    yield from pipe.drain()


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
    if manifest.get("sha256") != _digest(manifest):
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
                for model, by_id in _names_by_id().items()
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
