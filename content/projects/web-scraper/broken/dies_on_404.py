"""Broken: a 4xx status raises out of the crawl, so the first broken link ends it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

fetch_once = scraper.fetch_once


def fetch_or_raise(url, timeout):
    result = fetch_once(url, timeout)
    if result.status is not None and 400 <= result.status < 500:
        raise RuntimeError(f"{url}: {result.error}")
    return result


scraper.fetch_once = fetch_or_raise

if __name__ == "__main__":
    sys.exit(scraper.main())
