"""Broken: a URL that fails every attempt is reported with the status of its first attempt,
not of its last."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

fetch_once = scraper.fetch_once


def fetch_keeping_first_failure(url, retries, timeout):
    first = None
    for _attempt in range(retries + 1):
        result = fetch_once(url, timeout)
        if not scraper.should_retry(result.status):
            return result
        first = first or result
    return first


scraper.fetch = fetch_keeping_first_failure

if __name__ == "__main__":
    sys.exit(scraper.main())
