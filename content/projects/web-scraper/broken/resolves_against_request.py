"""Broken: ignores where a redirect led, so a redirected page is listed under the URL that
was requested and its relative links are resolved against that URL."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

fetch_once = scraper.fetch_once


def fetch_without_final_url(url, timeout):
    result = fetch_once(url, timeout)
    result.final_url = url
    return result


scraper.fetch_once = fetch_without_final_url

if __name__ == "__main__":
    sys.exit(scraper.main())
