"""Broken: retries every failed request, 404 included, though asking again cannot help."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

scraper.should_retry = lambda status: status != 200

if __name__ == "__main__":
    sys.exit(scraper.main())
