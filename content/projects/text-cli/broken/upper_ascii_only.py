"""Broken: upper changes only Latin (ASCII) letters and leaves Cyrillic ones as they
are (fails upper-lower)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat


def upper(args):
    textstat.transform(args, lambda line: "".join(c.upper() if c.isascii() else c for c in line))


textstat.upper = upper

sys.exit(textstat.main())
