"""Broken: never adds a redirect's final URL to the seen set (it only avoids listing a page
twice), so a later link to a page reached through a redirect fetches it again."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

reported = set()


def is_new_page(result, seen):
    if result.final_url in reported:
        return False
    reported.add(result.final_url)
    return True


scraper.is_new_page = is_new_page

if __name__ == "__main__":
    sys.exit(scraper.main())
