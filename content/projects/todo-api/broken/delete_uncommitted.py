"""Broken: DELETE answers 204 but never commits, so the task is still there."""

import sys
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo


def delete_task(task_id: int):
    with closing(todo.connect()) as db:  # no `with db:`, so nothing is committed
        if todo.find_task(db, task_id) is None:
            return todo.not_found(task_id)
        db.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
    return "", 204


todo.app.view_functions["delete_task"] = delete_task


if __name__ == "__main__":
    todo.main()
