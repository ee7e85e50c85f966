"""Broken: never reconfigures standard input and output, so it reads and prints in
the console's encoding, not UTF-8 (fails upper-lower)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat


def main():
    args = textstat.build_parser().parse_args()
    try:
        args.handler(args)
    except textstat.InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


textstat.main = main

sys.exit(textstat.main())
