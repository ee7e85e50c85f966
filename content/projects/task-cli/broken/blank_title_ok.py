"""Broken: the title is taken as given, so `add ""` and `add "   "` add a task with no
title instead of being refused as a usage error."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

tasks.title_text = str

if __name__ == "__main__":
    sys.exit(tasks.main())
