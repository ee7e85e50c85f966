"""Broken: counts a page's links without the repeated ones ("links" must count them all)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

fetch_once = scraper.fetch_once


def fetch_unique_links(url, timeout):
    result = fetch_once(url, timeout)
    result.hrefs = list(dict.fromkeys(result.hrefs))
    return result


scraper.fetch_once = fetch_unique_links

if __name__ == "__main__":
    sys.exit(scraper.main())
