"""Broken: deleting a task that does not exist prints a note and exits with code 0, so a
script calling it cannot tell that nothing was deleted."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

reference_delete = tasks.delete_task


def delete_task(task_list, args):
    try:
        return reference_delete(task_list, args)
    except tasks.TaskError:
        return f"Nothing to delete: no task {args.id}"


tasks.delete_task = delete_task

if __name__ == "__main__":
    sys.exit(tasks.main())
