"""Broken: POST /posts/<slug>/comments checks the body before it looks the post up, so an
invalid comment on a post that does not exist is answered 400 instead of 404."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from flask import abort, request
from reference import app as blog

add_comment = blog.app.view_functions["add_comment"]


def add_comment_validating_first(slug):
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not all(blog.is_text(data.get(n)) for n in ("author", "body")):
        abort(400, '"author" and "body" must be non-empty strings')
    return add_comment(slug)


blog.app.view_functions["add_comment"] = add_comment_validating_first

if __name__ == "__main__":
    blog.main()
