"""`make bench`: print one JSON object of timings and query counts to stdout.

Runs in a throwaway environment: a temporary data directory with its own SQLite database
(DATABASE_URL is ignored), migrated here; the user's data is never touched. The dashboard
figures run in two child processes of this script (`--part learners --db sqlite|postgres`),
since Django's settings are process-wide; each prints its JSON, merged here. Progress goes
to stderr. `--quick` repeats each measurement fewer times, with fewer learners. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent / "src")]

import progress  # noqa: E402  (bench/ is on the path from here on)

# Settings read these when Django loads; a `NAME_FILE` variable would win over `NAME`.
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "skillpath.config.settings",
    "SKILLPATH_DEBUG": "0",
    "SKILLPATH_LOCAL_MODE": "1",
    "SKILLPATH_LOG_LEVEL": "WARNING",
}
UNSET = ("DATABASE_URL", "REDIS_URL")
# The PostgreSQL server for the dashboard figures: a database of its own is created there
# and dropped afterwards. Without a reachable server those figures are skipped.
POSTGRES_URL = os.environ.get(
    "SKILLPATH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
DATABASES = ("sqlite", "postgres")


def prepare_environment(data_dir: Path) -> None:
    """Point the settings at `data_dir` and SQLite; must run before Django loads."""
    for name, value in {**ENVIRONMENT, "SKILLPATH_DATA_DIR": str(data_dir)}.items():
        os.environ[name] = value
        os.environ.pop(f"{name}_FILE", None)
    for name in UNSET:
        os.environ.pop(name, None)
        os.environ.pop(f"{name}_FILE", None)
    # WhiteNoise warns at start-up when STATIC_ROOT (in the data directory) is missing.
    (data_dir / "static").mkdir(parents=True, exist_ok=True)


def migrate() -> Path:
    """Migrate the default database and return its file."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    connection.close()  # SQLite folds the WAL back into the file, so the file can be copied
    return Path(connection.settings_dict["NAME"])


def fresh_sqlite(template: Path, folder: Path) -> Callable[[], AbstractContextManager[None]]:
    """A factory of context managers, each pointing the default connection at a new copy
    of `template` (migrated and empty) and back at the main database afterwards."""
    from django.db import connection

    numbers = itertools.count(1)

    @contextmanager
    def fresh() -> Iterator[None]:
        copy = folder / f"fresh-{next(numbers)}.sqlite3"
        shutil.copyfile(template, copy)
        main = connection.settings_dict["NAME"]
        connection.close()
        connection.settings_dict["NAME"] = str(copy)
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["NAME"] = main

    return fresh


def learners_part(
    db: str, quick: bool, sizes: dict[str, int], template: Path | None = None
) -> dict[str, Any]:
    """The dashboard figures on one database; runs in a child process of its own. On
    SQLite, `template` is an already migrated empty database to start from."""
    with tempfile.TemporaryDirectory(prefix="skillpath-bench-") as tmp:
        data_dir = Path(tmp)
        prepare_environment(data_dir)
        if db == "sqlite":
            if template is not None:
                shutil.copyfile(template, data_dir / "skillpath.sqlite3")

            def clone() -> str:
                from django.db import connection

                connection.close()  # SQLite folds the WAL back into the file
                shutil.copyfile(connection.settings_dict["NAME"], data_dir / "among.sqlite3")
                return str(data_dir / "among.sqlite3")

            return _learners(quick, sizes, clone, migrated=template is not None)
        with postgres_databases() as (names, note):
            if names is None:
                return {"skipped": note}
            os.environ["DATABASE_URL"] = _with_database(POSTGRES_URL, names[0])
            return _learners(quick, sizes, lambda: _clone_postgres(*names), migrated=False)


def _learners(
    quick: bool, sizes: dict[str, int], clone: Callable[[], str], *, migrated: bool
) -> dict[str, Any]:
    """Migrate the default database ("alone"), import the built-in curriculum, copy the
    database (`clone` returns the copy's NAME) for "among", and collect the figures."""
    import dataclasses

    import django

    django.setup()
    import learners
    import measure
    from django.core.management import call_command
    from django.db import connections

    if not migrated:
        measure.log("migrating a throwaway database")
        call_command("migrate", verbosity=0, interactive=False)
    learners.import_builtin()
    among = learners.World.copy_of_default("among", clone())
    chosen = dataclasses.replace(learners.QUICK if quick else learners.FULL, **sizes)
    try:
        return learners.collect(chosen, learners.World.current("alone"), among)
    finally:
        among.wrapper.close()
        connections.close_all()


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def postgres_databases() -> Iterator[tuple[tuple[str, str] | None, str]]:
    """Two database names on the server (the first created empty, the second to be
    cloned from it), dropped on the way out; (None, why) when the server is unreachable
    or refuses to create a database."""
    server = urlsplit(POSTGRES_URL)
    where = f"PostgreSQL at {server.hostname}:{server.port or 5432}"
    try:
        import psycopg
    except ImportError:
        yield None, f"{where} skipped: psycopg is not installed"
        return
    names = (f"skillpath_bench_{os.getpid()}", f"skillpath_bench_{os.getpid()}_among")
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=5, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{names[0]}"')
    except psycopg.Error as error:
        reason = (str(error).strip() or type(error).__name__).splitlines()[0]
        yield None, f"{where} unavailable: {reason}"
        return
    try:
        yield names, ""
    finally:
        progress.log("dropping the PostgreSQL databases")
        try:
            with psycopg.connect(POSTGRES_URL, connect_timeout=5, autocommit=True) as admin:
                for name in names:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except psycopg.Error as error:
            print(f"bench: could not drop {', '.join(names)}: {error}", file=sys.stderr)


