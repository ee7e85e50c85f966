"""Broken: `done` flips the task between done and not done, so running it twice (which the
spec says is fine) makes a done task not done again."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks


def complete_task(task_list, args):
    task = tasks.find_task(task_list, args.id)
    task["done"] = not task["done"]
    return f"Completed task {task['id']}: {task['title']}"


tasks.complete_task = complete_task

if __name__ == "__main__":
    sys.exit(tasks.main())
