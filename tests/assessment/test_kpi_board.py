"""Every KPI of the seed with its figure, target and series over real rows
(assessment/kpi_selectors.py, kpi_services.py)."""

from datetime import UTC, date, datetime

import pytest

from skillpath.assessment import kpi_selectors, kpi_services
from skillpath.assessment.models import CountedCommit
from skillpath.checks.suites import all_suites
from tests.checks.runs import record_run

TODAY = date(2026, 3, 15)


def _board(learner, curriculum):
    return kpi_selectors.kpi_board(
        learner=learner, curriculum=curriculum, start_on=date(2026, 1, 5), today=TODAY
    )


def _commit(learner, sha, at, lines, docs=0):
    CountedCommit.objects.create(
        learner=learner, sha=sha, authored_at=at, lines=lines, docs_pages=docs
    )


def _add(learner, curriculum, kpi, on, amount=1):
    return kpi_services.add_kpi_entry(
        learner=learner,
        curriculum=curriculum,
        kpi=kpi,
        title=f"{kpi} {on}",
        happened_on=on,
        today=TODAY,
        amount=amount,
    )


@pytest.fixture
def history(builtin, alice, charlie):
    _commit(alice, "a1", datetime(2025, 12, 1, tzinfo=UTC), 100, docs=1)
    _commit(alice, "a2", datetime(2026, 2, 3, tzinfo=UTC), 40)
    _commit(charlie, "c1", datetime(2026, 2, 3, tzinfo=UTC), 999)
    suite = all_suites()[0]
    record_run(alice, suite, failing=1)
    record_run(alice, suite)
    record_run(alice, suite)
    _add(alice, builtin, "certification-achievements", date(2026, 1, 20))
    _add(alice, builtin, "certification-achievements", date(2026, 3, 1), amount=2)
    _add(alice, builtin, "interview-success-rate", date(2026, 2, 1), amount=50)
    _add(alice, builtin, "interview-success-rate", date(2026, 3, 2), amount=75)
    _add(charlie, builtin, "certification-achievements", date(2026, 1, 20), amount=9)


def test_every_kpi_of_the_seed_against_its_target(history, builtin, alice):
    board = _board(alice, builtin)
    rows = {row.slug: row for row in board.kpis}
    assert len(rows) == 12
    assert board.months == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]

    lines = rows["lines-of-code-written"]
    assert (lines.source, lines.figure, lines.target.low) == ("git", 140, 50000)
    assert lines.series == [100, 140, 140]
    assert rows["documentation-pages-written"].figure == 1
    assert rows["github-contributions"].percent is None  # "Active contributor"

    projects = rows["projects-completed"]
    assert (projects.source, projects.figure, projects.target.low) == ("checks", 1, 12)
    assert projects.percent == 8

    reviews = rows["pull-requests-reviewed"]
    assert (reviews.source, reviews.figure, reviews.series) == ("reviews", 0, [0, 0, 0])

    certificates = rows["certification-achievements"]
    assert (certificates.target.low, certificates.target.high) == (3, 5)
    assert (certificates.figure, certificates.percent) == (3, 100)
    assert certificates.series == [1, 1, 3]
    assert [e.amount for e in certificates.entries] == [2, 1]  # newest first

    rate = rows["interview-success-rate"]
    assert (rate.figure, rate.series) == (75, [0, 50, 75])


def test_the_board_costs_four_queries_however_much_there_is(
    history, builtin, alice, django_assert_num_queries
):
    with django_assert_num_queries(5):
        _board(alice, builtin)
    for n in range(5):
        _commit(alice, f"b{n}", datetime(2026, 3, 1, tzinfo=UTC), 1)
        _add(alice, builtin, "network-growth", date(2026, 3, 1), amount=10)
    with django_assert_num_queries(5):
        board = _board(alice, builtin)
    assert {r.slug: r.figure for r in board.kpis}["network-growth"] == 50


def test_the_document_states_min_and_max(history, builtin, alice):
    document = kpi_selectors.kpi_board_document(_board(alice, builtin))
    (row,) = [k for k in document["kpis"] if k["slug"] == "certification-achievements"]
    assert row["target"] == {"text": "3-5 professional certifications", "min": 3, "max": 5}
    assert row["entries"][0]["evidence_url"] is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kpi": "lines-of-code-written"}, "kpi"),
        ({"kpi": "no-such-kpi"}, "kpi"),
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"amount": 0}, "amount"),
        ({"happened_on": date(2026, 3, 20)}, "happened_on"),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url"),
        ({"evidence_url": "ftp://example.com/x"}, "evidence_url"),
    ],
)
def test_a_bad_entry_names_its_field(builtin, alice, changes, field):
    arguments = {
        "kpi": "certification-achievements",
        "title": "AWS SAA",
        "happened_on": date(2026, 3, 1),
        "amount": 1,
        "evidence_url": "https://example.com/cert",
        **changes,
    }
    with pytest.raises(kpi_services.KpiEntryError) as error:
        kpi_services.add_kpi_entry(learner=alice, curriculum=builtin, today=TODAY, **arguments)
    assert error.value.field == field


def test_an_unknown_kpi_of_another_curriculum_is_entered(builtin, alice):
    from skillpath.curriculum.models import KpiCategory, KpiTarget

    category = KpiCategory.objects.get(curriculum=builtin, slug="career")
    KpiTarget.objects.create(
        curriculum=builtin, category=category, slug="talks-given", name_en="Talks", target_en="4"
    )
    _add(alice, builtin, "talks-given", date(2026, 2, 1), amount=2)
    rows = {row.slug: row for row in _board(alice, builtin).kpis}
    assert (rows["talks-given"].source, rows["talks-given"].percent) == ("entered", 50)
