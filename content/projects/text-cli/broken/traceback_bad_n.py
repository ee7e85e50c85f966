"""Broken: takes -n as text and converts it with int() itself, after argparse, so
"top -n abc" crashes with a ValueError traceback (fails bad-usage)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

textstat.positive_int = str  # argparse keeps the text as it is
top = textstat.top


def top_with_int(args):
    args.n = int(args.n)
    top(args)


textstat.top = top_with_int

sys.exit(textstat.main())
