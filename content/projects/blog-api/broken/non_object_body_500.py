"""Broken: only a body that is not JSON at all is refused; any other is read with
data.get(...), so a body of [] or "x" crashes the request (500) instead of a 400."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from flask import abort
from reference import app as blog

validate_post = blog.validate_post


def validate_post_of_anything(data, *, partial):
    if data is None:
        abort(400, "the request body must be JSON")
    data.get("title")  # a list or a string has no .get(): AttributeError, so a 500
    return validate_post(data, partial=partial)


blog.validate_post = validate_post_of_anything

if __name__ == "__main__":
    blog.main()
