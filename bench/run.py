"""`make bench`: print one JSON object of timings and query counts to stdout.

Runs in a throwaway environment: a temporary data directory with its own SQLite database
(DATABASE_URL is ignored), migrated here; the user's data is never touched. Progress goes
to stderr. `--quick` repeats each measurement fewer times. See bench/README.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent / "src")]

# Settings read these when Django loads; a `NAME_FILE` variable would win over `NAME`.
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "skillpath.config.settings",
    "SKILLPATH_DEBUG": "0",
    "SKILLPATH_LOCAL_MODE": "1",
    "SKILLPATH_LOG_LEVEL": "WARNING",
}
UNSET = ("DATABASE_URL", "REDIS_URL")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args(argv)
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
    print(json.dumps({"quick": args.quick, **result}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
