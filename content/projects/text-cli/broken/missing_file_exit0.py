"""Broken: prints the error for a file that cannot be read, but ends with exit status 0
(fails missing-file)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

run = textstat.main


def main():
    status = run()
    return 0 if status == 1 else status


textstat.main = main

sys.exit(textstat.main())
