"""The KPI bench still measures what it says: a repository of 60 commits, scanned in the
test database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.assessment.repos import have_git
from tests.conftest import need

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import kpi  # noqa: E402  (bench/kpi.py)


@pytest.mark.django_db
def test_the_kpi_bench_counts_its_generated_history_by_the_rules(tmp_path):
    need(have_git(), "the git binary is not installed")

    figures = kpi.measure(tmp_path / "repository", 60)

    assert figures["totals"] == kpi.expected_totals(60)
    assert figures["full_scan"]["counted"] == 48
    assert figures["full_scan"]["commits_per_s"] > 0
    assert figures["rescan_nothing_new"]["counted"] == 0
    found = kpi.targets(figures)
    assert found["kpi_totals_follow_the_rules"]["met"] is True
    assert isinstance(found["kpi_rescan_nothing_new_under_1_s"]["met"], bool)
