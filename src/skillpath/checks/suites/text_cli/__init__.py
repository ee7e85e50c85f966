"""text-cli: month 1 practice, a command-line utility for statistics and transformations of
UTF-8 text (`stats`, `top`, `upper`, `lower`, `replace`).

Every stage writes the files it needs under the run's temporary directory and passes their
paths (or feeds standard input), so the stages do not depend on each other. The spec is
content/projects/text-cli/spec.en.md; the interface is content/projects/text-cli/usage.txt.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import WORDS, Completed, Context
from skillpath.checks.expect import CheckFailed, expect, shorten
from skillpath.checks.memory import PeakMemory
from skillpath.checks.suite import Suite

suite = Suite(
    slug="text-cli",
    kind="cli",
    title=_l("CLI utility for processing text files"),
    subject=("practice", "practice-1"),
)

COMMANDS = ("stats", "top", "upper", "lower", "replace")
STATS_FIELDS = ("lines", "words", "chars", "bytes")
LATIN = tuple(word for word in WORDS if word.isascii())
CYRILLIC = tuple(word for word in WORDS if not word.isascii())
# Text around words: punctuation that is not part of a word, for `top` and `replace`.
PUNCTUATION = ("", "", "", ",", ".", "!", "?", ";", ":")
TRACEBACK = "Traceback (most recent call last)"
# The streaming stage: an input this large must be processed in this much memory.
LARGE_INPUT_MB = 100
MEMORY_LIMIT_MB = 50


# --- running the program ----------------------------------------------------------


class Run:
    """A finished run of the learner's program and what it was given, as messages show it."""

    def __init__(self, done: Completed, request: str) -> None:
        self.done = done
        self.request = request

    def outcome(self) -> str:
        """Exit status, stdout and stderr, as a message shows them."""
        return _("exit status %(code)s\nstdout: %(stdout)s\nstderr: %(stderr)s") % {
            "code": self.done.returncode,
            "stdout": shorten(self.done.stdout) or _("(nothing)"),
            "stderr": shorten(self.done.stderr.strip()) or _("(nothing)"),
        }

    def fail(self, message: str, *, expected: str, hint: str | None = None) -> CheckFailed:
        return CheckFailed(
            message, request=self.request, expected=expected, actual=self.outcome(), hint=hint
        )

    def expect_no_traceback(self) -> None:
        if TRACEBACK in self.done.stderr or TRACEBACK in self.done.stdout:
            raise self.fail(
                _("the program crashed with a Python traceback"),
                expected=_("no traceback: a short message, or the expected output"),
                hint=_(
                    "Read the last line of the traceback: it names the exception and the line "
                    "of your program where it happened."
                ),
            )

    def expect_success(self) -> None:
        self.expect_no_traceback()
        if self.done.returncode != 0:
            raise self.fail(
                _("the program ended with exit status %(code)s instead of 0")
                % {"code": self.done.returncode},
                expected=_("exit status 0"),
                hint=_("A command that did its work ends with exit status 0."),
            )

    def expect_output(self, expected: str, message: str, hint: str) -> None:
        """Exit status 0 and exactly `expected` on stdout."""
        self.expect_success()
        if self.done.stdout != expected:
            raise self.fail(message, expected=shorten(expected) or _("(nothing)"), hint=hint)


def run_program(
    ctx: Context, args: list[str], *, files: tuple | list = (), stdin: str | None = None
) -> Run:
    """Run the program with `args`; `files` are the (path, text) pairs it is given, shown
    in messages with the standard input."""
    done = ctx.run(args, input="" if stdin is None else stdin)
    shown = [f"$ {done.command}"]
    for path, text in files:
        shown.append(_("contents of %(path)s:") % {"path": path} + " " + literal(text))
    if stdin:
        shown.append(_("standard input:") + " " + literal(stdin))
    return Run(done, "\n".join(shown))


def literal(text: str) -> str:
    """Text shown so that its tabs and line breaks can be seen: a JSON string."""
    return shorten(json.dumps(text, ensure_ascii=False))


