"""The check pages read the suites' specs from SKILLPATH_CONTENT_DIR, as the curriculum is
read: installed from the wheel (the container image), the package is in site-packages, far
from any checkout's content/ (deploy/Dockerfile puts the content in a folder of its own)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT


@pytest.mark.django_db
def test_the_check_pages_read_the_specs_from_the_content_folder(client, settings, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "projects" / "todo-api", content / "projects/todo-api")
    marker = "Only in the image's content folder."
    spec = content / "projects" / "todo-api" / "openapi.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + f"\n# {marker}\n", encoding="utf-8")
    settings.CONTENT_DIR = content

    interface = client.get("/checks/todo-api/interface/")
    assert interface.status_code == 200
    assert marker in b"".join(interface.streaming_content).decode()

    settings.CONTENT_DIR = tmp_path / "empty"
    assert client.get("/checks/todo-api/interface/").status_code == 404
