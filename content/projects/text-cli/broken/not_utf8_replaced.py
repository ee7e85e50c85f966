"""Broken: reads files with errors="replace", so a file that is not UTF-8 is counted
as if it were, with exit status 0 (fails missing-file)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

real_open = open


def open_lenient(name, **options):
    return real_open(name, errors="replace", **options)


textstat.open = open_lenient

sys.exit(textstat.main())
