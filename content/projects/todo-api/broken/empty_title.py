"""Broken: an empty or blank title is accepted — only its type is checked."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo


def check_title(title: object) -> str:
    if not isinstance(title, str):
        raise todo.Invalid("title", "title must be a string")
    return title


todo.check_title = check_title


if __name__ == "__main__":
    todo.main()