def write(ctx: Context, name: str, text: str) -> Path:
    path = ctx.tmp / name
    path.write_bytes(text.encode("utf-8"))
    return path


def output_lines(text: str) -> list[str]:
    """The lines a program printed, without trailing spaces and empty lines at the end."""
    return [line.rstrip() for line in text.rstrip().splitlines()]


# --- generated text ---------------------------------------------------------------


def plain_lines(ctx: Context, count: int, words: tuple[str, ...] = WORDS) -> list[str]:
    """Lines of words with uneven spacing (runs of spaces, tabs) and some empty lines."""
    lines = []
    for _n in range(count):
        spaces = [ctx.random.choice((" ", " ", "  ", "\t", " \t ")) for _w in range(7)]
        line = "".join(
            ctx.random.choice(words) + spaces[i] for i in range(ctx.random.randint(0, 6))
        )
        lines.append(ctx.random.choice(("", " ", "\t")) + line.rstrip(" \t"))
    return lines


def joined(lines: list[str], *, final_newline: bool = True) -> str:
    return "\n".join(lines) + ("\n" if final_newline else "")


def mixed_text(ctx: Context, *, lines: int, words: int) -> str:
    """Lines of Latin and Cyrillic words with capitals and punctuation, each ending in "\\n"."""
    return joined([sentence(ctx, ctx.words(words).split()) for _n in range(lines)])


def sentence(ctx: Context, words: list[str]) -> str:
    """Words with random capitals and punctuation: "Apple, «река» — STONE!"."""
    forms = [ctx.random.choice((word, word.capitalize(), word.upper())) for word in words]
    return decorate(ctx, forms)


def decorate(ctx: Context, words: list[str]) -> str:
    """Words joined with spaces and punctuation that is not part of them."""
    parts = []
    for word in words:
        if ctx.random.random() < 0.2:
            word = ctx.random.choice(("«%s»", "(%s)", '"%s"')) % word
        parts.append(word + ctx.random.choice(PUNCTUATION))
        if ctx.random.random() < 0.1:
            parts.append("—")
    return " ".join(parts)


# --- what the spec asks for ---------------------------------------------------------


def expected_stats(text: str) -> dict[str, int]:
    """The counts of `stats`: a last line without a line break counts as a line."""
    lines = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
    return {
        "lines": lines,
        "words": len(text.split()),
        "chars": len(text),
        "bytes": len(text.encode("utf-8")),
    }


def stats_line(counts: dict[str, int], name: str) -> str:
    return " ".join(str(counts[field]) for field in STATS_FIELDS) + " " + name


def total_of(all_counts: list[dict[str, int]]) -> dict[str, int]:
    return {field: sum(counts[field] for counts in all_counts) for field in STATS_FIELDS}


def stats_differences(expected: dict[str, int], name: str, line: str) -> list[str]:
    """What differs in one printed `stats` line: ["chars: expected 57, got 98"]; empty when
    the line cannot be read as four numbers and a name."""
    fields = line.split(maxsplit=4)
    if len(fields) < 4 or not all(field.isdigit() for field in fields[:4]):
        return []
    actual: dict[str, int | str] = dict(zip(STATS_FIELDS, map(int, fields[:4]), strict=True))
    actual["name"] = fields[4] if len(fields) == 5 else ""
    wanted = {**expected, "name": name}
    return [
        _("%(field)s: expected %(expected)s, got %(actual)s")
        % {"field": field, "expected": wanted[field], "actual": actual[field]}
        for field in (*STATS_FIELDS, "name")
        if wanted[field] != actual[field]
    ]


