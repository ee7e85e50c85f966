"""Broken: the custom code is checked with re.match and a pattern ending in $, which
also matches before a final line break, so the code "abc\n" is accepted.

Fails the stage `invalid-fields`.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app


class MatchWithDollar:
    pattern = re.compile(r"^[A-Za-z0-9_-]{3,32}$")

    def fullmatch(self, code: str) -> re.Match | None:
        return self.pattern.match(code)


app.CODE_PATTERN = MatchWithDollar()

if __name__ == "__main__":
    app.main()
