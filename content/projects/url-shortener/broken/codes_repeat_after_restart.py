"""Broken: codes come from a random generator with a fixed seed, and a taken code is not
tried again: after a restart the generator hands out the codes it gave before, so creating
a link answers 500.

Fails the stage `restart`.
"""

import random
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

generator = random.Random(2026)
app.generate_code = lambda: "".join(
    generator.choice(app.CODE_ALPHABET) for _ in range(app.GENERATED_CODE_LENGTH)
)
create = app.LinkStore.create


def create_without_retry(self, url, code, expires_in):
    if code is not None:
        return create(self, url, code, expires_in)
    # One try only: a clash is an error (500), as when the database refuses the INSERT.
    try:
        return create(self, url, app.generate_code(), expires_in)
    except app.CodeTakenError:
        raise sqlite3.IntegrityError("UNIQUE constraint failed: links.code") from None


app.LinkStore.create = create_without_retry

if __name__ == "__main__":
    app.main()