def stats_hint(expected: dict[str, int], line: str) -> str:
    """A hint for a wrong `stats` line, from which of its numbers is wrong."""
    fields = line.split()
    if len(fields) >= 4 and all(field.isdigit() for field in fields[:4]):
        numbers = dict(zip(STATS_FIELDS, map(int, fields[:4]), strict=True))
        if not any(numbers.values()) and expected["chars"]:
            return _(
                "Nothing was counted: was the input read? With no FILE, or when FILE is "
                '"-", read standard input (sys.stdin), line by line.'
            )
        if numbers["chars"] != expected["chars"] and numbers["chars"] == expected["bytes"]:
            return _(
                "That many characters is the number of bytes: count characters of the "
                "decoded text (in Python, len() of a str), not of its UTF-8 bytes. "
                "«ж» is one character and two bytes."
            )
        if numbers["lines"] == expected["lines"] - 1:
            return _("A last line without a line break at its end is a line too.")
        if numbers["words"] != expected["words"]:
            return _(
                "Words are runs of characters that are not whitespace; spaces and tabs, "
                "several in a row too, separate them (in Python, len(line.split()))."
            )
    return _(
        "Print one line: lines, words, characters, bytes and the name, separated by single spaces."
    )


def expect_stats(run: Run, inputs: list, counts: list | None = None) -> None:
    """Exit status 0, and a `stats` line per (text, name) input — plus the total line
    when there are several; `counts` gives the counts when the texts are not kept."""
    run.expect_success()
    all_counts = counts or [expected_stats(text) for text, _name in inputs]
    expected = [stats_line(c, name) for c, (_text, name) in zip(all_counts, inputs, strict=True)]
    if len(inputs) > 1:
        expected.append(stats_line(total_of(all_counts), "total"))
    actual = output_lines(run.done.stdout)
    if actual == expected:
        return
    if len(actual) != len(expected):
        raise run.fail(
            _("stats printed %(actual)s lines, expected %(expected)s")
            % {"actual": len(actual), "expected": len(expected)},
            expected="\n".join(expected),
            hint=_(
                "One line per input, in the order given, and a «total» line when there "
                "are two inputs or more."
            ),
        )
    wrong = next(i for i, line in enumerate(actual) if line != expected[i])
    all_numbers = [*all_counts, total_of(all_counts)]
    names = [name for _text, name in inputs] + ["total"]
    differences = stats_differences(all_numbers[wrong], names[wrong], actual[wrong])
    raise run.fail(
        _("stats printed a wrong line %(line)s: %(differences)s")
        % {
            "line": json.dumps(actual[wrong], ensure_ascii=False),
            "differences": "; ".join(differences) or _("not «LINES WORDS CHARS BYTES NAME»"),
        },
        expected="\n".join(expected),
        hint=stats_hint(all_numbers[wrong], actual[wrong]),
    )


def expected_top(counts: Counter, n: int) -> list[str]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
    return [f"{times} {word}" for word, times in ranked]


def top_hint(expected: list[str], actual: list[str]) -> str:
    """A hint for a wrong `top` answer, from how it differs from the right one."""
    if any(word != word.lower() for line in actual for word in line.split()[1:]):
        return _("Lower-case every word before counting: «Река» and «река» are one word.")
    if any(mark in line for line in actual for mark in ',.!?;:«»()"—'):
        return _(
            "A word is a run of letters, digits and _ only: punctuation such as , . ! « » is "
            "not part of it."
        )
    if sorted(actual) == sorted(expected):
        return _(
            "The right words and counts, in the wrong order: the most frequent first, and "
            "words with equal counts in alphabetical order (Python's sorted() order of strings)."
        )
    return _(
        "A word is a run of letters, digits and _; lower-case it; count every occurrence in "
        "every input; print «COUNT WORD» lines, the most frequent first."
    )


# --- stages ---------------------------------------------------------------------


@suite.stage("help", _l("The program runs and shows its help"))
def help_stage(ctx: Context) -> None:
    run = run_program(ctx, ["--help"])
    if run.done.returncode == 127:
        raise run.fail(
            _("the command could not be started"),
            expected=_("the program's help, exit status 0"),
            hint=_(
                "Check the command you gave to --cmd: run it yourself from this folder, "
                "with --help after it."
            ),
        )
    run.expect_success()
    missing = [name for name in COMMANDS if name not in run.done.stdout]
    expect(
        not missing,
        _("the help on stdout does not name every command: %(missing)s is missing")
        % {"missing": ", ".join(missing)},
        request=run.request,
        expected=_("a help text that names %(commands)s") % {"commands": ", ".join(COMMANDS)},
        actual=run.outcome(),
        hint=_("argparse writes the help for you: one subparser per command."),
    )


