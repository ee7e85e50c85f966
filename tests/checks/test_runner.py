"""The check runner on small suites written here: order, stop at the first failure,
time limits, process clean-up, start failures, checker faults and the result document."""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skillpath.checks.expect import CheckFailed, expect
from skillpath.checks.results import exit_code
from skillpath.checks.runner import CheckUsageError, run_check
from skillpath.checks.suite import Suite

PYTHON = shlex.quote(sys.executable)
SERVER = f"{PYTHON} -m http.server --bind 127.0.0.1 $PORT"
# Writes its pid to the file it is given, then sleeps far past any stage's time limit.
SLEEPER = "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(60)"


def cli_suite() -> Suite:
    suite = Suite(slug="echo", kind="cli", title="Echo", subject=("practice", "practice-1"))

    @suite.stage("says-hello", "Says hello")
    def says_hello(ctx):
        done = ctx.run(["hello"])
        expect(done.stdout.strip() == "hello", "it must print its argument", actual=done.stdout)

    @suite.stage("shouts", "Shouts")
    def shouts(ctx):
        done = ctx.run(["hello"])
        expect(
            done.stdout.strip() == "HELLO",
            "it must print its argument in capitals",
            expected="HELLO",
            actual=done.stdout.strip(),
            hint="Use str.upper().",
        )

    @suite.stage("never", "Never reached")
    def never(ctx):
        raise AssertionError("a stage after a failure must not run")

    return suite


def test_stages_run_in_order_and_stop_at_the_first_failure():
    result = run_check(cli_suite(), cmd="echo", seed=1)

    assert [(t.slug, t.status) for t in result.tests] == [
        ("says-hello", "pass"),
        ("shouts", "fail"),
        ("never", "skip"),
    ]
    shouts = result.tests[1]
    assert shouts.message == "it must print its argument in capitals"
    assert (shouts.expected, shouts.actual, shouts.hint) == ("HELLO", "hello", "Use str.upper().")
    assert shouts.request == "$ echo hello"
    assert "hello" in shouts.output
    assert result.status == "fail" and exit_code(result) == 1 and not result.is_complete_pass


def test_stage_n_runs_the_first_n_stages_only():
    result = run_check(cli_suite(), cmd="echo", upto=1, seed=1)

    assert [t.status for t in result.tests] == ["pass", "skip", "skip"]
    assert result.status == "pass" and exit_code(result) == 0
    assert not result.is_complete_pass


def test_the_result_document_has_the_exercism_shape():
    document = run_check(cli_suite(), cmd="echo", seed=7).as_dict()

    assert document["version"] == 3 and document["status"] == "fail"
    assert document["seed"] == 7 and document["suite"] == "echo"
    assert document["stages_total"] == 3
    assert set(document["tests"][1]) >= {"slug", "name", "status", "message", "output", "duration"}


def test_a_stage_past_its_time_limit_fails_and_its_program_is_killed(tmp_path):
    suite = Suite(slug="slow", kind="cli", title="Slow", subject=("practice", "practice-1"))
    pid_file = tmp_path / "pid"

    @suite.stage("waits", "Waits", timeout=1)
    def waits(ctx):
        ctx.run([str(pid_file)], timeout=60)

    started = time.monotonic()
    result = run_check(
        suite,
        cmd=f"{PYTHON} -c {shlex.quote(SLEEPER)}",
        seed=1,
    )

    # Only that the checker did not wait for the program's own 60 s (a busy machine may take
    # a while to start Python), not how fast it stopped it.
    assert time.monotonic() - started < 45
    assert result.tests[0].status == "fail"
    assert "did not finish within 1" in result.tests[0].message
    assert not _alive(int(pid_file.read_text()))


