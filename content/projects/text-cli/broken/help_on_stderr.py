"""Broken: prints the help of --help to stderr instead of stdout (fails help)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat


def print_help(parser, file=None):
    sys.stderr.write(parser.format_help())


textstat.argparse.ArgumentParser.print_help = print_help

sys.exit(textstat.main())
