"""Broken: an explicit slug that another post has crashes the request (500) instead of
answering 409 Conflict."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog
from werkzeug.exceptions import Conflict

create_post = blog.app.view_functions["create_post"]


def create_post_without_409():
    try:
        return create_post()
    except Conflict as conflict:
        raise RuntimeError("UNIQUE constraint failed: posts.slug") from conflict


blog.app.view_functions["create_post"] = create_post_without_409

if __name__ == "__main__":
    blog.main()