def test_a_service_is_started_on_a_free_port_restarted_and_stopped(tmp_path):
    suite = Suite(slug="svc", kind="http", title="Service", subject=("project", "x"))
    seen = {}

    @suite.stage("answers", "Answers")
    def answers(ctx):
        expect(ctx.http.get("/").status_code == 200, "it must answer")
        seen["url"] = ctx.base_url
        seen["pid"] = ctx.service.process.pid

    @suite.stage("restarts", "Restarts")
    def restarts(ctx):
        ctx.restart()
        expect(ctx.http.get("/").status_code == 200, "it must answer after a restart")
        seen["second_pid"] = ctx.service.process.pid

    result = run_check(suite, cmd=SERVER, cwd=tmp_path, seed=1)

    assert result.is_complete_pass, result.as_dict()
    assert seen["url"].startswith("http://127.0.0.1:")
    assert seen["pid"] != seen["second_pid"]
    assert not _alive(seen["pid"]) and not _alive(seen["second_pid"])


def test_a_restart_is_skipped_with_a_reason_against_a_url():
    suite = Suite(slug="svc", kind="http", title="Service", subject=("project", "x"))

    @suite.stage("restarts", "Restarts")
    def restarts(ctx):
        ctx.restart()

    result = run_check(suite, url="http://127.0.0.1:9", seed=1)

    assert result.tests[0].status == "skip"
    assert "--cmd" in result.tests[0].message


def test_a_service_that_exits_fails_the_first_stage_with_its_output(tmp_path):
    suite = Suite(slug="svc", kind="http", title="Service", subject=("project", "x"))

    @suite.stage("answers", "Answers")
    def answers(ctx):
        raise AssertionError("must not run: the service never started")

    result = run_check(suite, cmd="echo 'no port for me' && exit 3", cwd=tmp_path, seed=1)

    first = result.tests[0]
    assert first.status == "fail"
    assert "exited before it listened" in first.message
    assert "no port for me" in first.actual


def test_an_unreachable_service_fails_with_the_request_that_was_sent():
    suite = Suite(slug="svc", kind="http", title="Service", subject=("project", "x"))

    @suite.stage("answers", "Answers")
    def answers(ctx):
        ctx.http.get("/health")

    result = run_check(suite, url="http://127.0.0.1:9", seed=1)

    assert result.tests[0].status == "fail"
    assert "could not reach" in result.tests[0].message
    assert result.tests[0].request == "GET http://127.0.0.1:9/health"


def test_a_fault_of_the_checker_is_an_error_not_a_failure():
    suite = Suite(slug="bug", kind="cli", title="Bug", subject=("practice", "practice-1"))

    @suite.stage("crashes", "Crashes")
    def crashes(ctx):
        {}["missing"]

    result = run_check(suite, cmd="true", seed=1)

    assert result.status == "error" and exit_code(result) == 3
    assert "KeyError" in result.tests[0].message


def test_it_refuses_to_send_requests_to_another_host():
    suite = Suite(slug="svc", kind="http", title="Service", subject=("project", "x"))

    @suite.stage("escapes", "Escapes")
    def escapes(ctx):
        ctx.http.get("http://198.51.100.1/")

    result = run_check(suite, url="http://127.0.0.1:9", seed=1)

    assert result.tests[0].status == "error"
    assert "refusing" in result.tests[0].message


def test_the_same_seed_gives_the_same_data_and_the_temp_dir_is_removed():
    suite = Suite(slug="data", kind="cli", title="Data", subject=("practice", "practice-1"))
    seen: list[tuple[str, Path]] = []

    @suite.stage("draws", "Draws")
    def draws(ctx):
        seen.append((ctx.words(5), ctx.tmp))

    for seed in (5, 5, 6):
        run_check(suite, cmd="true", seed=seed)

    assert seen[0][0] == seen[1][0] != seen[2][0]
    assert not any(tmp.exists() for _, tmp in seen)


@pytest.mark.parametrize(
    ("kind", "url", "cmd", "upto", "complaint"),
    [
        ("cli", "http://127.0.0.1:1", None, None, "not --url"),
        ("cli", None, None, None, "--cmd"),
        ("http", None, None, None, "--url"),
        ("http", "http://a", "python app.py", None, "not both"),
        ("http", "127.0.0.1:8080", None, None, "http://"),
        ("cli", None, "echo", 5, "between 1 and 1"),
    ],
)
def test_it_says_what_is_wrong_with_the_way_it_was_asked(kind, url, cmd, upto, complaint):
    suite = Suite(slug="s", kind=kind, title="S", subject=("practice", "practice-1"))
    suite.stage("one", "One")(lambda ctx: None)

    with pytest.raises(CheckUsageError, match=complaint):
        run_check(suite, url=url, cmd=cmd, upto=upto)


