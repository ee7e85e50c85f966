"""`skillpath backup` and `skillpath restore` as an operator runs them, each in a process of
its own with its own SKILLPATH_DATA_DIR or DATABASE_URL: a laptop's SQLite installation
moved to a school's PostgreSQL and back gives the same rows, field by field; a restore
killed halfway leaves the target exactly as it was.

The source installation is filled by `tests/ops/backup_world.py` (the project's services)
in a process of its own too. PostgreSQL comes from SKILLPATH_TEST_POSTGRES_URL (a server
URL whose user may create databases; default: the server of DATABASE_URL, else the local
one); each test makes its own databases and drops them afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import skillpath as skillpath_package
from tests.conftest import ROOT, need

SKILLPATH = Path(sys.executable).parent / "skillpath"


def _postgres_url() -> str:
    """The server to make databases on: SKILLPATH_TEST_POSTGRES_URL, else the server of the
    suite's own DATABASE_URL (its PostgreSQL pass), else the local one."""
    if os.environ.get("SKILLPATH_TEST_POSTGRES_URL"):
        return os.environ["SKILLPATH_TEST_POSTGRES_URL"]
    suite = os.environ.get("DATABASE_URL", "")
    if suite.startswith(("postgres://", "postgresql://")):
        return suite.rsplit("/", 1)[0] + "/postgres"
    return "postgres://postgres@127.0.0.1:5432/postgres"


POSTGRES_URL = _postgres_url()


def environment(*, data_dir: Path, database_url: str | None = None, **extra: str) -> dict:
    data_dir.mkdir(parents=True, exist_ok=True)  # empty: the commands run in it
    env = {
        **os.environ,
        "SKILLPATH_DATA_DIR": str(data_dir),
        "SKILLPATH_LANGUAGE": "en",
        "DJANGO_SETTINGS_MODULE": "skillpath.config.settings",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    # The children run the code under test (this checkout's), whatever their folder.
    source = str(Path(skillpath_package.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, str(ROOT), env.get("PYTHONPATH")]))
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def skillpath(*args: str, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(SKILLPATH), *args],
        env=env,
        cwd=env["SKILLPATH_DATA_DIR"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert not check or done.returncode == 0, done.stdout + done.stderr
    return done


def world(command: str, env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tests.ops.backup_world", command],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def contents(env: dict) -> dict:
    return json.loads(world("contents", env))


class Postgres:
    """Databases of this test's own on the PostgreSQL server, dropped afterwards."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def _run(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5) as server:
            server.execute(sql)

    def new(self) -> str:
        name = f"skillpath_backup_{uuid.uuid4().hex[:10]}"
        self._run(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"

    def drop_all(self) -> None:
        for name in self.made:
            self._run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres():
    try:
        import psycopg

        psycopg.connect(POSTGRES_URL, connect_timeout=5).close()
    except Exception as exc:  # no server, no driver, no rights: say which
        need(False, f"PostgreSQL at {POSTGRES_URL}: {exc}")
    databases = Postgres()
    yield databases
    databases.drop_all()


@pytest.fixture(scope="module")
def laptop(tmp_path_factory) -> tuple[Path, dict]:
    """A learner's SQLite installation, filled by the services, and its backup."""
    home = tmp_path_factory.mktemp("laptop")
    env = environment(data_dir=home / "data")
    world("build", env)
    archive = home / "laptop.zip"
    skillpath("backup", str(archive), env=env)
    return archive, contents(env)


@pytest.mark.postgres
def test_a_sqlite_backup_restores_into_postgresql_with_every_row(laptop, postgres, tmp_path):
    archive, source = laptop
    server = environment(data_dir=tmp_path / "server", database_url=postgres.new())

    done = skillpath("restore", str(archive), env=server)

    assert done.stdout.startswith("Restored ")
    assert contents(server) == source
    # The sequences were moved past the restored ids: new rows get ids of their own.
    assert skillpath("log", "25m", "theory", "--user", "alice", env=server).returncode == 0


@pytest.mark.postgres
def test_a_postgresql_backup_restores_into_sqlite_with_every_row(postgres, tmp_path):
    server = environment(data_dir=tmp_path / "server", database_url=postgres.new())
    world("build", server)
    archive = tmp_path / "server.zip"
    skillpath("backup", str(archive), env=server)
    laptop = environment(data_dir=tmp_path / "laptop")

    skillpath("restore", str(archive), env=laptop)

    assert contents(laptop) == contents(server)
    assert skillpath("log", "25m", "theory", "--user", "alice", env=laptop).returncode == 0


def test_a_sqlite_backup_restores_into_a_new_sqlite_installation(laptop, tmp_path):
    archive, source = laptop
    other = environment(data_dir=tmp_path / "other")

    skillpath("restore", str(archive), env=other)

    assert contents(other) == source
    again = skillpath("restore", str(archive), env=other, check=False)
    assert again.returncode == 2
    assert again.stderr.startswith("error: this database already holds data (")


def _killed_halfway(archive: Path, env: dict) -> None:
    """Start a restore that sleeps after each table, and SIGKILL it once half are loaded."""
    with open(archive.with_suffix(".tables"), "w+", encoding="utf-8") as listing:
        import zipfile

        with zipfile.ZipFile(archive) as opened:
            tables = len(json.loads(opened.read("manifest.json"))["tables"])
        process = subprocess.Popen(
            [str(SKILLPATH), "restore", "--verbose", str(archive)],
            env={**env, "SKILLPATH_RESTORE_TABLE_DELAY": "0.05"},
            cwd=env["SKILLPATH_DATA_DIR"],
            stdout=subprocess.PIPE,
            stderr=listing,
            text=True,
        )
        assert process.stdout is not None
        loaded = 0
        for line in process.stdout:
            loaded += line.startswith("loaded ")
            if loaded >= tables // 2:
                break
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        listing.seek(0)
        assert loaded >= tables // 2 > 0, listing.read()
        assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_restore_killed_halfway_leaves_the_target_as_it_was(database, laptop, tmp_path, request):
    archive, source = laptop
    url = request.getfixturevalue("postgres").new() if database == "postgres" else None
    target = environment(data_dir=tmp_path / "target", database_url=url)
    # A new installation as `setup` leaves it: the built-in curriculum, the local learner.
    skillpath("setup", "--quiet", env=target)
    before = contents(target)
    assert before["curriculum.topic"] and before["auth.user"]

    _killed_halfway(archive, target)

    assert contents(target) == before
    skillpath("restore", str(archive), env=target)
    assert contents(target) == source
