"""Broken: a comment on a post that does not exist is answered 201 Created (and stored
nowhere) instead of 404 Not Found."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from flask import request
from reference import app as blog
from werkzeug.exceptions import NotFound

add_comment = blog.app.view_functions["add_comment"]


def add_comment_anywhere(slug):
    try:
        return add_comment(slug)
    except NotFound:
        return {"id": 1, "created_at": blog.now_iso(), **request.get_json(silent=True)}, 201


blog.app.view_functions["add_comment"] = add_comment_anywhere

if __name__ == "__main__":
    blog.main()
