"""Broken: a damaged tasks file is read as an empty list instead of being reported, so
`list` says "No tasks." and the next `add` overwrites the user's tasks."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

reference_load = tasks.load_tasks


def load_tasks(path: Path) -> list[dict]:
    try:
        return reference_load(path)
    except tasks.TaskError:
        return []


tasks.load_tasks = load_tasks

if __name__ == "__main__":
    sys.exit(tasks.main())