def test_two_stages_cannot_share_a_slug():
    suite = Suite(slug="s", kind="cli", title="S", subject=("practice", "practice-1"))
    suite.stage("one", "One")(lambda ctx: None)

    with pytest.raises(ValueError, match="two stages"):
        suite.stage("one", "Again")


def test_check_failed_keeps_what_a_learner_needs():
    failure = CheckFailed("m", request="GET /", expected="404", actual="200", hint="h")

    assert (failure.message, failure.request, failure.expected, failure.actual, failure.hint) == (
        "m",
        "GET /",
        "404",
        "200",
        "h",
    )


def _alive(pid: int) -> bool:
    """Whether the process still runs, allowing a killed one a moment to finish dying (a
    grandchild is reaped by init, not by us, so it may linger briefly as a zombie)."""
    deadline = time.monotonic() + 15  # generous: a busy machine reaps slowly
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status")
        try:
            state = next(
                line for line in status.read_text().splitlines() if line.startswith("State")
            )
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            return False
        if "zombie" in state:
            return False
        time.sleep(0.05)
    return True


def test_a_failure_shows_the_query_of_the_request():
    suite = Suite(slug="svc", kind="http", title="Service", subject=("project", "x"))

    @suite.stage("asks", "Asks")
    def asks(ctx):
        ctx.http.get("/posts", params={"q": "кот", "page": 2})

    result = run_check(suite, url="http://127.0.0.1:9", seed=1)

    assert result.tests[0].request == "GET http://127.0.0.1:9/posts?q=%D0%BA%D0%BE%D1%82&page=2"


def test_a_query_written_into_the_path_shows_too():
    suite = Suite(slug="svc", kind="http", title="Service", subject=("project", "x"))

    @suite.stage("asks", "Asks")
    def asks(ctx):
        ctx.http.get("/posts?page=0")

    result = run_check(suite, url="http://127.0.0.1:9", seed=1)

    assert result.tests[0].request == "GET http://127.0.0.1:9/posts?page=0"


def test_a_passing_stage_keeps_its_note():
    suite = Suite(slug="n", kind="cli", title="Notes", subject=("practice", "practice-1"))

    @suite.stage("measures", "Measures")
    def measures(ctx):
        ctx.note("1234 requests/s")

    @suite.stage("quiet", "Quiet")
    def quiet(ctx):
        pass

    result = run_check(suite, cmd="true", seed=1)

    assert [(t.status, t.message) for t in result.tests] == [
        ("pass", "1234 requests/s"),
        ("pass", None),
    ]


def test_captured_output_says_which_stream_said_what():
    suite = Suite(slug="o", kind="cli", title="Out", subject=("practice", "practice-1"))

    @suite.stage("talks", "Talks")
    def talks(ctx):
        ctx.run([])
        raise CheckFailed("look at the output")

    program = "import sys; print('to out'); print('\\x1b[31mto err\\x1b[0m', file=sys.stderr)"
    result = run_check(suite, cmd=f"{PYTHON} -c {shlex.quote(program)}", seed=1)

    output = result.tests[0].output
    assert output.endswith("(exit 0)\n[stdout]\nto out\n[stderr]\nto err")
    assert "\x1b[31m" not in output


def test_long_output_keeps_its_end_from_a_whole_line():
    from skillpath.checks.process import cut

    text = "".join(f"line {n}\n" for n in range(2000))

    kept = cut(text, 100)

    assert kept.startswith("…\nline ") and kept.endswith("line 1999\n")
    assert len(kept) <= 102


# A service that needs a moment on SIGTERM to save its state (as a learner's is told to).
SAVER = """
import os, signal, sys, time
from http.server import HTTPServer, SimpleHTTPRequestHandler
def save(*_):
    time.sleep(0.3)
    open(os.path.join(os.environ["DATA_DIR"], "saved"), "w").write("yes")
    sys.exit(0)
signal.signal(signal.SIGTERM, save)
HTTPServer(("127.0.0.1", int(os.environ["PORT"])), SimpleHTTPRequestHandler).serve_forever()
"""


