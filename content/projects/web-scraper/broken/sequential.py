"""Broken: one worker whatever --concurrency says, so pages are fetched one at a time."""

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

scraper.ThreadPoolExecutor = lambda max_workers: ThreadPoolExecutor(max_workers=1)

if __name__ == "__main__":
    sys.exit(scraper.main())
