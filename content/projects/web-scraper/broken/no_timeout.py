"""Broken: ignores --timeout and waits up to 30 s for every answer."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

fetch_once = scraper.fetch_once
scraper.fetch_once = lambda url, timeout: fetch_once(url, 30)

if __name__ == "__main__":
    sys.exit(scraper.main())
