"""Broken: created_at is the local time of a computer three hours east of UTC, written
with a "Z" as if it were UTC."""

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo


class LocalClock(todo.datetime):
    @classmethod
    def now(cls, tz=None):
        return super().now(tz) + timedelta(hours=3)


todo.datetime = LocalClock

if __name__ == "__main__":
    todo.main()
