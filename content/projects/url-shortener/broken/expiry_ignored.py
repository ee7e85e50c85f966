"""Broken: expiry is ignored. A link created with "expires_in" gets its "expires_at",
but redirects go on forever after it.

Fails the stage `expiry`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

app.Link.is_expired = lambda self: False

if __name__ == "__main__":
    app.main()
