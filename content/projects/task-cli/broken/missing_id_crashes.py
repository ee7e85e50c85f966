"""Broken: looking up a task id that does not exist raises KeyError, so `done 42` dies
with a Python traceback instead of printing "error: task 42 not found"."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

tasks.find_task = lambda task_list, task_id: {task["id"]: task for task in task_list}[task_id]

if __name__ == "__main__":
    sys.exit(tasks.main())
