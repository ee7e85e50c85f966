"""Every suite is proven: its reference solution passes every stage, and each broken
variant fails exactly the stage its check.yaml names, with a message naming the problem."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from skillpath.checks.runner import run_check
from skillpath.checks.suite import PROJECTS_DIR
from skillpath.checks.suites import all_suites, suite_by_slug

# Slow stages (load, large input) share two cores with the rest of the parallel suite.
SEED = 20261127


@dataclass(frozen=True)
class Case:
    suite: str
    cmd: str
    fails: str | None  # None: the reference, which passes everything
    message: str = ""

    def __str__(self) -> str:
        return f"{self.suite}:{self.cmd.split('/')[-1].split()[0]}"


def cases() -> list[Case]:
    found = []
    for folder in sorted(PROJECTS_DIR.glob("*/check.yaml")):
        spec = yaml.safe_load(folder.read_text(encoding="utf-8"))
        found.append(Case(spec["suite"], spec["reference"], None))
        found += [
            Case(spec["suite"], v["cmd"], v["fails"], str(v["message"])) for v in spec["variants"]
        ]
    return found


def run(case: Case):  # type: ignore[no-untyped-def]
    suite = suite_by_slug(case.suite)
    assert suite is not None, f"check.yaml names a suite that does not exist: {case.suite}"
    command = case.cmd.replace("{python}", sys.executable)
    return run_check(suite, cmd=command, cwd=suite.folder, seed=SEED)


def test_every_suite_is_proven_by_a_reference_and_three_broken_variants():
    proven = {case.suite for case in cases() if case.fails is None}
    assert proven == {suite.slug for suite in all_suites()}
    for slug in proven:
        variants = [case for case in cases() if case.suite == slug and case.fails]
        assert len(variants) >= 3, slug


@pytest.mark.parametrize("case", [c for c in cases() if c.fails is None], ids=str)
def test_the_reference_passes_every_stage(case: Case):
    result = run(case)
    failed = result.failed_stage
    assert result.is_complete_pass, (
        f"{failed.slug}: {failed.message}\n{failed.expected}\n{failed.actual}\n{failed.output}"
        if failed
        else [t.status for t in result.tests]
    )


@pytest.mark.parametrize("case", [c for c in cases() if c.fails], ids=str)
def test_a_broken_variant_fails_its_stage(case: Case):
    suite = suite_by_slug(case.suite)
    assert suite is not None
    assert case.fails in [stage.slug for stage in suite.stages], "check.yaml names no such stage"
    result = run(case)
    failed = result.failed_stage
    assert result.status == "fail", [(t.slug, t.status, t.message) for t in result.tests]
    assert failed is not None and failed.slug == case.fails, (failed.slug, failed.message)
    shown = " ".join(filter(None, (failed.message, failed.expected, failed.actual, failed.hint)))
    assert case.message.lower() in shown.lower(), shown
    # Every stage before the failing one passed: the variant breaks one thing only.
    before = result.tests[: result.tests.index(failed)]
    assert all(stage.status in ("pass", "skip") for stage in before)


def test_every_suite_has_its_spec_in_both_languages_and_an_interface():
    for suite in all_suites():
        for language in ("ru", "en"):
            assert suite.spec_path(language).is_file(), (suite.slug, language)
        assert suite.interface_path() is not None, suite.slug
        assert Path(suite.folder / "reference").is_dir(), suite.slug
