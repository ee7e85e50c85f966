"""Broken: reports an input that cannot be read as "Error: problem with FILE",
not "error: cannot read FILE: REASON" (fails missing-file)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

read_lines = textstat.read_lines


def read_or_complain(name):
    try:
        yield from read_lines(name)
    except textstat.InputError:
        print(f"Error: problem with {name}", file=sys.stderr)
        sys.exit(1)


textstat.read_lines = read_or_complain

sys.exit(textstat.main())
