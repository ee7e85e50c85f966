"""Broken: the tasks file is only checked to be valid JSON, not to be an array of task
objects, so a file holding {} or [1] makes the commands crash or treat it as tasks."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks


def load_tasks(path: Path) -> list[dict]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    if not data.strip():
        return []
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise tasks.TaskError(f"{path} is damaged ({problem}); fix or remove it") from None


tasks.load_tasks = load_tasks

if __name__ == "__main__":
    sys.exit(tasks.main())
