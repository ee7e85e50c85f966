"""Broken: counts the UTF-8 bytes of a line as its characters, so Cyrillic text gets
too many "chars" (fails stats-unicode)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

textstat.count_chars = textstat.count_bytes

sys.exit(textstat.main())
