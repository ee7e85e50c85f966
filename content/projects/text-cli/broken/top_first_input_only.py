"""Broken: top counts the words of the first input only (fails top)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

top = textstat.top


def top_of_first(args):
    args.files = args.files[:1]
    top(args)


textstat.top = top_of_first

sys.exit(textstat.main())
