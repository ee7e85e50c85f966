"""Broken: retries 5xx statuses but not network errors (a closed connection, a time-out)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

scraper.should_retry = lambda status: status is not None and status >= 500

if __name__ == "__main__":
    sys.exit(scraper.main())
