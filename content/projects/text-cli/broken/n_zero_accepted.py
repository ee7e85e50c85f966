"""Broken: top accepts any whole number for -n, so "top -n 0" prints nothing and exits
with status 0 instead of a usage error (fails bad-usage)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

textstat.positive_int = int

sys.exit(textstat.main())
