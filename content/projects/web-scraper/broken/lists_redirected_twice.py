"""Broken: a redirect to a page already fetched lists that page a second time."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper


def is_new_page(result, seen):
    seen.add(result.final_url)
    return True


scraper.is_new_page = is_new_page

if __name__ == "__main__":
    sys.exit(scraper.main())
