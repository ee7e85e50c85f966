"""Broken: never reads robots.txt, so it crawls the paths robots.txt disallows."""

import sys
from pathlib import Path
from urllib.robotparser import RobotFileParser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import scraper


def allow_everything(start_url, timeout):
    robots = RobotFileParser()
    robots.allow_all = True
    return robots


scraper.load_robots = allow_everything

if __name__ == "__main__":
    sys.exit(scraper.main())
