"""Broken: POST /tasks takes the id from the body when the client sends one, replacing the
task that had it."""

import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import jsonify
from reference import app as todo


def create_task():
    data = todo.json_body()
    task = {"description": "", "done": False, "due_on": None}
    task.update(todo.check_task(data, partial=False))
    created_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with closing(todo.connect()) as db, db:
        cursor = db.execute(
            "INSERT OR REPLACE INTO tasks (id, title, description, done, due_on, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                data.get("id"),
                task["title"],
                task["description"],
                task["done"],
                task["due_on"],
                created_at,
            ),
        )
        row = todo.find_task(db, cursor.lastrowid)
    return jsonify(todo.task_json(row)), 201, {"Location": f"/tasks/{row['id']}"}


todo.app.view_functions["create_task"] = create_task

if __name__ == "__main__":
    todo.main()