@suite.stage("stats-file", _l("stats counts lines, words, characters and bytes of a file"))
def stats_file(ctx: Context) -> None:
    for name, final_newline in (("notes.txt", True), ("no-final-newline.txt", False)):
        text = joined(plain_lines(ctx, ctx.random.randint(3, 6), LATIN))
        if not final_newline:
            text += ctx.random.choice(LATIN)  # a last line with no line break after it
        path = write(ctx, name, text)
        expect_stats(
            run_program(ctx, ["stats", str(path)], files=[(path, text)]), [(text, str(path))]
        )


@suite.stage("stats-stdin", _l("stats reads standard input when no file or - is given"))
def stats_stdin(ctx: Context) -> None:
    text = joined(plain_lines(ctx, ctx.random.randint(3, 6), LATIN))
    for args in (["stats"], ["stats", "-"]):
        expect_stats(run_program(ctx, args, stdin=text), [(text, "-")])


@suite.stage("stats-unicode", _l("stats counts characters, not bytes, of Cyrillic text"))
def stats_unicode(ctx: Context) -> None:
    words = [*ctx.random.sample(CYRILLIC, 4), *ctx.words(8).split()]
    ctx.random.shuffle(words)
    lines = [sentence(ctx, words[:6]), "", sentence(ctx, words[6:])]
    text = joined(lines, final_newline=ctx.random.random() < 0.5)
    path = write(ctx, "текст.txt", text)
    expect_stats(run_program(ctx, ["stats", str(path)], files=[(path, text)]), [(text, str(path))])


@suite.stage("stats-many", _l("stats of several inputs prints a line each and a total"))
def stats_many(ctx: Context) -> None:
    first, second = (mixed_text(ctx, lines=3, words=5) for _name in ("first", "second"))
    piped = joined(plain_lines(ctx, 2))
    first_path, second_path = write(ctx, "first.txt", first), write(ctx, "second.txt", second)
    run = run_program(
        ctx,
        ["stats", str(first_path), "-", str(second_path)],
        files=[(first_path, first), (second_path, second)],
        stdin=piped,
    )
    expect_stats(run, [(first, str(first_path)), (piped, "-"), (second, str(second_path))])


@suite.stage("stats-json", _l("stats --json prints the counts as JSON"))
def stats_json(ctx: Context) -> None:
    texts = [mixed_text(ctx, lines=2, words=4) for _name in ("first", "second")]
    paths = [write(ctx, f"json-{number}.txt", text) for number, text in enumerate(texts, 1)]
    run = run_program(
        ctx, ["stats", "--json", *map(str, paths)], files=list(zip(paths, texts, strict=True))
    )
    run.expect_success()
    files = [
        {"name": str(path), **expected_stats(text)} for path, text in zip(paths, texts, strict=True)
    ]
    expected = {"files": files, "total": total_of(files)}
    shown = json.dumps(expected, ensure_ascii=False)
    try:
        answer = json.loads(run.done.stdout)
    except json.JSONDecodeError:
        raise run.fail(
            _("stats --json did not print valid JSON"),
            expected=shown,
            hint=_("Print the result of json.dumps() of one object, and nothing else."),
        ) from None
    if answer != expected:
        hint = _('Give "files" (one object per input, in order) and "total", with whole numbers.')
        if isinstance(answer, dict) and answer.get("files") == files:
            hint = _('The "files" are right; "total" must hold the sums of all inputs.')
        raise run.fail(
            _("stats --json printed other counts than expected"), expected=shown, hint=hint
        )


@suite.stage("top", _l("top prints the most frequent words"))
def top_stage(ctx: Context) -> None:
    text, counts = top_text(ctx)
    path = write(ctx, "words.txt", text)
    cases = (
        ("top -n 3", ["top", "-n", "3", str(path)], None, 3),
        # Fewer different words than the default 10: all of them.
        ("top", ["top"], text, 10),
    )
    for shown, args, stdin, n in cases:
        run = run_program(ctx, args, files=[] if stdin else [(path, text)], stdin=stdin)
        run.expect_success()
        expected, actual = expected_top(counts, n), output_lines(run.done.stdout)
        if actual != expected:
            raise run.fail(
                _("%(command)s printed other words or counts than expected") % {"command": shown},
                expected="\n".join(expected),
                hint=top_hint(expected, actual),
            )


