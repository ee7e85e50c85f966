"""Broken: pauses a whole second before every retry (2 s for --retries 2: over a second)."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper


def fetch_with_long_pauses(url, retries, timeout):
    for _attempt in range(retries):
        result = scraper.fetch_once(url, timeout)
        if not scraper.should_retry(result.status):
            return result
        time.sleep(1.0)
    return scraper.fetch_once(url, timeout)


scraper.fetch = fetch_with_long_pauses

if __name__ == "__main__":
    sys.exit(scraper.main())
