"""Broken: applies the robots.txt rules of "User-agent: *" instead of the group written for
skillpath-scraper, so it requests /drafts/…, which that group disallows."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper

load_robots = scraper.load_robots


def load_rules_for_everyone(start_url, timeout):
    robots = load_robots(start_url, timeout)
    can_fetch = robots.can_fetch
    robots.can_fetch = lambda agent, url: can_fetch("*", url)
    return robots


scraper.load_robots = load_rules_for_everyone

if __name__ == "__main__":
    sys.exit(scraper.main())
