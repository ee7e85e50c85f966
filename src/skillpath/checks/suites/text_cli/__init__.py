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

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import Context
from skillpath.checks.expect import expect
from skillpath.checks.memory import PeakMemory
from skillpath.checks.suite import Suite
from skillpath.checks.suites.text_cli.counting import (
    expect_stats,
    expected_stats,
    expected_top,
    top_hint,
    total_of,
)
from skillpath.checks.suites.text_cli.runs import (
    TRACEBACK,
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
    counts = [expected_stats(text) for text in texts]
    files = [{"name": str(path), **stats} for path, stats in zip(paths, counts, strict=True)]
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
    cases: tuple[list[str], ...] = (
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
