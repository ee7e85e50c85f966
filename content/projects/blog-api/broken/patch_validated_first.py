"""Broken: PATCH checks the body before it looks the post up, so an invalid edit of a post
that does not exist is answered 400 instead of 404."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from flask import request
from reference import app as blog

update_post = blog.app.view_functions["update_post"]


def update_post_validating_first(slug):
    blog.validate_post(request.get_json(silent=True), partial=True)  # 400 before the 404
    return update_post(slug)


blog.app.view_functions["update_post"] = update_post_validating_first

if __name__ == "__main__":
    blog.main()
