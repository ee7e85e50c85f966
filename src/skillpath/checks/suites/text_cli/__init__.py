"""text-cli: month 1 practice, a command-line utility for statistics and transformations of
UTF-8 text (`stats`, `top`, `upper`, `lower`, `replace`).

Every stage writes the files it needs under the run's temporary directory and passes their
paths (or feeds standard input), so the stages do not depend on each other. The spec is
content/projects/text-cli/spec.en.md; the interface is content/projects/text-cli/usage.txt.

This module holds the suite and its stages, in order; `runs` runs the program and judges a
run, `texts` generates the input text, `counting` holds what `stats` and `top` must print.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import Context
from skillpath.checks.i18n import gettext as _
from skillpath.checks.memory import PeakMemory
from skillpath.checks.suite import Suite
from skillpath.checks.suites.text_cli.counting import (
    expect_stats,
    expected_stats,
    expected_top,
    json_difference,
    top_hint,
    total_of,
)
from skillpath.checks.suites.text_cli.runs import (
    REPLACEMENT,
    Run,
    literal,
    output_lines,
    run_program,
    write,
)
from skillpath.checks.suites.text_cli.texts import (
    CYRILLIC,
    LATIN,
    joined,
    mixed_text,
    plain_lines,
    sentence,
    top_text,
)

suite = Suite(
    slug="text-cli",
    kind="cli",
    title=_l("CLI utility for processing text files"),
    subject=("practice", "practice-1"),
)

COMMANDS = ("stats", "top", "upper", "lower", "replace")
# The streaming stage: an input this large must be processed in this much memory.
LARGE_INPUT_MB = 100
MEMORY_LIMIT_MB = 50


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
    expected = _("a help text on stdout that names %(commands)s") % {
        "commands": ", ".join(COMMANDS)
    }
    missing = [name for name in COMMANDS if not names(run.done.stdout, name)]
    if not missing:
        return
    if all(names(run.done.stderr, name) for name in missing):
        raise run.fail(
            _("the help was printed to stderr; it belongs on stdout"),
            expected=expected,
            hint=_(
                "argparse prints the help of --help to stdout by itself; do not print it "
                "with file=sys.stderr."
            ),
        )
    raise run.fail(
        _("the help on stdout does not name these commands: %(missing)s")
        % {"missing": ", ".join(missing)},
        expected=expected,
        hint=_("argparse writes the help for you: one subparser per command."),
    )


def names(text: str, command: str) -> bool:
    """Whether `text` names the command as a word of its own ("top", not "stop")."""
    return re.search(rf"(?<![\w-]){command}(?![\w-])", text) is not None


@suite.stage("stats-file", _l("stats counts lines, words, characters and bytes of a file"))
def stats_file(ctx: Context) -> None:
    def text() -> str:
        return joined(plain_lines(ctx, ctx.random.randint(3, 6), LATIN))

    texts = {
        "notes.txt": text(),
        # A last line with no line break after it.
        "no-final-newline.txt": text() + ctx.random.choice(LATIN),
        "empty.txt": "",
    }
    for name, content in texts.items():
        path = write(ctx, name, content)
        run = run_program(ctx, ["stats", str(path)], files=[(path, content)])
        expect_stats(run, [(content, str(path))])


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
    # One input is one JSON object too, with a list of one file.
    for count in (1, 2):
        # Written anew for each run: a program may have changed or removed them.
        paths = [write(ctx, f"json-{number}.txt", text) for number, text in enumerate(texts, 1)]
        inputs = list(zip(paths[:count], texts[:count], strict=True))
        args = ["stats", "--json", *(str(path) for path, _text in inputs)]
        run = run_program(ctx, args, files=inputs)
        expect_stats_json(run, inputs)


def expect_stats_json(run: Run, inputs: list[tuple[Path, str]]) -> None:
    run.expect_success()
    counts = [expected_stats(text) for _path, text in inputs]
    files = [{"name": str(path), **stats} for (path, _t), stats in zip(inputs, counts, strict=True)]
    expected = {"files": files, "total": total_of(counts)}
    shown = json.dumps(expected, ensure_ascii=False)
    try:
        answer = json.loads(run.done.stdout)
    except json.JSONDecodeError:
        raise run.fail(
            _("stats --json did not print valid JSON"),
            expected=shown,
            hint=_("Print the result of json.dumps() of one object, and nothing else."),
        ) from None
    difference = json_difference(expected, answer)
    if difference is None:
        return
    hint = _('Give "files" (one object per input, in order) and "total", with whole numbers.')
    if isinstance(answer, dict) and answer.get("files") == files and "total" in difference:
        hint = _('The "files" are right; "total" must hold the sums of all inputs.')
    elif not isinstance(answer, dict) or "files" not in answer:
        hint = _(
            'Print one object with "files" and "total", also for a single input: '
            '{"files": [{"name": ..., "lines": ...}], "total": {...}}.'
        )
    raise run.fail(
        _("stats --json printed other counts than expected — %(difference)s")
        % {"difference": difference},
        expected=shown,
        hint=hint,
    )


@suite.stage("top", _l("top prints the most frequent words"))
def top_stage(ctx: Context) -> None:
    text, counts = top_text(ctx)
    lines = text.splitlines(keepends=True)
    # Two inputs: the words of both count together.
    parts = ["".join(lines[: len(lines) // 2]), "".join(lines[len(lines) // 2 :])]
    paths = [write(ctx, f"words-{number}.txt", part) for number, part in enumerate(parts, 1)]
    first_counts = Counter(re.findall(r"\w+", parts[0].lower()))
    no_words = "— , . !\n\n« » ( )\n"
    cases: tuple[tuple[list[str], str | None, list[str], list[str] | None], ...] = (
        (
            ["top", "-n", "3", *map(str, paths)],
            None,
            expected_top(counts, 3),
            expected_top(first_counts, 3),
        ),
        # Fewer different words than the default 10: all of them.
        (["top"], text, expected_top(counts, 10), None),
        # No words at all: nothing.
        (["top"], no_words, [], None),
    )
    for args, stdin, expected, first_only in cases:
        files = [] if stdin is not None else list(zip(paths, parts, strict=True))
        run = run_program(ctx, args, files=files, stdin=stdin)
        run.expect_success()
        actual = output_lines(run.done.stdout)
        if actual == expected:
            continue
        shown = " ".join(args[:3] if args[1:2] == ["-n"] else args[:1])
        if not expected:
            raise run.fail(
                _("%(command)s of a text with no words must print nothing") % {"command": shown},
                expected=_("(nothing)"),
                hint=_("With no words there is nothing to print: no lines, and exit status 0."),
            )
        raise run.fail(
            _("%(command)s printed other words or counts than expected") % {"command": shown},
            expected="\n".join(expected),
            hint=top_hint(expected, actual, first_only=first_only),
        )


# The console encoding of Windows in Russian: the program must print UTF-8 all the same.
NOT_UTF8_CONSOLE = {"PYTHONIOENCODING": "cp1251"}


@suite.stage("upper-lower", _l("upper and lower change the case of any alphabet"))
def upper_lower(ctx: Context) -> None:
    lines = [sentence(ctx, ctx.words(ctx.random.randint(3, 6)).split()) for _n in range(5)]
    lines[1] = lines[1].replace(" ", "  ", 1)  # runs of spaces and tabs are kept
    lines[2] = "\t" + lines[2]
    lines[0] += "\r"  # a "\r" before the line break is an ordinary character
    lines.insert(2, "")
    # Two inputs: the first ends with a line break, the second does not.
    first, second = joined(lines[:3]), joined(lines[3:], final_newline=False)
    paths = [write(ctx, "case-1.txt", first), write(ctx, "case-2.txt", second)]
    for command, change, as_stdin in (("upper", str.upper, False), ("lower", str.lower, True)):
        run = (
            run_program(ctx, [command], stdin=first + second, env=NOT_UTF8_CONSOLE)
            if as_stdin
            else run_program(
                ctx,
                [command, *map(str, paths)],
                files=list(zip(paths, (first, second), strict=True)),
                env=NOT_UTF8_CONSOLE,
            )
        )
        expected = change(first + second)
        run.expect_output(
            expected,
            _("%(command)s printed other text than expected") % {"command": command},
            hint=text_hint(
                run,
                expected,
                _(
                    "Print every line with only its letters changed, Cyrillic ones too "
                    "(str.upper() and str.lower()); keep spaces, tabs, punctuation and line "
                    "breaks as they are, and add no line break the input does not have."
                ),
                first_only=None if as_stdin else change(first),
            ),
        )


def text_hint(run: Run, expected: str, usual: str, *, first_only: str | None = None) -> str:
    """The hint for a text printed wrong, from how it differs from `expected`; `usual`
    when nothing more precise fits."""
    printed = run.done.stdout
    if "\r\n" in expected and printed == expected.replace("\r\n", "\n"):
        return _(
            'The "\\r" before a line break was lost: it is an ordinary character, keep it. Open '
            'files with open(name, encoding="utf-8", newline="\\n") and call sys.stdin.'
            'reconfigure(newline="\\n"), so that Python does not change line ends.'
        )
    if printed.replace("\r\n", "\n") == expected:
        return _(
            'Your program printed "\\r\\n" line ends where the input has "\\n" (as Windows '
            'does by default): call sys.stdout.reconfigure(encoding="utf-8", newline="\\n") '
            "before printing."
        )
    if printed.rstrip("\n") == expected.rstrip("\n"):
        return _(
            "Add no line break the input does not have: when the last line has no line "
            "break, print none after it."
        )
    if len(printed) > len(expected) and re.sub("\n+", "\n", printed) == re.sub(
        "\n+", "\n", expected
    ):
        return _(
            "Each line you read keeps its own line break, so print() adds a second one: "
            'write the line with sys.stdout.write(line) or print(line, end="").'
        )
    if first_only is not None and printed == first_only:
        return _("Print the text of every input, one after the other, in the order given.")
    return usual


@suite.stage("replace", _l("replace changes every occurrence of a text"))
def replace_stage(ctx: Context) -> None:
    old, new = ctx.random.choice(CYRILLIC), ctx.random.choice(LATIN)
    lines = []
    for _n in range(3):
        words = [*ctx.words(4).split(), old, old]
        ctx.random.shuffle(words)
        lines.append(" ".join(words) + f" {old}, {old.capitalize()} {old}{old}.")
    text = joined(lines)
    path = ctx.tmp / "replace.txt"
    changed = text.replace(old, new)
    cases = (
        ([old, new], text, False),
        # A NEW with a space, on standard input.
        ([new, f"{old} {old}"], changed, True),
        # An empty NEW deletes OLD.
        ([old, ""], text, False),
        # OLD is plain text, not a regular expression: "." is a full stop.
        ([".", "!?"], text, True),
    )
    for (before, after), source, as_stdin in cases:
        expected = source.replace(before, after)
        args = ["replace", before, after]
        run = (
            run_program(ctx, args, stdin=source)
            if as_stdin
            else run_program(
                ctx, [*args, str(write(ctx, path.name, source))], files=[(path, source)]
            )
        )
        shown = f"replace {literal(before)} {literal(after)}"
        if not after and run.done.returncode == 2 and not run.crashed:
            raise run.fail(
                _("%(command)s was refused, but NEW may be empty") % {"command": shown},
                expected=_("exit status 0, the text without OLD"),
                hint=_("Only OLD must not be empty; an empty NEW deletes every OLD."),
            )
        hint = _(
            "Replace every occurrence of OLD in each line, several in a line and inside "
            "other text too (str.replace(old, new)); the case must match exactly; keep "
            "everything else as it is."
        )
        if run.done.stdout == re.sub(before, after, source) != expected:
            hint = _(
                "OLD and NEW are plain text, not regular expressions: "
                "line.replace(old, new), not re.sub()."
            )
        run.expect_output(
            expected,
            _("%(command)s printed other text than expected") % {"command": shown},
            hint=text_hint(run, expected, hint),
        )


@suite.stage(
    "missing-file",
    _l("An input that cannot be read ends the program with a message and exit status 1"),
)
def missing_file(ctx: Context) -> None:
    missing = ctx.tmp / "нет-такого-файла.txt"
    folder = ctx.tmp / "a-folder"
    folder.mkdir(exist_ok=True)
    readable_text = mixed_text(ctx, lines=2, words=3)
    readable = write(ctx, "readable.txt", readable_text)
    not_utf8 = ctx.tmp / "cp1251.txt"
    # Cyrillic letters in cp1251 are never UTF-8.
    cp1251_text = sentence(ctx, [*ctx.words(4).split(), ctx.random.choice(CYRILLIC)]) + "\n"
    not_utf8.write_bytes(cp1251_text.encode("cp1251"))
    cases = (
        (["stats", str(missing)], missing, None),
        # The program stops at the input it cannot read: nothing of the next one.
        (["upper", str(folder), str(readable)], folder, (readable, readable_text)),
        (["stats", str(not_utf8)], not_utf8, None),
    )
    for args, path, after in cases:
        run = run_program(ctx, args, files=[after] if after else [])
        expected = _("exit status 1, and «error: cannot read %(path)s: REASON» on stderr") % {
            "path": path
        }
        catch = _(
            "Catch OSError and UnicodeDecodeError where you read an input, print the error "
            "to stderr and end with sys.exit(1)."
        )
        run.expect_no_traceback(expected=expected, hint=catch)
        if run.done.returncode != 1:
            hint = catch
            if path == not_utf8:
                hint = _(
                    "A file that is not UTF-8 is an input that cannot be read: read it with "
                    'encoding="utf-8" (not errors="replace" or "ignore") and catch '
                    "UnicodeDecodeError, which comes while you read its lines."
                )
            raise run.fail(
                _(
                    "an input that cannot be read must end the program with exit status 1, "
                    "not %(code)s"
                )
                % {"code": run.done.returncode},
                expected=expected,
                hint=hint,
            )
        expect_read_error(run, path, expected)
        if after and run.done.stdout:
            raise run.fail(
                _("after an input it could not read, the program went on and printed more"),
                expected=_(
                    "exit status 1, «error: cannot read %(path)s: REASON» on stderr, and "
                    "nothing on stdout"
                )
                % {"path": path},
                hint=_(
                    "Stop at the first input that cannot be read: print the error and end the "
                    "program, without going on to the next input."
                ),
            )


def expect_read_error(run: Run, path: Path, expected: str) -> None:
    """The error on stderr in the form the spec gives: «error: cannot read FILE: REASON»."""
    stderr, form = run.done.stderr, f"error: cannot read {path}:"
    if form in stderr:
        return
    hint = _(
        "Print «error: cannot read FILE: REASON» to stderr (print(..., file=sys.stderr)), "
        "with FILE exactly as it was given."
    )
    if str(path) in run.done.stdout and str(path) not in stderr:
        message = _("the error message went to stdout; it belongs on stderr")
    elif REPLACEMENT in stderr:
        message = _("the error message on stderr is not UTF-8")
        hint = _(
            'Call sys.stderr.reconfigure(encoding="utf-8") at the start, so that the name '
            "of a file is printed in UTF-8 whatever the system's locale."
        )
    elif str(path) not in stderr:
        message = _("the error message on stderr does not name the file as it was given")
    else:
        message = _("the error message on stderr is not «error: cannot read FILE: REASON»")
    raise run.fail(message, expected=expected, hint=hint)


# Seven runs: more time than one stage usually needs, for slow-starting interpreters.
@suite.stage(
    "bad-usage", _l("Bad commands and options give a usage error with exit status 2"), timeout=20
)
def bad_usage(ctx: Context) -> None:
    cases: tuple[list[str], ...] = (
        [],
        ["no-such-command"],
        ["stats", "--no-such-option"],
        ["top", "-n", "abc"],
        ["top", "-n", "0"],
        ["top", "-n"],
        ["replace", "", ctx.random.choice(LATIN)],
    )
    expected = _("exit status 2, a usage message on stderr and nothing on stdout")
    for args in cases:
        run = run_program(ctx, args)
        shown = " ".join(arg or '""' for arg in args) or _("(no arguments)")
        run.expect_no_traceback(
            expected=expected,
            hint=_(
                'Let argparse check the arguments: add_argument("-n", type=...) with a '
                "function that raises argparse.ArgumentTypeError for a bad value makes "
                "it a usage error, not a crash."
            ),
        )
        code, stdout, stderr = run.done.returncode, run.done.stdout, run.done.stderr
        if code == 2 and stdout.strip() and not stderr.strip():
            raise run.fail(
                _("«%(args)s»: the usage message went to stdout; it belongs on stderr")
                % {"args": shown},
                expected=expected,
                hint=_(
                    "Report a usage error with parser.error(...): argparse prints it to "
                    "stderr and exits with status 2."
                ),
            )
        if code != 2 or not stderr.strip():
            raise run.fail(
                _("«%(args)s» must be a usage error: exit status 2 and a message on stderr")
                % {"args": shown},
                expected=expected,
                hint=_(
                    "argparse does this by itself for unknown commands and options; for "
                    "values it cannot check by type (N below 1, an empty OLD), call "
                    "parser.error(...) or raise argparse.ArgumentTypeError."
                ),
            )
        if stdout.strip():
            raise run.fail(
                _("«%(args)s»: a usage error must print nothing to stdout") % {"args": shown},
                expected=expected,
                hint=_(
                    "Everything about a usage error goes to stderr; parser.error(...) prints "
                    "the usage there by itself."
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
        path.unlink(missing_ok=True)  # the program may have removed it
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
