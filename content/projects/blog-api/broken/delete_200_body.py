"""Broken: DELETE /posts/<slug> answers 200 with a JSON body instead of 204 No Content."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

delete_post = blog.app.view_functions["delete_post"]


def delete_post_with_body(slug):
    delete_post(slug)
    return {"deleted": slug}, 200


blog.app.view_functions["delete_post"] = delete_post_with_body

if __name__ == "__main__":
    blog.main()
