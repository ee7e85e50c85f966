"""Broken: a damaged tasks file is reported as "error: the tasks file is damaged", without
its name, so the user does not know which file to repair."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

reference_load = tasks.load_tasks


def load_tasks(path: Path) -> list[dict]:
    try:
        return reference_load(path)
    except tasks.TaskError:
        raise tasks.TaskError("the tasks file is damaged") from None


tasks.load_tasks = load_tasks

if __name__ == "__main__":
    sys.exit(tasks.main())
