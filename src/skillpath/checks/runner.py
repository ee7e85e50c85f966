"""Running a suite: set up the target, run the stages in order with their time limits,
stop at the first failure, clean up everything — and build the result document."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from django.utils import translation

from skillpath.checks.context import Context, not_listening
from skillpath.checks.expect import CheckFailed, StageSkipped
from skillpath.checks.i18n import gettext as _
from skillpath.checks.i18n import texts_by_language
from skillpath.checks.process import (
    OUTPUT_LIMIT_BYTES,
    Service,
    ServiceNotListening,
    cut,
    free_port,
)
from skillpath.checks.results import TRANSLATED_FIELDS, CheckResult, StageResult
from skillpath.checks.suite import Stage, Suite
from skillpath.core.errors import DomainError

StageCallback = Callable[[StageResult], None]
SPEED_STAGE_OUTPUT_CHARS = 1024


class CheckUsageError(DomainError):
    """The check was asked for in a way that cannot work (exit status 2)."""


def check_target(suite: Suite, *, url: str | None, cmd: str | None) -> None:
    """Refuse a target the suite cannot use, saying what to give instead."""
    if suite.kind == "cli":
        if url:
            raise CheckUsageError(
                _("'%(suite)s' checks a command-line program: give --cmd, not --url")
                % {"suite": suite.slug}
            )
        if not cmd:
            raise CheckUsageError(
                _("'%(suite)s' needs the command that runs your program: --cmd \"python app.py\"")
                % {"suite": suite.slug}
            )
        return
    if bool(url) == bool(cmd):
        raise CheckUsageError(
            _("give either --url of your running service or --cmd to start it, not both")
            if url
            else _("give --url of your running service, or --cmd to let the checker start it")
        )
    if url and not url.startswith(("http://", "https://")):
        raise CheckUsageError(
            _("--url must start with http:// or https://, like http://127.0.0.1:8080")
        )


def check_request(suite: Suite, *, url: str | None, cmd: str | None, upto: int | None) -> None:
    """Refuse a run that cannot work (a wrong target, --stage out of range), before it starts."""
    check_target(suite, url=url, cmd=cmd)
    if upto is not None and not 1 <= upto <= len(suite.stages):
        raise CheckUsageError(
            _("--stage must be between 1 and %(count)s") % {"count": len(suite.stages)}
        )


def new_seed() -> int:
    """A seed for a run that was not given one (printed, so the run can be replayed)."""
    return secrets.randbelow(1_000_000)


def run_check(
    suite: Suite,
    *,
    url: str | None = None,
    cmd: str | None = None,
    cwd: Path | None = None,
    upto: int | None = None,
    seed: int | None = None,
    lang: str = "en",
    on_stage: StageCallback | None = None,
) -> CheckResult:
    """Run the suite's stages 1..`upto` (all by default) against the target; starts and
    stops the learner's service or program and removes its temporary files."""
    check_request(suite, url=url, cmd=cmd, upto=upto)
    seed = new_seed() if seed is None else seed
    result = CheckResult(
        suite=suite.slug,
        seed=seed,
        target={"url": url, "cmd": cmd},
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        stages_total=len(suite.stages),
        language=lang,
    )
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="skillpath-check-"))
    context = Context(seed=seed, tmp=tmp, lang=lang, cwd=cwd or Path.cwd(), base_url=url)
    try:
        with translation.override(lang):
            if suite.kind == "cli":
                context.cmd = cmd
            elif cmd:
                _start_service(context, cmd)
            _run_stages(suite, context, result, upto or len(suite.stages), on_stage)
    finally:
        context.close()
        shutil.rmtree(tmp, ignore_errors=True)
        result.duration = round(time.monotonic() - started, 3)
    return result


def _start_service(context: Context, cmd: str) -> None:
    data_dir = context.tmp / "data"
    data_dir.mkdir()
    service = Service(cmd, free_port(), context.cwd, data_dir, context.tmp / "service.log")
    context.service = service
    context.base_url = f"http://127.0.0.1:{service.port}"
    try:
        service.start()
    except ServiceNotListening as failure:
        context.start_failure = not_listening(failure, service.port)


