"""Broken: prints usage errors to stdout instead of stderr (exit status 2)
(fails bad-usage)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat


def error(parser, message):
    parser.print_usage(sys.stdout)
    print(f"{parser.prog}: error: {message}")
    sys.exit(2)


textstat.argparse.ArgumentParser.error = error

sys.exit(textstat.main())
