"""Shared fixtures: the personas (alice the learner, bob her mentor, charlie an outsider),
the seed files, the built-in curriculum, and `need()` for tests that want PostgreSQL or
Chromium.

`need()` skips with a reason on a laptop that lacks the tool, and fails instead when
SKILLPATH_REQUIRE_ALL=1 (CI sets it), so CI never silently skips a test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillpath.curriculum.importers.loader import read_plan
from skillpath.curriculum.services import builtin_package_path, import_curriculum

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The seed lives beside the repository in `shared/seed`; SKILLPATH_SEED_DIR points elsewhere.
SEED_DIR = Path(os.environ.get("SKILLPATH_SEED_DIR", ROOT.parent / "shared" / "seed"))
REQUIRE_ALL = os.environ.get("SKILLPATH_REQUIRE_ALL", "") in ("1", "true", "yes")


def need(condition: object, reason: str) -> None:
    """Skip (or, under SKILLPATH_REQUIRE_ALL, fail) when `condition` is falsy."""
    if condition:
        return
    if REQUIRE_ALL:
        pytest.fail(f"required but unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def seed_original() -> Path:
    path = SEED_DIR / "backend-plan.original.txt"
    need(path.exists(), f"the seed file {path.name} is not beside the repository")
    return path


@pytest.fixture(scope="session")
def seed_ru() -> Path:
    path = SEED_DIR / "backend-plan.ru.md"
    need(path.exists(), f"the seed file {path.name} is not beside the repository")
    return path


@pytest.fixture(scope="session")
def seed_en() -> Path:
    return FIXTURES / "backend-plan.en.md"


@pytest.fixture
def builtin(db):
    """The built-in curriculum, imported into the test database."""
    from skillpath.curriculum.models import Curriculum

    import_curriculum(parsed=read_plan(builtin_package_path()), builtin=True)
    return Curriculum.objects.get(slug="backend")


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "alice-pass-123")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", "bob-pass-123")


@pytest.fixture
def charlie(django_user_model):
    return django_user_model.objects.create_user(
        "charlie", "charlie@example.com", "charlie-pass-123"
    )
