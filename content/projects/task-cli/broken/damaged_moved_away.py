"""Broken: a damaged tasks file is moved to a .bak file before the error is printed, so it
is no longer where its user (and every other run) looks for it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

reference_load = tasks.load_tasks


def load_tasks(path: Path) -> list[dict]:
    try:
        return reference_load(path)
    except tasks.TaskError:
        path.rename(path.with_name(path.name + ".bak"))
        raise


tasks.load_tasks = load_tasks

if __name__ == "__main__":
    sys.exit(tasks.main())
