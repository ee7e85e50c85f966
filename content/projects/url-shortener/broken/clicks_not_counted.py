"""Broken: redirects work, but no click is ever counted, so the stats show 0 clicks.

Fails the stage `stats`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

app.LinkStore.click = lambda self, code: None

if __name__ == "__main__":
    app.main()
