"""The KPI mapping table and its arithmetic (assessment/kpi_sources.py), pure."""

from datetime import date

import pytest

from skillpath.assessment.kpi_sources import (
    SOURCES,
    Aggregate,
    Source,
    Target,
    cumulative_series,
    figure_of,
    month_starts,
    parse_target,
    progress_percent,
    source_for,
)


def test_the_seeds_kpis_map_to_their_sources():
    assert source_for("lines-of-code-written").source is Source.GIT
    assert source_for("documentation-pages-written").source is Source.GIT
    assert source_for("projects-completed").source is Source.CHECKS
    assert source_for("pull-requests-reviewed").source is Source.REVIEWS
    assert source_for("certification-achievements").source is Source.ENTERED
    assert source_for("interview-success-rate").aggregate is Aggregate.LATEST


def test_an_unknown_kpi_is_entered():
    assert "talks-given" not in SOURCES
    assert source_for("talks-given").is_entered
    assert source_for("talks-given").aggregate is Aggregate.SUM


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("50,000+", Target(50000, None)),
        ("12 major projects", Target(12, None)),
        ("3-5 professional certifications", Target(3, 5)),
        ("3–5x from the starting level", Target(3, 5)),
        ("80%+ for target positions", Target(80, None)),
        ("100+ professional connections", Target(100, None)),
        ("Active contributor", Target()),
        ("", Target()),
    ],
)
def test_a_target_states_its_range(text, target):
    assert parse_target(text) == target


def test_progress_is_towards_the_low_end_and_capped():
    assert progress_percent(1, Target(3, 5)) == 33
    assert progress_percent(7, Target(3, 5)) == 100
    assert progress_percent(0, Target(50000)) == 0
    assert progress_percent(4, Target()) is None


def test_months_run_from_the_start_to_today():
    assert month_starts(date(2026, 11, 20), date(2027, 2, 3)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert month_starts(date(2026, 5, 5), date(2026, 5, 5)) == [date(2026, 5, 1)]


def test_a_sum_accumulates_and_earlier_events_count_in_the_first_month():
    months = month_starts(date(2026, 1, 5), date(2026, 3, 1))
    events = [(date(2026, 2, 10), 2), (date(2025, 6, 1), 5), (date(2026, 2, 28), 1)]
    assert cumulative_series(events, months, Aggregate.SUM) == [5, 8, 8]
    assert figure_of(events, Aggregate.SUM) == 8


def test_latest_keeps_the_last_amount():
    months = month_starts(date(2026, 1, 5), date(2026, 3, 1))
    events = [(date(2026, 1, 10), 50), (date(2026, 3, 1), 75)]
    assert cumulative_series(events, months, Aggregate.LATEST) == [50, 50, 75]
    assert figure_of(events, Aggregate.LATEST) == 75
    assert figure_of([], Aggregate.LATEST) == 0
