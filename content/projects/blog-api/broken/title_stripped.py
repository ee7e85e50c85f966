"""Broken: the title is stored with .strip(), so spaces at its ends are lost although the
spec says a title is returned exactly as it was sent."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

validate_post = blog.validate_post


def validate_post_stripping_title(data, *, partial):
    fields = validate_post(data, partial=partial)
    if "title" in fields:
        fields["title"] = fields["title"].strip()
    return fields


blog.validate_post = validate_post_stripping_title

if __name__ == "__main__":
    blog.main()
