"""Broken: keeps the #fragment of a link, so /page and /page#top are two URLs to fetch."""

import sys
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

scraper.normalize = lambda base, href: urljoin(base, href)

if __name__ == "__main__":
    sys.exit(scraper.main())
