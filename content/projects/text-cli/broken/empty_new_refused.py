"""Broken: replace refuses an empty NEW as a usage error, though only OLD must
not be empty (fails replace)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

parse_args = textstat.argparse.ArgumentParser.parse_args


def parse_args_strict(parser, args=None, namespace=None):
    parsed = parse_args(parser, args, namespace)
    if getattr(parsed, "new", None) == "":
        parser.error("argument NEW: must not be empty")
    return parsed


textstat.argparse.ArgumentParser.parse_args = parse_args_strict

sys.exit(textstat.main())
