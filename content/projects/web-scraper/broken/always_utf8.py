"""Broken: decodes every page as UTF-8, whatever charset its Content-Type names."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

scraper.page_text = lambda response: response.read().decode("utf-8", errors="replace")

if __name__ == "__main__":
    sys.exit(scraper.main())
