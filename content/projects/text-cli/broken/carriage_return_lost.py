"""Broken: reads lines as open() does by default (universal newlines), so a "\r"
before a line break is lost (fails upper-lower)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

read_lines = textstat.read_lines


def read_universal(name):
    return (line.replace("\r\n", "\n") for line in read_lines(name))


textstat.read_lines = read_universal

sys.exit(textstat.main())
