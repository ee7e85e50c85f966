"""Backup and restore in this process, on the suite's database (SQLite, or PostgreSQL in its
pass): a round trip gives back every row, field by field; every kind of bad archive, and a
database that already holds data, is refused with its own message and changes nothing.
The cross-database moves and a killed restore run the real command: test_backup_cli.py."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from skillpath.core import backup, restore
from skillpath.tracking.models import StudySession
from skillpath.tracking.services import log_session
from tests.conftest import load_git_bank
from tests.ops.backup_world import NOW, build_world, table_contents

pytestmark = pytest.mark.django_db


def wipe() -> None:
    """Empty every table, as a new database is; `flush` also makes the content types and
    permissions again, under new ids, as another database would have them."""
    from django.contrib.contenttypes.models import ContentType

    if connection.vendor == "postgresql":
        # The test's transaction holds foreign-key checks deferred to its end, and
        # PostgreSQL will not TRUNCATE a table with checks pending: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ContentType.objects.clear_cache()


@pytest.fixture
def world(builtin):
    load_git_bank(builtin)
    return build_world(builtin)


@pytest.fixture
def archive(alice, tmp_path: Path) -> Path:
    """A small archive: alice and one session, nothing else."""
    log_session(learner=alice, kind="theory", minutes=30, now=NOW, note="первая")
    path = tmp_path / "small.zip"
    backup.write_backup(path)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(backup.BackupError) as refused:
        restore.restore_backup(path)
    return str(refused.value)


def rewrite(source: Path, target: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Copy an archive member by member, letting `change(name, data)` alter each — a valid
    zip (its CRCs right) whose content someone edited."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info.filename)))


def signed(manifest: dict) -> bytes:
    """The manifest with its checksum made as docs/operations.md says: SHA-256 of its
    canonical JSON (sorted keys, no spaces) without the `sha256` field."""
    body = {k: v for k, v in manifest.items() if k != "sha256"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return json.dumps({**body, "sha256": hashlib.sha256(canonical.encode()).hexdigest()}).encode()


def test_backup_wipe_restore_gives_equal_rows_in_every_table(world, tmp_path: Path):
    before = table_contents()
    path = tmp_path / "world.zip"
    manifest = backup.write_backup(path)
    wipe()
    assert not any(table_contents().values())

    report = restore.restore_backup(path)

    assert table_contents() == before
    filled = {label for label, rows in before.items() if rows}
    # The world reaches every kind of data: users and their links, every app's tables.
    assert {
        "auth.user",
        "auth.group",
        "auth.user_groups",
        "auth.group_permissions",
        "auth.user_user_permissions",
        "admin.logentry",
        "people.profile",
        "planning.enrolment",
        "planning.dayoff",
        "planning.planentry",
        "tracking.studysession",
        "tracking.timer",
        "tracking.topicprogress",
        "tracking.evidencelink",
        "tracking.publicpage",
        "tracking.dailyactivity",
        "knowledge.question",
        "knowledge.quizattempt",
        "knowledge.attemptitem",
        "knowledge.card",
        "knowledge.review",
        "knowledge.reviewsettings",
        "checks.checkrun",
        "assessment.kpientry",
        "assessment.countedcommit",
        "assessment.countedcommit_repositories",
        "assessment.activity",
        "assessment.activityevent",
        "assessment.assessmentsnapshot",
        "assessment.skillrating",
        "curriculum.topic",
    } <= filled
    assert report.rows == sum(len(rows) for rows in before.values())
    assert report.tables == len(manifest["tables"]) == len(before)


def test_the_manifest_names_format_version_counts_and_checksums(world, tmp_path: Path):
    path = tmp_path / "world.zip"
    backup.write_backup(path)

    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        members = {entry["member"]: archive.read(entry["member"]) for entry in manifest["tables"]}
    assert manifest["format"] == "skillpath-backup" and manifest["format_version"] == 1
    assert manifest["skillpath_version"] and manifest["created_at"].startswith("20")
    assert manifest["database"] == connection.vendor
    assert "tracking" in manifest["migrations"]
    for entry in manifest["tables"]:
        data = members[entry["member"]]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert data.count(b"\n") == entry["rows"]
    assert hashlib.sha256(signed(manifest)).digest() and json.loads(signed(manifest)) == manifest
    sessions = next(e for e in manifest["tables"] if e["model"] == "tracking.studysession")
    assert sessions["rows"] == StudySession.objects.count() == 20


def test_sessions_content_types_and_permissions_are_left_out():
    labels = {table.label for table in backup.backed_up_tables()}

    assert not labels & {
        "people.session",
        "sessions.session",
        "auth.permission",
        "contenttypes.contenttype",
    }
    assert {"auth.user", "auth.user_groups", "assessment.countedcommit_repositories"} <= labels


def test_each_table_comes_after_the_tables_it_points_at():
    order = [table.model for table in backup.backed_up_tables()]
    for position, model in enumerate(order):
        for field in model._meta.local_concrete_fields:
            target = field.related_model if field.is_relation else None
            if target in order and target is not model:
                assert order.index(target) < position, (model, target)


def test_a_restore_into_a_database_that_holds_data_is_refused(archive: Path, alice):
    message = refusal(archive)

    assert message.startswith("this database already holds data (")
    assert "tracking_studysession 1" in message and "\n" not in message
    assert StudySession.objects.filter(learner=alice).count() == 1


def test_a_truncated_archive_is_refused(archive: Path):
    data = archive.read_bytes()
    cut = archive.with_name("cut.zip")
    cut.write_bytes(data[: len(data) // 2])
    wipe()

    assert refusal(cut) == (
        "cut.zip is truncated: the end of the archive is missing (a copy or download cut short?)."
    )
    assert not any(table_contents().values())


def test_an_archive_with_one_byte_edited_is_refused(archive: Path):
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo("tables/tracking.studysession.jsonl")
    # The member's data starts after its local header: 30 bytes, its name, an extra field.
    data = bytearray(archive.read_bytes())
    header = info.header_offset
    name_length = int.from_bytes(data[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(data[header + 28 : header + 30], "little")
    start = header + 30 + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0x20
    edited = archive.with_name("edited.zip")
    edited.write_bytes(bytes(data))
    wipe()

    message = refusal(edited)

    assert message.startswith("edited.zip is damaged: tables/tracking.studysession.jsonl ")
    assert not any(table_contents().values())


def test_an_archive_whose_rows_were_edited_is_refused_by_its_checksum(archive: Path):
    edited = archive.with_name("edited.zip")
    rewrite(
        archive,
        edited,
        lambda name, data: (
            data.replace("первая".encode(), "вторая".encode())
            if name.endswith("studysession.jsonl")
            else data
        ),
    )
    wipe()

    assert refusal(edited) == (
        "edited.zip is damaged: tables/tracking.studysession.jsonl fails its SHA-256 checksum "
        "(edited or corrupted)."
    )


def test_an_archive_whose_manifest_was_edited_is_refused(archive: Path):
    def fewer_rows(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["tables"][0]["rows"] += 1
        return json.dumps(manifest).encode()

    edited = archive.with_name("edited.zip")
    rewrite(archive, edited, fewer_rows)
    wipe()

    assert refusal(edited) == (
        "edited.zip is damaged: its manifest fails its SHA-256 checksum (edited or corrupted)."
    )


def test_an_archive_of_a_newer_format_is_refused(archive: Path):
    def newer(name: str, data: bytes) -> bytes:
        return (
            signed({**json.loads(data), "format_version": 2}) if name == "manifest.json" else data
        )

    future = archive.with_name("future.zip")
    rewrite(archive, future, newer)
    wipe()

    assert refusal(future) == (
        "future.zip has backup format 2, newer than this Skillpath reads (1): upgrade "
        "Skillpath, then restore."
    )


def test_an_archive_made_by_a_newer_schema_is_refused(archive: Path):
    def newer(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["tracking"].append("9999_from_the_future")
        return signed(manifest)

    future = archive.with_name("future.zip")
    rewrite(archive, future, newer)
    wipe()

    assert refusal(future).startswith(
        "future.zip was made by a newer Skillpath (migration tracking.9999_from_the_future,"
    )


def test_a_file_that_is_no_archive_is_refused(tmp_path: Path):
    text = tmp_path / "notes.zip"
    text.write_text("not a zip", encoding="utf-8")

    assert refusal(text) == "notes.zip is not a Skillpath backup (not a zip archive)."
    assert refusal(tmp_path / "missing.zip") == f"{tmp_path / 'missing.zip'}: no such file."


@pytest.mark.postgres
def test_on_postgresql_the_sequences_go_on_after_the_restored_ids(archive: Path, alice):
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass of the suite (set DATABASE_URL)")
    highest = StudySession.objects.get().pk
    wipe()
    restore.restore_backup(archive)

    learner = type(alice).objects.get(username="alice")
    later = log_session(learner=learner, kind="practice", minutes=20, now=NOW.replace(hour=20))

    assert later.pk > highest
