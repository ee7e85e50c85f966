"""What a stage works with: the learner's service or program, a seeded random source,
a temporary directory, fixture servers — and a record of what was sent, for messages."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shlex
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import httpx

from skillpath.checks.expect import CheckFailed, StageSkipped, decimal, shorten
from skillpath.checks.fixtures import FixtureServer
from skillpath.checks.i18n import gettext as _
from skillpath.checks.process import (
    Service,
    ServiceNotListening,
    kill_tree,
)

# More output than this from one stream of a program stops it: a check never needs it.
OUTPUT_CAP_BYTES = 16 * 2**20

# Words for generated data: Latin and Cyrillic, so every suite exercises Unicode.
WORDS = tuple(
    " ".join(
        (
            "apple river stone cloud garden window silver forest candle engine",
            "yellow planet bridge winter letter market rocket pencil island coffee",
            "яблоко река камень облако сад окно серебро лес свеча двигатель",
            "жёлтый планета мост зима письмо рынок ракета карандаш остров кофе",
        )
    ).split()
)


@dataclass
class Completed:
    """A finished run of the learner's command-line program."""

    # As a learner would type it to run it again: the stage's variables, then the command.
    command: str
    returncode: int
    stdout: str
    stderr: str
    duration: float
    # The bytes as printed, for checks of the encoding itself.
    stdout_bytes: bytes = b""
    stderr_bytes: bytes = b""
    # A failure's message showed both streams whole, so the stage's output leaves it out.
    is_shown: bool = False


class _Drain(threading.Thread):
    """Reads one output stream of a program as it is printed (so the program never blocks
    on a full pipe), keeping at most OUTPUT_CAP_BYTES: past that it stops the program."""

    def __init__(self, stream: IO[bytes], running: Running) -> None:
        super().__init__(daemon=True)
        self._stream = stream
        self._running = running
        self.data = bytearray()

    def run(self) -> None:
        fd = self._stream.fileno()
        while chunk := os.read(fd, 65536):
            if len(self.data) + len(chunk) > OUTPUT_CAP_BYTES:
                self._running.overflowed = True
                kill_tree(self._running.process, grace=0)
                continue  # read to the end, keep nothing more
            self.data += chunk
        self._stream.close()


