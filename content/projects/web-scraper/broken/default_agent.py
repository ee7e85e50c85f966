"""Broken: sends Python's default User-Agent instead of skillpath-scraper/1.0."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

scraper.USER_AGENT = "Python-urllib/3"

if __name__ == "__main__":
    sys.exit(scraper.main())
