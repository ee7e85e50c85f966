"""Broken: PATCH builds its UPDATE from the fields sent even when there are none, so
PATCH {} runs "UPDATE tasks SET  WHERE ..." and fails with 500."""

import sys
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import jsonify
from reference import app as todo


def update_task(task_id: int):
    with closing(todo.connect()) as db, db:
        if todo.find_task(db, task_id) is None:
            return todo.not_found(task_id)
        fields = todo.check_task(todo.json_body(), partial=True)
        columns = ", ".join(f"{name} = ?" for name in fields)  # no `if fields:`
        db.execute(f"UPDATE tasks SET {columns} WHERE id = ?", [*fields.values(), task_id])
        row = todo.find_task(db, task_id)
    return jsonify(todo.task_json(row))


todo.app.view_functions["update_task"] = update_task

if __name__ == "__main__":
    todo.main()
