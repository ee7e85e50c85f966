"""Broken: ignores --retries: a page that answers 503 once is given up at once."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

scraper.fetch = lambda url, retries, timeout: scraper.fetch_once(url, timeout)

if __name__ == "__main__":
    sys.exit(scraper.main())