def test_a_stopped_service_has_time_to_save_its_state(tmp_path):
    suite = Suite(slug="svc", kind="http", title="Service", subject=("project", "x"))
    seen = {}

    @suite.stage("restarts", "Restarts")
    def restarts(ctx):
        ctx.restart()
        seen["saved"] = (ctx.service.data_dir / "saved").exists()

    # Through the shell, as every --cmd is: the shell dies at once, its child must not.
    result = run_check(suite, cmd=f"{PYTHON} -c {shlex.quote(SAVER)}", cwd=tmp_path, seed=1)

    assert result.is_complete_pass, result.as_dict()
    assert seen["saved"]


def test_a_body_nested_too_deep_is_not_json_to_the_checker():
    import httpx

    from skillpath.checks.expect import describe_response, expect_json

    deep = httpx.Response(200, content=b"[" * 100_000 + b"]" * 100_000)

    with pytest.raises(CheckFailed, match="nested too deep"):
        expect_json(deep)
    assert describe_response(deep).startswith("status 200, body: [[[")


def test_a_program_that_prints_without_end_is_stopped():
    suite = Suite(slug="loud", kind="cli", title="Loud", subject=("practice", "practice-1"))

    @suite.stage("prints", "Prints", timeout=30)
    def prints(ctx):
        ctx.run([])

    program = "import sys\nwhile True: sys.stdout.write('x' * 65536)"
    result = run_check(suite, cmd=f"{PYTHON} -c {shlex.quote(program)}", seed=1)

    # The message, not the time taken, shows it was the cap that stopped it (the stage's
    # own time limit says "did not finish").
    assert result.tests[0].status == "fail"
    assert "printed more than 16 MB" in result.tests[0].message


def test_input_and_output_flow_at_once():
    suite = Suite(slug="cat", kind="cli", title="Cat", subject=("practice", "practice-1"))
    data = "строка\n" * 400_000  # far more than a pipe holds, both ways
    seen = {}

    @suite.stage("echoes", "Echoes")
    def echoes(ctx):
        seen["done"] = ctx.run([], input=data)

    run_check(suite, cmd="cat", seed=1)

    assert seen["done"].stdout == data
    assert seen["done"].stdout_bytes == data.encode()


def test_a_run_is_shown_with_the_variables_the_stage_set_so_that_it_replays():
    suite = Suite(slug="enc", kind="cli", title="Encoding", subject=("practice", "practice-1"))

    @suite.stage("encoding", "Encoding")
    def encoding(ctx):
        ctx.run([], env={"PYTHONIOENCODING": "cp1251"})
        raise CheckFailed("look at the encoding")

    program = "import sys; print(sys.stdout.encoding)"
    result = run_check(suite, cmd=f"{PYTHON} -c {shlex.quote(program)}", seed=1)

    request = result.tests[0].request
    assert request is not None and request.startswith("$ PYTHONIOENCODING=cp1251 ")
    assert result.tests[0].output.startswith("$ PYTHONIOENCODING=cp1251 ")
    replayed = subprocess.run(request[2:], shell=True, capture_output=True, text=True, check=True)
    assert replayed.stdout.strip() == "cp1251"


def test_a_run_a_failure_shows_whole_is_not_repeated_in_the_output():
    from skillpath.checks.suites.text_cli.runs import run_program

    suite = Suite(slug="once", kind="cli", title="Once", subject=("practice", "practice-1"))

    @suite.stage("once", "Once")
    def once(ctx):
        run_program(ctx, ["first"])  # fine, and shown in the output
        run_program(ctx, ["second"]).expect_success()

    program = "import sys; print('printed', sys.argv[1]); sys.exit(sys.argv[1] == 'second')"
    result = run_check(suite, cmd=f"{PYTHON} -c {shlex.quote(program)}", seed=1)

    failed = result.tests[0]
    assert failed.status == "fail" and "printed second" in (failed.actual or "")
    assert "printed first" in failed.output and "printed second" not in failed.output
