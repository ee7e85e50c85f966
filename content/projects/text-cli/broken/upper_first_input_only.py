"""Broken: upper, lower and replace print the text of the first input only
(fails upper-lower)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

transform = textstat.transform


def transform_first(args, change):
    args.files = args.files[:1]
    transform(args, change)


textstat.transform = transform_first

sys.exit(textstat.main())