def top_text(ctx: Context) -> tuple[str, Counter]:
    """A text whose word counts have ties, in mixed case and with punctuation: the
    alphabetically later word of the top tie comes first in the text, so counting ties
    in the order of first appearance gives a wrong answer for every seed."""
    words = ctx.random.sample(WORDS, 8)
    high, tied, middle, low = ctx.random.randint(8, 9), ctx.random.randint(6, 7), 5, 3
    counts = Counter(dict(zip(words, (high, tied, tied, middle, low, low, 2, 1), strict=True)))
    occurrences = []
    for word, times in counts.items():
        # Every case form of a word occurs, so counting without lower-casing fails.
        occurrences += [(word, word.capitalize(), word.upper())[i % 3] for i in range(times)]
    ctx.random.shuffle(occurrences)
    later = max(words[1], words[2])
    occurrences.remove(later.capitalize())
    occurrences.insert(0, later.capitalize())
    lines, start = [], 0
    while start < len(occurrences):
        size = ctx.random.randint(2, 6)
        lines.append(decorate(ctx, occurrences[start : start + size]))
        start += size
    return joined(lines), counts


@suite.stage("upper-lower", _l("upper and lower change the case of any alphabet"))
def upper_lower(ctx: Context) -> None:
    lines = [sentence(ctx, ctx.words(ctx.random.randint(3, 6)).split()) for _n in range(4)]
    lines.insert(2, "")
    text = joined(lines, final_newline=False)
    path = write(ctx, "case.txt", text)
    for command, expected, as_stdin in (
        ("upper", text.upper(), False),
        ("lower", text.lower(), True),
    ):
        run = (
            run_program(ctx, [command], stdin=text)
            if as_stdin
            else run_program(ctx, [command, str(path)], files=[(path, text)])
        )
        run.expect_output(
            expected,
            _("%(command)s printed other text than expected") % {"command": command},
            hint=_(
                "Print every line with only its letters changed, Cyrillic ones too (str.upper() "
                "and str.lower()); keep spaces, punctuation and line breaks as they are, and "
                "add no line break the input does not have."
            ),
        )


@suite.stage("replace", _l("replace changes every occurrence of a text"))
def replace_stage(ctx: Context) -> None:
    old, new = ctx.random.choice(CYRILLIC), ctx.random.choice(LATIN)
    lines = []
    for _n in range(3):
        words = [*ctx.words(4).split(), old, old]
        ctx.random.shuffle(words)
        lines.append(" ".join(words) + f" {old}, {old.capitalize()} {old}{old}.")
    text = joined(lines)
    path = write(ctx, "replace.txt", text)
    cases = (([old, new], text, False), ([new, f"{old} {old}"], text.replace(old, new), True))
    for (before, after), source, as_stdin in cases:
        expected = source.replace(before, after)
        args = ["replace", before, after]
        run = (
            run_program(ctx, args, stdin=source)
            if as_stdin
            else run_program(ctx, [*args, str(path)], files=[(path, source)])
        )
        run.expect_output(
            expected,
            _("replace %(old)s %(new)s printed other text than expected")
            % {"old": literal(before), "new": literal(after)},
            hint=_(
                "Replace every occurrence of OLD in each line, several in a line and inside "
                "other text too (str.replace(old, new)); the case must match exactly; keep "
                "everything else as it is."
            ),
        )


