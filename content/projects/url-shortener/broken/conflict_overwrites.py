"""Broken: a custom code that is already taken is not refused with 409: the new link
silently replaces the old one, so the first owner's short link now leads elsewhere.

Fails the stage `conflict`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

create = app.LinkStore.create


def create_replacing(self, url, code, expires_in):
    if code is not None:
        with self.lock, self.db:
            self.db.execute("DELETE FROM links WHERE code = ?", (code,))
            self.cache.pop(code, None)
    return create(self, url, code, expires_in)


app.LinkStore.create = create_replacing

if __name__ == "__main__":
    app.main()
