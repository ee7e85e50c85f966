"""Broken: only the code "health" is reserved; a link can take the code "links", a path of
the service itself.

Fails the stage `conflict`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

app.RESERVED_CODES.discard("links")

if __name__ == "__main__":
    app.main()
