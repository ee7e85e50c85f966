"""The proof that a suite is honest: its reference passes, its broken variants fail the
stage they name (content/projects/<slug>/check.yaml). The tests use it, and so does
`make check-flaky`, which runs every reference many times and reports any run that differs:

    python -m skillpath.checks.proof --repeat 20 [--suite url-shortener]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from skillpath.checks.results import CheckResult
from skillpath.checks.suite import PROJECTS_DIR


@dataclass(frozen=True)
class Case:
    """The reference (`fails` is None) or a broken variant of one suite."""

    suite: str
    cmd: str
    fails: str | None = None
    message: str = ""
    why: str = ""

    def __str__(self) -> str:
        program = self.cmd.split()[1] if " " in self.cmd else self.cmd
        return f"{self.suite}:{Path(program).stem}"

    @property
    def is_reference(self) -> bool:
        return self.fails is None

    @property
    def reaches_speed_stage(self) -> bool:
        """Whether its run gets to a stage that measures speed (the reference runs every
        stage; a variant runs up to the one it fails)."""
        from skillpath.checks.suites import suite_by_slug

        suite = suite_by_slug(self.suite)
        if suite is None:
            return False
        last = len(suite.stages) if self.fails is None else self._stage_number(suite)
        return any(stage.measures_speed for stage in suite.stages[:last])

    def _stage_number(self, suite) -> int:  # type: ignore[no-untyped-def]
        slugs = [stage.slug for stage in suite.stages]
        return slugs.index(self.fails) + 1 if self.fails in slugs else len(slugs)


def load_cases(projects_dir: Path = PROJECTS_DIR) -> list[Case]:
    """Every reference and variant named by the check.yaml files, suite by suite."""
    cases = []
    for path in sorted(projects_dir.glob("*/check.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases.append(Case(spec["suite"], spec["reference"]))
        cases += [
            Case(spec["suite"], v["cmd"], v["fails"], str(v["message"]), v.get("why", ""))
            for v in spec["variants"]
        ]
    return cases


def run_case(case: Case, *, seed: int) -> CheckResult:
    """Run the suite against the case's program, started from the suite's folder."""
    from skillpath.checks.runner import run_check
    from skillpath.checks.suites import suite_by_slug

    suite = suite_by_slug(case.suite)
    if suite is None:
        raise LookupError(f"check.yaml names a suite that does not exist: {case.suite}")
    command = case.cmd.replace("{python}", sys.executable)
    return run_check(suite, cmd=command, cwd=suite.folder, seed=seed)


@contextmanager
def serving_reference(slug: str) -> Iterator[str]:
    """The HTTP suite's reference solution started as a check starts a service (a free
    port, a throwaway DATA_DIR), listening; yields its base URL and stops it afterwards."""
    from skillpath.checks.process import Service, free_port

    reference = next(case for case in load_cases() if case.suite == slug and case.is_reference)
    with tempfile.TemporaryDirectory(prefix=f"skillpath-{slug}-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        service = Service(
            command=reference.cmd.replace("{python}", sys.executable),
            port=free_port(),
            cwd=PROJECTS_DIR / slug,
            data_dir=data_dir,
            log_path=Path(tmp) / "service.log",
        )
        service.start()
        try:
            yield f"http://127.0.0.1:{service.port}"
        finally:
            service.stop()


def outcome(result: CheckResult) -> str:
    """'pass', or the first stage that did not pass with its status — what must not vary."""
    failed = result.failed_stage
    return "pass" if failed is None else f"{failed.status} at {failed.slug}: {failed.message}"


def repeat_references(*, repeat: int, only: str | None) -> dict[str, list[str]]:
    """Run each reference `repeat` times with different seeds; every outcome, per suite."""
    outcomes: dict[str, list[str]] = {}
    for case in load_cases():
        if not case.is_reference or (only and case.suite != only):
            continue
        for seed in range(1, repeat + 1):
            result = run_case(case, seed=seed)
            line = outcome(result)
            outcomes.setdefault(case.suite, []).append(f"seed {seed}: {line}")
            mark = "." if line == "pass" else "F"
            print(mark, end="", flush=True, file=sys.stderr)
        print(f" {case.suite}", file=sys.stderr)
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--suite", help="only this suite")
    options = parser.parse_args(argv)
    import django

    django.setup()
    outcomes = repeat_references(repeat=options.repeat, only=options.suite)
    flaky = {
        suite: [line for line in lines if not line.endswith(": pass")]
        for suite, lines in outcomes.items()
    }
    report = {
        "repeat": options.repeat,
        "suites": {suite: len(lines) for suite, lines in outcomes.items()},
        "differing": {suite: lines for suite, lines in flaky.items() if lines},
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 1 if report["differing"] else 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillpath.config.settings")
    raise SystemExit(main())
