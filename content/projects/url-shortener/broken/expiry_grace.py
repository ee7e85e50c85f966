"""Broken: a link expires a second late: it still redirects for a whole second after its
expires_at (a "grace period" the spec does not allow).

Fails the stage `expiry`.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

app.Link.is_expired = lambda self: (
    self.expires_at is not None and time.time() >= self.expires_at + 1
)

if __name__ == "__main__":
    app.main()
