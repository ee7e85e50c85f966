"""Backups: the whole installation as one zip archive (docs/operations.md); reading one
back into a new database is `core/restore.py`.

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
import uuid
import zipfile
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
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_string

from skillpath.core.errors import DomainError

FORMAT = "skillpath-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BATCH_ROWS = 1000
# Tables left out, and why (docs/operations.md says the same).
SKIPPED = {
    "people.session": "sessions: live credentials, signed with this installation's key",
    "sessions.session": "Django's own session table (unused: people.session replaces it)",
    "auth.permission": "made by migrate; referred to by name",
    "contenttypes.contenttype": "made by migrate; referred to by name",
}


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


def names_by_id() -> dict[type[models.Model], dict[Any, list[str]]]:
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


def manifest_digest(manifest: dict[str, Any]) -> str:
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
        names = names_by_id()
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
        manifest["sha256"] = manifest_digest(manifest)
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
