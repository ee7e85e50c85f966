"""Broken: replace takes OLD as a regular expression (re.sub), so "." replaces
every character (fails replace)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat


def replace(args):
    textstat.transform(args, lambda line: textstat.re.sub(args.old, args.new, line))


textstat.replace = replace

sys.exit(textstat.main())
