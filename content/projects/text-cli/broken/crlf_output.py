"""Broken: prints "\r\n" line ends, as Windows does by default when stdout is not
reconfigured with newline="\n" (fails upper-lower)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

transform = textstat.transform


def transform_windows(args, change):
    sys.stdout.reconfigure(newline="\r\n")
    transform(args, change)


textstat.transform = transform_windows

sys.exit(textstat.main())
