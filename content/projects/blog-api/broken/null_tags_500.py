"""Broken: "tags": null reaches sorted(set(None)) and crashes the request (500) instead of
being taken as no tags or refused with 400."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

validate_post = blog.validate_post


def validate_post_crashing_on_null_tags(data, *, partial):
    if isinstance(data, dict) and "tags" in data:
        sorted(set(data["tags"]))  # TypeError for None: a 500
    return validate_post(data, partial=partial)


blog.validate_post = validate_post_crashing_on_null_tags

if __name__ == "__main__":
    blog.main()