def _clone_postgres(source: str, copy: str) -> str:
    """CREATE DATABASE copy TEMPLATE source (no one may be connected to the source)."""
    import psycopg
    from django.db import connection

    connection.close()
    with psycopg.connect(POSTGRES_URL, connect_timeout=5, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
    return copy


def run_learner_parts(
    quick: bool, sizes: list[str], started: float, template: Path
) -> tuple[dict[str, Any], bool]:
    """Each database's dashboard figures from a child process; (figures, all went well).
    The SQLite one starts from `template`, the migrated empty database of this process."""
    figures, ok = {}, True
    for db in DATABASES:
        command = [sys.executable, str(Path(__file__).resolve()), "--part", "learners"]
        command += ["--db", db, *(["--quick"] if quick else []), *sizes]
        if db == "sqlite":
            command += ["--template", str(template)]
        environment = {
            **os.environ,
            "SKILLPATH_BENCH_STARTED": str(started),
            "SKILLPATH_BENCH_PART": db,
        }
        done = subprocess.run(
            command, stdout=subprocess.PIPE, text=True, check=False, env=environment
        )
        try:
            figures[db] = json.loads(done.stdout)
        except json.JSONDecodeError:
            figures[db] = {"error": f"the {db} part exited with {done.returncode}, no JSON"}
        ok &= done.returncode == 0 and "error" not in figures[db]
    return figures, ok


def dashboard_targets(figures: dict[str, Any]) -> dict[str, Any]:
    """Each database's targets, named after the database."""
    return {
        f"dashboard_{db}_{name}": target
        for db, result in figures.items()
        for name, target in result.get("targets", {}).items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and learners")
    parser.add_argument("--part", choices=("all", "learners"), default="all")
    parser.add_argument("--db", choices=DATABASES, default="sqlite", help="for --part learners")
    parser.add_argument("--template", type=Path, help="a migrated empty SQLite database")
    for size in ("learners", "days", "month-days", "renders", "warmups", "replans"):
        parser.add_argument(f"--{size}", type=int, help="override a size of --part learners")
    args = parser.parse_args(argv)
    sizes = {
        name.replace("-", "_"): getattr(args, name.replace("-", "_"))
        for name in ("learners", "days", "month-days", "renders", "warmups", "replans")
        if getattr(args, name.replace("-", "_")) is not None
    }
    if args.part == "learners":
        print(json.dumps(learners_part(args.db, args.quick, sizes, args.template), indent=2))
        return 0
    with tempfile.TemporaryDirectory(prefix="skillpath-bench-") as tmp:
        data_dir = Path(tmp)
        prepare_environment(data_dir)
        import django

        django.setup()
        import measure

        measure.log(f"migrating a throwaway database in {data_dir}")
        database = migrate()
        template = data_dir / "empty.sqlite3"
        shutil.copyfile(database, template)
        repeats = measure.QUICK if args.quick else measure.FULL
        result = measure.collect(repeats, fresh_sqlite(template, data_dir))
        passed = [f"--{k.replace('_', '-')}={v}" for k, v in sizes.items()]
        dashboards, ok = run_learner_parts(args.quick, passed, progress.STARTED, template)
        import kpi
        import practice_checks

        import assessment
        import knowledge

        knowledge_figures = knowledge.collect(args.quick, fresh_sqlite(template, data_dir))
        kpi_figures = kpi.collect(args.quick, fresh_sqlite(template, data_dir))
        checks = practice_checks.collect(args.quick)
        assessment_figures = assessment.collect(args.quick, fresh_sqlite(template, data_dir))
        import serving

        serving_figures = serving.collect(args.quick)
    targets = result.pop("targets")
    result["dashboard"] = dashboards
    result["practice_checks"] = checks
    result["knowledge"] = knowledge_figures
    result["kpi"] = kpi_figures
    result["assessment"] = assessment_figures
    result["serving"] = serving_figures
    result["targets"] = {
        **targets,
        **dashboard_targets(dashboards),
        **knowledge.targets(knowledge_figures),
        **kpi.targets(kpi_figures),
        **practice_checks.targets(checks),
        **assessment.targets(assessment_figures),
        **serving.targets(serving_figures),
    }
    print(json.dumps({"quick": args.quick, **result}, indent=2, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
