"""Broken: downloads robots.txt twice (say, once to look at it and once to parse it)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

load_robots = scraper.load_robots


def load_robots_twice(start_url, timeout):
    load_robots(start_url, timeout)
    return load_robots(start_url, timeout)


scraper.load_robots = load_robots_twice

if __name__ == "__main__":
    sys.exit(scraper.main())
