"""The admin's backup download: the archive of `skillpath backup`, streamed, for superusers
only (it holds every user's data and password hashes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from skillpath.core import backup, restore
from skillpath.tracking.services import log_session
from tests.ops.backup_world import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "root-pass-123")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "staff", "s@example.com", "staff-pass-123", is_staff=True
    )


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_a_superuser_downloads_the_whole_installation_as_a_streamed_archive(
    root, alice, tmp_path: Path
):
    log_session(learner=alice, kind="theory", minutes=30, now=NOW)

    response = signed_in(root).get("/admin/backup/")

    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="skillpath-backup-')
    assert "no-store" in response["Cache-Control"]  # the admin's never_cache
    path = tmp_path / "download.zip"
    path.write_bytes(b"".join(response.streaming_content))
    manifest = restore.verify_backup(path)
    rows = {entry["model"]: entry["rows"] for entry in manifest["tables"]}
    assert rows["tracking.studysession"] == 1 and rows["auth.user"] == 2
    assert [entry["model"] for entry in manifest["tables"]] == [
        table.label for table in backup.backed_up_tables()
    ]


def test_staff_who_are_not_superusers_get_403(staff):
    assert signed_in(staff).get("/admin/backup/").status_code == 403


def test_a_learner_or_a_stranger_is_sent_to_the_admin_sign_in(alice):
    for client in (signed_in(alice), Client()):
        response = client.get("/admin/backup/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_the_admin_front_page_offers_the_download_to_superusers_only(root, staff):
    assert b'href="/admin/backup/"' in signed_in(root).get("/admin/").content
    assert b'href="/admin/backup/"' not in signed_in(staff).get("/admin/").content
