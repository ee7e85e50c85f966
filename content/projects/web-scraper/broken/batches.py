"""Broken: waits for every download in flight to finish before it handles any of them, so
one slow page holds back the pages found meanwhile (a crawl in batches)."""

import sys
from concurrent.futures import ALL_COMPLETED, wait
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

scraper.wait = lambda futures, return_when: wait(futures, return_when=ALL_COMPLETED)

if __name__ == "__main__":
    sys.exit(scraper.main())
