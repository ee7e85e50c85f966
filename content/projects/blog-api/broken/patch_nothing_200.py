"""Broken: a PATCH with none of title, body and tags ({} or only unknown fields) is not
refused: it answers 200 and only moves updated_at, instead of a 400."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

validate_post = blog.validate_post


def validate_post_allowing_nothing(data, *, partial):
    if partial and isinstance(data, dict) and not {"title", "body", "tags"} & data.keys():
        return {}
    return validate_post(data, partial=partial)


blog.validate_post = validate_post_allowing_nothing

if __name__ == "__main__":
    blog.main()