def _run_stages(
    suite: Suite,
    context: Context,
    result: CheckResult,
    upto: int,
    on_stage: StageCallback | None,
) -> None:
    stopped = False
    for number, stage in enumerate(suite.stages, start=1):
        if stopped or number > upto:
            outcome = StageResult(stage.slug, str(stage.title), "skip")
        else:
            outcome = _run_stage(stage, context)
            stopped = outcome.status in ("fail", "error")
        result.tests.append(outcome)
        if on_stage is not None:
            on_stage(outcome)


def _run_stage(stage: Stage, context: Context) -> StageResult:
    outcome = StageResult(stage.slug, str(stage.title), "pass")
    context.last_request = context.stage_note = None
    log_start = _log_size(context)
    started = time.monotonic()
    context.deadline = started + stage.timeout
    failure: list[BaseException] = []
    language = translation.get_language()

    def body() -> None:
        # The stage thread speaks the learner's language too (translations are per thread).
        with translation.override(language):
            try:
                if context.start_failure is not None:
                    failure_to_start, context.start_failure = context.start_failure, None
                    raise failure_to_start
                stage.run(context)
            except BaseException as error:  # reported below, whatever it is
                failure.append(error)

    worker = threading.Thread(target=body, name=f"stage-{stage.slug}", daemon=True)
    worker.start()
    # Short joins, not one long one: the kernel may hand Ctrl-C (SIGINT) to any thread,
    # and Python raises KeyboardInterrupt in the main thread only when it next runs
    # bytecode — a single long join would make the learner wait out the whole stage.
    while worker.is_alive() and time.monotonic() < context.deadline:
        worker.join(min(0.1, max(0.0, context.deadline - time.monotonic())))
    outcome.duration = round(time.monotonic() - started, 3)
    if worker.is_alive():
        outcome.status = "fail"
        outcome.message = _("the stage did not finish within %(seconds)s s") % {
            "seconds": f"{stage.timeout:g}"
        }
        outcome.request = context.last_request
        outcome.hint = _("Your program may be stuck or too slow; its output below may tell.")
        # Stopping the program ends the requests or runs the stage is waiting for.
        context.close()
    elif failure:
        _describe(outcome, failure[0], context)
    else:
        outcome.message = context.stage_note
    # Under load a service logs thousands of requests; the last lines are what matters.
    limit = SPEED_STAGE_OUTPUT_CHARS if stage.measures_speed else OUTPUT_LIMIT_BYTES
    outcome.output = _stage_output(context, log_start, limit)
    _keep_translations(outcome)
    return outcome


def _keep_translations(outcome: StageResult) -> None:
    """Keep what the stage said in every other language too, as plain data, so that the
    run reads in its reader's language (checks.i18n)."""
    words = {name: getattr(outcome, name) for name in TRANSLATED_FIELDS}
    outcome.translations = texts_by_language(words, translation.get_language() or "en")
    for name, value in words.items():
        setattr(outcome, name, None if value is None else str(value))


def _describe(outcome: StageResult, error: BaseException, context: Context) -> None:
    if isinstance(error, CheckFailed):
        outcome.status = "fail"
        outcome.message = error.message
        outcome.request = error.request or context.last_request
        outcome.expected, outcome.actual, outcome.hint = error.expected, error.actual, error.hint
    elif isinstance(error, StageSkipped):
        outcome.status = "skip"
        outcome.message = error.args[0] if error.args else str(error)
    else:
        # A bug of the checker: it must never count against the learner.
        outcome.status = "error"
        outcome.message = _("the checker itself failed: %(error)s") % {
            "error": f"{type(error).__name__}: {error}"
        }
        outcome.actual = cut("".join(traceback.format_exception(error)))


def _log_size(context: Context) -> int:
    if context.service is None:
        return 0
    try:
        return context.service.log_path.stat().st_size
    except OSError:
        return 0


def _stage_output(context: Context, log_start: int, limit: int) -> str:
    """The end of what the learner's program printed during the stage (its service log or
    its runs), at most `limit` characters; only that end of the log is read."""
    if context.service is None:
        return cut(context.take_output(), limit)
    try:
        with context.service.log_path.open("rb") as log:
            # 4 bytes a character at most in UTF-8: enough bytes for `limit` characters.
            log.seek(max(log_start, log.seek(0, os.SEEK_END) - 4 * limit))
            return cut(log.read().decode("utf-8", errors="replace"), limit)
    except OSError:
        return ""