@suite.stage("missing-file", _l("A file that cannot be read: a message and exit status 1"))
def missing_file(ctx: Context) -> None:
    missing = ctx.tmp / "нет-такого-файла.txt"
    folder = ctx.tmp / "a-folder"
    folder.mkdir(exist_ok=True)
    for args, path in ((["stats", str(missing)], missing), (["upper", str(folder)], folder)):
        run = run_program(ctx, args)
        run.expect_no_traceback()
        expected = _("exit status 1, and a message on stderr that names %(path)s") % {"path": path}
        if run.done.returncode != 1:
            raise run.fail(
                _(
                    "a file that cannot be read must end the program with exit status 1, "
                    "not %(code)s"
                )
                % {"code": run.done.returncode},
                expected=expected,
                hint=_(
                    "Catch OSError when you open the file, print the message to stderr and "
                    "exit with sys.exit(1)."
                ),
            )
        if str(path) not in run.done.stderr:
            raise run.fail(
                _("the error message on stderr does not name the file"),
                expected=expected,
                hint=_(
                    "Print «error: cannot read FILE: REASON» to stderr (print(..., "
                    "file=sys.stderr)), with FILE as it was given."
                ),
            )


# Seven runs: more time than one stage usually needs, for slow-starting interpreters.
@suite.stage(
    "bad-usage", _l("Bad commands and options: a usage error with exit status 2"), timeout=20
)
def bad_usage(ctx: Context) -> None:
    cases = (
        [],
        ["no-such-command"],
        ["stats", "--no-such-option"],
        ["top", "-n", "abc"],
        ["top", "-n", "0"],
        ["top", "-n"],
        ["replace", "", ctx.random.choice(LATIN)],
    )
    for args in cases:
        run = run_program(ctx, args)
        shown = " ".join(arg or '""' for arg in args) or _("(no arguments)")
        if TRACEBACK in run.done.stderr or TRACEBACK in run.done.stdout:
            raise run.fail(
                _("«%(args)s» crashed the program with a Python traceback instead of a usage error")
                % {"args": shown},
                expected=_("exit status 2 and a usage message on stderr"),
                hint=_(
                    'Let argparse check the arguments: add_argument("-n", type=...) with a '
                    "function that raises argparse.ArgumentTypeError for a bad value makes "
                    "it a usage error, not a crash."
                ),
            )
        if run.done.returncode != 2 or not run.done.stderr.strip():
            raise run.fail(
                _("«%(args)s» must be a usage error: exit status 2 and a message on stderr")
                % {"args": shown},
                expected=_("exit status 2 and a usage message on stderr"),
                hint=_(
                    "argparse does this by itself for unknown commands and options; for "
                    "values it cannot check by type (N below 1, an empty OLD), call "
                    "parser.error(...) or raise argparse.ArgumentTypeError."
                ),
            )


@suite.stage("large-input", _l("A large input is processed line by line"), timeout=30)
def large_input(ctx: Context) -> None:
    block = joined(
        [sentence(ctx, ctx.words(ctx.random.randint(1, 12)).split()) for _n in range(1000)]
    )
    data = block.encode("utf-8")
    repeat = LARGE_INPUT_MB * 1_000_000 // len(data) + 1
    path = ctx.tmp / "large.txt"
    with path.open("wb") as out:
        for _n in range(repeat):
            out.write(data)
    counts = {field: value * repeat for field, value in expected_stats(block).items()}
    running = ctx.start(["stats"], stdin=path)
    # Its own session: the process group's id is its pid.
    memory = PeakMemory(running.pid, limit_kb=MEMORY_LIMIT_MB * 1024)
    try:
        done = running.wait()
    finally:
        peak_kb = memory.finish()
        path.unlink()
    size = _("%(size)s MB of text on standard input") % {"size": LARGE_INPUT_MB}
    run = Run(done, f"$ {done.command} < large.txt\n({size})")
    if memory.exceeded:
        raise run.fail(
            _(
                "reading %(size)s MB of input took %(peak)s MB of memory, more than the limit "
                "of %(limit)s MB, so the check stopped the program"
            )
            % {"size": LARGE_INPUT_MB, "peak": math.ceil(peak_kb / 1024), "limit": MEMORY_LIMIT_MB},
            expected=_("at most %(limit)s MB of memory") % {"limit": MEMORY_LIMIT_MB},
            hint=_(
                "Do not read the whole input at once (read(), readlines(), list(file)): "
                "go through it line by line, «for line in file:», and keep only the counts."
            ),
        )
    expect_stats(run, [(None, "-")], counts=[counts])
