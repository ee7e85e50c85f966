"""Broken: the help is printed on stderr (still with exit code 0), so `tasks --help | less`
shows nothing."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

reference_build = tasks.build_parser


def build_parser():
    parser = reference_build()
    print_help = parser.print_help
    parser.print_help = lambda file=None: print_help(sys.stderr)
    return parser


tasks.build_parser = build_parser

if __name__ == "__main__":
    sys.exit(tasks.main())
