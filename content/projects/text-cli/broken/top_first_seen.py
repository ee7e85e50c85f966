"""Broken: top orders words with equal counts by where they first appear in the text
(Counter.most_common), not alphabetically (fails top)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat


def most_common(counts, n):
    return counts.most_common(n)


textstat.most_common = most_common

sys.exit(textstat.main())
