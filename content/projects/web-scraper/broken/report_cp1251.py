"""Broken: writes the report in cp1251 (the default of a Russian Windows), not UTF-8."""

import builtins
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper


def open_cp1251(path, mode="r", encoding=None):
    return builtins.open(path, mode, encoding="cp1251", errors="replace")


scraper.open = open_cp1251

if __name__ == "__main__":
    sys.exit(scraper.main())
