"""Broken: GET /tasks/<id> of a task that does not exist answers 200 with {} instead of 404."""

import sys
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import jsonify
from reference import app as todo


def get_task(task_id: int):
    with closing(todo.connect()) as db:
        row = todo.find_task(db, task_id)
    return jsonify(todo.task_json(row) if row else {})  # no 404 when the task is missing


todo.app.view_functions["get_task"] = get_task


if __name__ == "__main__":
    todo.main()
