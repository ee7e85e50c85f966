"""Broken: GET /tasks/<id> wraps the task: {"task": {...}} instead of the task itself."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import jsonify
from reference import app as todo

get_task = todo.app.view_functions["get_task"]


def get_wrapped_task(task_id: int):
    response = todo.app.make_response(get_task(task_id))
    if response.status_code != 200:
        return response
    return jsonify(task=response.get_json())


todo.app.view_functions["get_task"] = get_wrapped_task


if __name__ == "__main__":
    todo.main()
