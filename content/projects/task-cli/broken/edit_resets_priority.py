"""Broken: edit's --priority has the default "medium", as add's has, so editing only the
title of a high-priority task quietly makes it medium."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

reference_edit = tasks.edit_task


def edit_task(task_list, args):
    if args.priority is None:
        args.priority = "medium"
    return reference_edit(task_list, args)


tasks.edit_task = edit_task

if __name__ == "__main__":
    sys.exit(tasks.main())
