"""Every suite is proven: its reference solution passes every stage, and each broken
variant fails exactly the stage its check.yaml names, with a message naming the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillpath.checks.proof import Case, load_cases, run_case
from skillpath.checks.suites import all_suites, suite_by_slug

# A fixed seed: a failure here replays with `skillpath check SLUG --seed 20261127`.
SEED = 20261127
CASES = load_cases()


def params(cases: list[Case]) -> list:
    """Cases that reach a stage measuring speed are marked `speed`: `make test` runs them
    after the rest, one at a time, so that the rest of the suite does not slow them down."""
    return [
        pytest.param(
            case, id=str(case), marks=[pytest.mark.speed] if case.reaches_speed_stage else []
        )
        for case in cases
    ]


def test_every_suite_is_proven_by_a_reference_and_three_broken_variants():
    proven = {case.suite for case in CASES if case.is_reference}
    assert proven == {suite.slug for suite in all_suites()}
    for slug in proven:
        variants = [case for case in CASES if case.suite == slug and not case.is_reference]
        assert len(variants) >= 3, slug


@pytest.mark.parametrize("case", params([c for c in CASES if c.is_reference]))
def test_the_reference_passes_every_stage(case: Case):
    result = run_case(case, seed=SEED)
    failed = result.failed_stage
    assert result.is_complete_pass, (
        f"{failed.slug}: {failed.message}\n{failed.expected}\n{failed.actual}\n{failed.output}"
        if failed
        else [t.status for t in result.tests]
    )


@pytest.mark.parametrize("case", params([c for c in CASES if not c.is_reference]))
def test_a_broken_variant_fails_its_stage(case: Case):
    suite = suite_by_slug(case.suite)
    assert suite is not None
    assert case.fails in [stage.slug for stage in suite.stages], "check.yaml names no such stage"
    result = run_case(case, seed=SEED)
    failed = result.failed_stage
    assert result.status == "fail", [(t.slug, t.status, t.message) for t in result.tests]
    assert failed is not None and failed.slug == case.fails, (failed.slug, failed.message)
    shown = " ".join(filter(None, (failed.message, failed.expected, failed.actual, failed.hint)))
    assert case.message.lower() in shown.lower(), shown
    # Its words are kept in Russian too, so the run's page reads in either language.
    russian = failed.translations.get("ru", {})
    assert [
        name for name in ("message", "hint") if getattr(failed, name) and name not in russian
    ] == []
    # Every stage before the failing one passed: the variant breaks one thing only.
    before = result.tests[: result.tests.index(failed)]
    assert all(stage.status in ("pass", "skip") for stage in before)


def test_every_suite_has_its_spec_in_both_languages_and_an_interface():
    for suite in all_suites():
        for language in ("ru", "en"):
            assert suite.spec_path(language).is_file(), (suite.slug, language)
        assert suite.interface_path() is not None, suite.slug
        assert Path(suite.folder / "reference").is_dir(), suite.slug
