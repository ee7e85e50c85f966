"""Broken: a page without <title> gets "title": "" instead of null."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

fetch_once = scraper.fetch_once


def fetch_with_empty_title(url, timeout):
    result = fetch_once(url, timeout)
    if result.status == 200 and result.title is None:
        result.title = ""
    return result


scraper.fetch_once = fetch_with_empty_title

if __name__ == "__main__":
    sys.exit(scraper.main())
