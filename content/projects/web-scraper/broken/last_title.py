"""Broken: takes the text of the last <title> of a page (an SVG image's), not the first."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper


class LastTitleParser(scraper.PageParser):
    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.title, self._in_title = "", True
        else:
            super().handle_starttag(tag, attrs)


scraper.PageParser = LastTitleParser

if __name__ == "__main__":
    sys.exit(scraper.main())