class Running:
    """The learner's program, started and not yet waited for (`ctx.start`)."""

    def __init__(
        self, context: Context, command: str, process: subprocess.Popen, data: bytes | None
    ):
        self._context = context
        self.command = command
        self.process = process
        self.overflowed = False
        self._started = time.monotonic()
        assert process.stdout is not None and process.stderr is not None
        self._out, self._err = _Drain(process.stdout, self), _Drain(process.stderr, self)
        self._out.start()
        self._err.start()
        if data is not None and process.stdin is not None:
            threading.Thread(target=_feed, args=(process.stdin, data), daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait(self, timeout: float | None = None) -> Completed:
        limit = self._context.time_left() if timeout is None else timeout
        try:
            self.process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            kill_tree(self.process, grace=0.5)
            raise CheckFailed(
                _("the program did not finish within %(seconds)s s")
                % {"seconds": decimal(limit, 1)},
                request=f"$ {self.command}",
                hint=_("Is it waiting for input, or stuck in a loop?"),
            ) from None
        for drain in (self._out, self._err):
            drain.join(timeout=5)  # a child left behind may hold the pipe open
        if self.overflowed:
            raise CheckFailed(
                _("the program printed more than %(megabytes)s MB, so the check stopped it")
                % {"megabytes": OUTPUT_CAP_BYTES // 2**20},
                request=f"$ {self.command}",
                hint=_("Does it print in a loop that never ends?"),
            )
        out, err = bytes(self._out.data), bytes(self._err.data)
        done = Completed(
            command=self.command,
            returncode=self.process.returncode,
            stdout=out.decode("utf-8", errors="replace"),
            stderr=err.decode("utf-8", errors="replace"),
            duration=time.monotonic() - self._started,
            stdout_bytes=out,
            stderr_bytes=err,
        )
        self._context.note_run(done)
        return done


def _feed(stdin: IO[bytes], data: bytes) -> None:
    """Write the program's standard input and close it (it may stop reading early)."""
    with contextlib.suppress(BrokenPipeError, OSError):
        stdin.write(data)
    with contextlib.suppress(BrokenPipeError, OSError):
        stdin.close()


class HttpClient:
    """An HTTP client bound to the learner's base URL; it refuses any other host."""

    def __init__(self, context: Context, base_url: str, timeout: float = 5.0) -> None:
        self._context = context
        self.base_url = base_url.rstrip("/")
        self._origin = urlsplit(self.base_url)[:2]
        self._client = httpx.Client(
            base_url=self.base_url, follow_redirects=False, timeout=timeout, trust_env=False
        )

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        url = path if "://" in path else self.base_url + "/" + path.lstrip("/")
        if urlsplit(url)[:2] != self._origin:
            # Safety: a check only ever talks to the learner's own service.
            raise RuntimeError(f"refusing to send a request outside {self.base_url}: {url}")
        # The query goes into the URL shown, so a message shows exactly what was asked.
        # (httpx.URL drops a query already in the URL when given params=None.)
        params = kwargs.get("params")
        shown = f"{method} {httpx.URL(url, params=params) if params else httpx.URL(url)}"
        shown += _shown_body(kwargs)
        self._context.last_request = shown
        kwargs.setdefault("timeout", max(0.5, min(5.0, self._context.time_left())))
        try:
            return self._client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise CheckFailed(
                _("no answer within %(seconds)s s") % {"seconds": decimal(kwargs["timeout"], 1)},
                request=shown,
                hint=_("Is the service stuck? Its output below may tell."),
            ) from None
        except httpx.TransportError as error:
            raise CheckFailed(
                _("could not reach the service at %(url)s") % {"url": self.base_url},
                request=shown,
                actual=str(error) or type(error).__name__,
                hint=_("Is it running and listening on that address and port?"),
            ) from None

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    def close(self) -> None:
        self._client.close()


def _shown_body(kwargs: dict[str, Any]) -> str:
    """The body of a request as a message shows it, on a line of its own."""
    if kwargs.get("json") is not None:
        return "\n" + shorten(json.dumps(kwargs["json"], ensure_ascii=False))
    content = kwargs.get("content")
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    return "\n" + shorten(content) if isinstance(content, str) else ""


@dataclass
class Context:
    """Everything a stage may use; one per run, shared by its stages (see docs/checks.md)."""

    seed: int
    tmp: Path
    lang: str
    cmd: str | None = None
    cwd: Path = field(default_factory=Path.cwd)
    service: Service | None = None
    base_url: str | None = None
    state: dict[str, Any] = field(default_factory=dict)
    last_request: str | None = None
    deadline: float = 0.0
    # What a passing stage has to say (figures of a load test, say), kept as its message.
    stage_note: str | None = None
    # Why the service did not start, reported as the first stage's failure.
    start_failure: CheckFailed | None = None
    _http: HttpClient | None = None
    _running: list[subprocess.Popen] = field(default_factory=list)
    _servers: list[FixtureServer] = field(default_factory=list)
    _runs: list[Completed] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)

    # --- data -----------------------------------------------------------------
    def words(self, count: int) -> str:
        return " ".join(self.random.choice(WORDS) for _ in range(count))

    def note(self, message: str) -> None:
        """Keep `message` with the stage's result even when it passes."""
        self.stage_note = message if isinstance(message, str) else str(message)

    def time_left(self) -> float:
        return max(0.1, self.deadline - time.monotonic())

    # --- an HTTP service ------------------------------------------------------
    @property
    def http(self) -> HttpClient:
        if self.base_url is None:
            raise RuntimeError("this suite's target is a program, not a service")
        if self._http is None:
            self._http = HttpClient(self, self.base_url)
        return self._http

    def restart(self) -> None:
        """Stop the learner's service and start it again (only when we started it)."""
        if self.service is None:
            raise StageSkipped(_("this stage restarts your service, so it runs only with --cmd"))
        self.service.stop()
        try:
            self.service.start()
        except ServiceNotListening as failure:
            raise not_listening(failure, self.service.port) from None

    # --- a command-line program ---------------------------------------------
    def start(
        self,
        args: list[str],
        *,
        input: str | bytes | None = None,
        stdin: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> Running:
        if self.cmd is None:
            raise RuntimeError("this suite needs --cmd")
        command = " ".join([self.cmd, *(shlex.quote(str(arg)) for arg in args)])
        # Shown with the variables the stage set, so that running it again reproduces the
        # run (PYTHONIOENCODING=cp1251 ... behaves differently from ... alone).
        shown = " ".join(
            [*(f"{name}={shlex.quote(value)}" for name, value in (env or {}).items()), command]
        )
        self.last_request = f"$ {shown}"
        data = input.encode() if isinstance(input, str) else input
        source = stdin.open("rb") if stdin is not None else None
        try:
            process = subprocess.Popen(  # the learner's own command line
                command,
                shell=True,
                cwd=self.cwd,
                env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
                stdin=source or (subprocess.PIPE if data is not None else subprocess.DEVNULL),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        finally:
            if source is not None:
                source.close()
        self._running.append(process)
        return Running(self, shown, process, data)

    def run(
        self,
        args: list[str],
        *,
        input: str | bytes | None = None,
        stdin: Path | None = None,
        env: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Completed:
        return self.start(args, input=input, stdin=stdin, env=env).wait(timeout)

    def note_run(self, done: Completed) -> None:
        self._runs.append(done)

    # --- fixtures -------------------------------------------------------------
    def serve(self, handler_class: type[BaseHTTPRequestHandler]) -> FixtureServer:
        server = FixtureServer(handler_class).start()
        self._servers.append(server)
        return server

    # --- the runner's side ----------------------------------------------------
    def take_output(self) -> str:
        """What the learner's programs printed since the last call, each run marked with its
        command and exit status (the runner keeps only the end of it); a run whose output a
        failure already shows whole is left out, so that it is not printed twice."""
        parts = []
        for done in self._runs:
            if done.is_shown:
                continue
            parts.append(f"$ {done.command}  (exit {done.returncode})")
            # Which stream said what matters: help belongs on stdout, errors on stderr.
            for name, text in (("stdout", done.stdout), ("stderr", done.stderr)):
                if text:
                    parts.append(f"[{name}]\n{text.rstrip()}")
        self._runs.clear()
        return "\n".join(parts)

    def close(self) -> None:
        """Stop everything this run started."""
        if self._http is not None:
            self._http.close()
        for process in self._running:
            kill_tree(process, grace=0.5)
        for server in self._servers:
            server.stop()
        self._running.clear()
        self._servers.clear()
        if self.service is not None:
            self.service.stop()


def not_listening(failure: ServiceNotListening, port: int) -> CheckFailed:
    """The failure for a service that exited or never listened on its port."""
    if failure.reason == "exited":
        message = _("your program exited before it listened on port %(port)s") % {"port": port}
        hint = _(
            "Its output (under actual) says why it stopped: a missing module, a syntax "
            "error, a wrong path in --cmd… Run the command yourself to see it start."
        )
    else:
        message = _("your program did not listen on port %(port)s within 15 s") % {"port": port}
        hint = _("Read the port from the PORT environment variable and listen on 127.0.0.1.")
    return CheckFailed(
        message,
        expected=_("a service listening on 127.0.0.1 at the port in the PORT variable"),
        actual=failure.output.strip() or _("(no output)"),
        hint=hint,
    )
