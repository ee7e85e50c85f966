"""textstat: statistics and transformations of UTF-8 text files and standard input.

    python textstat.py stats [--json] [FILE ...]
    python textstat.py top [-n N] [FILE ...]
    python textstat.py upper|lower [FILE ...]
    python textstat.py replace OLD NEW [FILE ...]

With no FILE, or when FILE is "-", the text is read from standard input. Every input is
read one line at a time, so a file of any size needs only a little memory.
"""

import argparse
import json
import re
import sys
from collections import Counter

# A word for `top`: a run of letters (of any alphabet), digits or "_".
WORD = re.compile(r"\w+")
STATS_FIELDS = ("lines", "words", "chars", "bytes")


class InputError(Exception):
    """An input that cannot be read; the message names it."""


def read_lines(name):
    """Yield the lines of one input (a file, or standard input for "-") one at a time."""
    try:
        if name == "-":
            yield from sys.stdin
        else:
            # newline="\n": a line ends at "\n" only, and nothing in it is changed.
            with open(name, encoding="utf-8", newline="\n") as file:
                yield from file
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"cannot read {name}: not UTF-8 text") from None


def count_chars(line):
    return len(line)


def count_bytes(line):
    return len(line.encode("utf-8"))


def count(lines):
    """Lines, words (runs of non-space characters), characters and UTF-8 bytes."""
    counts = dict.fromkeys(STATS_FIELDS, 0)
    for line in lines:
        counts["lines"] += 1
        counts["words"] += len(line.split())
        counts["chars"] += count_chars(line)
        counts["bytes"] += count_bytes(line)
    return counts


def table_line(counts, name):
    return " ".join(str(counts[field]) for field in STATS_FIELDS) + " " + name


def format_table(results, total):
    """A line per input, and a total line when there are several."""
    lines = [table_line(result, result["name"]) for result in results]
    if len(results) > 1:
        lines.append(table_line(total, "total"))
    return lines


def format_json(results, total):
    return json.dumps({"files": results, "total": total}, ensure_ascii=False)


def stats(args):
    results = [{"name": name, **count(read_lines(name))} for name in args.files]
    total = {field: sum(result[field] for result in results) for field in STATS_FIELDS}
    if args.json:
        print(format_json(results, total))
    else:
        print("\n".join(format_table(results, total)))


def words_of(line):
    return WORD.findall(line.lower())


def most_common(counts, n):
    """The n most frequent words: the most frequent first, equal counts in word order."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def top(args):
    counts = Counter()
    for name in args.files:
        for line in read_lines(name):
            counts.update(words_of(line))
    for word, times in most_common(counts, args.n):
        print(times, word)


def transform(args, change):
    """Print every line of every input, changed by `change`."""
    for name in args.files:
        for line in read_lines(name):
            sys.stdout.write(change(line))


def upper(args):
    transform(args, str.upper)


def lower(args):
    transform(args, str.lower)


def replace(args):
    transform(args, lambda line: line.replace(args.old, args.new))


def positive_int(text):
    """An argparse type: a whole number greater than zero."""
    number = int(text)  # a ValueError becomes a usage error
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def non_empty(text):
    """An argparse type: any text but the empty one."""
    if not text:
        raise argparse.ArgumentTypeError("must not be empty")
    return text


def build_parser():
    parser = argparse.ArgumentParser(
        prog="textstat", description="Statistics and transformations of UTF-8 text."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    files = {"nargs": "*", "default": ["-"], "metavar": "FILE", "help": 'a file; "-" is stdin'}

    command = commands.add_parser("stats", help="count lines, words, characters and bytes")
    command.add_argument("--json", action="store_true", help="print the counts as JSON")
    command.add_argument("files", **files)
    command.set_defaults(handler=stats)

    command = commands.add_parser("top", help="the most frequent words")
    command.add_argument("-n", type=positive_int, default=10, help="how many (default 10)")
    command.add_argument("files", **files)
    command.set_defaults(handler=top)

    for name, handler in (("upper", upper), ("lower", lower)):
        command = commands.add_parser(name, help=f"print the text in {name} case")
        command.add_argument("files", **files)
        command.set_defaults(handler=handler)

    command = commands.add_parser("replace", help="print the text with OLD replaced by NEW")
    command.add_argument("old", metavar="OLD", type=non_empty)
    command.add_argument("new", metavar="NEW")
    command.add_argument("files", **files)
    command.set_defaults(handler=replace)
    return parser


def main(argv=None):
    # UTF-8 whatever the system's locale says; a line ends at "\n" only, as for files.
    sys.stdin.reconfigure(encoding="utf-8", newline="\n")
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    sys.stderr.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.handler(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
