"""Broken: `list` and `list --json` show the tasks in the order the file keeps them, not in
order of id, so a file the user (or another program) wrote out of order lists out of order."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks


def list_tasks(task_list, args):
    if args.json:
        return json.dumps(task_list, ensure_ascii=False)
    if not task_list:
        return "No tasks."
    return "\n".join(tasks.format_task(task) for task in task_list)


tasks.list_tasks = list_tasks

if __name__ == "__main__":
    sys.exit(tasks.main())
