"""Broken: replace changes only the first occurrence of OLD in each line
(fails replace)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat


def replace(args):
    textstat.transform(args, lambda line: line.replace(args.old, args.new, 1))


textstat.replace = replace

sys.exit(textstat.main())
