"""Broken: reads every line of an input into a list before it counts or changes them,
so a large input takes memory as large as itself (fails large-input)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

read_lazily = textstat.read_lines


def read_lines(name):
    return iter(list(read_lazily(name)))


textstat.read_lines = read_lines

sys.exit(textstat.main())
