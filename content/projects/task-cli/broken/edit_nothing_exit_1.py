"""Broken: `edit ID` with none of --title, --priority, --due is reported like a missing task,
"error: nothing to change" and exit code 1, not as the usage error (code 2) it is."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

reference_edit = tasks.edit_task


def edit_task(task_list, args):
    if (args.title, args.priority, args.due) == (None, None, None):
        raise tasks.TaskError("nothing to change")
    return reference_edit(task_list, args)


tasks.changes_nothing = lambda args: False
tasks.edit_task = edit_task

if __name__ == "__main__":
    sys.exit(tasks.main())
