"""Broken: wrong arguments end with exit status 1 instead of 2 (it catches argparse's exit)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

parse_args = scraper.parse_args


def parse_args_exit_1(argv):
    try:
        return parse_args(argv)
    except SystemExit as stop:
        raise SystemExit(1 if stop.code == 2 else stop.code) from None


scraper.parse_args = parse_args_exit_1

if __name__ == "__main__":
    sys.exit(scraper.main())
