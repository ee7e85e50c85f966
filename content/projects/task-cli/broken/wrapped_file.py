"""Broken: the tasks file is {"tasks": [...]} instead of the JSON array the spec fixes, so
a tasks file written as the spec says is refused as damaged."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

reference_save = tasks.save_tasks


def load_tasks(path: Path) -> list[dict]:
    if not path.exists():
        return []
    try:
        return json.loads(path.read_text(encoding="utf-8"))["tasks"]
    except (ValueError, TypeError, KeyError):
        raise tasks.TaskError(f"{path} is damaged; fix or remove it") from None


def save_tasks(path: Path, task_list: list[dict]) -> None:
    reference_save(path, {"tasks": task_list})


tasks.load_tasks = load_tasks
tasks.save_tasks = save_tasks

if __name__ == "__main__":
    sys.exit(tasks.main())
