"""Broken: top takes a word to be letters only, so digits and "_" split words:
"river_2" is counted as "river" (fails top)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

textstat.WORD = textstat.re.compile(r"[^\W\d_]+")

sys.exit(textstat.main())
