"""Broken: PATCH changes and commits the fields one by one, so a valid field is changed
before an invalid one rejects the request."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import jsonify
from reference import app as todo

CHECKS = {
    "title": todo.check_title,
    "description": todo.check_description,
    "done": todo.check_done,
    "due_on": todo.check_due_on,
}


def update_task(task_id: int):
    db = todo.connect()
    try:
        if todo.find_task(db, task_id) is None:
            return todo.not_found(task_id)
        for name, value in todo.json_body().items():
            if name in CHECKS:
                value = CHECKS[name](value)  # an invalid field stops here, after the others
                db.execute(f"UPDATE tasks SET {name} = ? WHERE id = ?", (value, task_id))
                db.commit()
        return jsonify(todo.task_json(todo.find_task(db, task_id)))
    finally:
        db.close()


todo.app.view_functions["update_task"] = update_task

if __name__ == "__main__":
    todo.main()
