"""Broken: a new task's id is the number of tasks plus one, not the largest id plus one,
so after a delete a new task gets the id of one that is still there."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks


def add_task(task_list, args):
    task_id = len(task_list) + 1
    task_list.append(
        {"id": task_id, "title": args.title, "priority": args.priority, "due": args.due}
        | {"done": False}
    )
    return f"Added task {task_id}: {args.title}"


tasks.add_task = add_task

if __name__ == "__main__":
    sys.exit(tasks.main())
