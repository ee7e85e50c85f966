"""The Markdown importer: the seed, other plans of the same shape, and precise errors."""

from __future__ import annotations

import pytest

from skillpath.curriculum.importers.base import PlanError
from skillpath.curriculum.importers.loader import parse_plan_bytes, read_plan
from skillpath.curriculum.importers.markdown import parse_markdown
from tests.curriculum.plans import GOOD


def test_the_seed_has_the_plans_structure(seed_ru):
    doc = read_plan(seed_ru).doc

    assert doc.phases[0].title.ru == "ОСНОВЫ ПРОГРАММИРОВАНИЯ"
    assert [(p.month_from, p.month_to) for p in doc.phases] == [(1, 3), (4, 8), (9, 14), (15, 18)]
    assert [(m.after_month, m.level) for m in doc.milestones] == [
        (3, "junior"),
        (8, "middle"),
        (14, "senior"),
        (18, "tech_lead"),
    ]
    capstones = [p for p in doc.practices if p.is_capstone]
    assert [c.slug for c in capstones] == ["practice-18"]
    assert doc.duration_months == (18, 24)
    assert doc.hours_per_week == (15, 25)
    assert (doc.practice_percent, doc.theory_percent) == (70, 30)
    assert [(w.kind, w.percent) for w in doc.weekly_targets] == [
        ("theory", 30),
        ("practice", 50),
        ("research", 20),
    ]
    assert [a.slug for a in doc.activities] == [
        "code-review",
        "tech-talk",
        "pair-programming",
        "mock-interview",
    ]
    assert [c.label for c in doc.level_checks] == ["Q1", "Q2", "Q3", "Q4"]
    assert [t.slug for t in doc.career_tracks] == ["technical", "management", "specialized"]
    assert sum(len(k.kpis) for k in doc.kpi_categories) == 12
    assert doc.topics[0].slug == "linux"
    assert doc.topics[0].description.ru == "Командная строка, права доступа, процессы"
    assert doc.warnings == ()


def test_an_english_plan_with_other_counts_imports(seed_en):
    small = read_plan(seed_en.parent / "small-plan.en.md")

    assert small.language == "en"
    assert small.doc.counts() == {
        "phases": 2,
        "months": 3,
        "blocks": 4,
        "topics": 8,
        "practices": 3,
        "milestones": 2,
        "projects": 2,
        "resources": 3,
    }
    assert small.doc.months[2].practice.is_capstone
    assert small.doc.blocks[3].week_from == small.doc.blocks[3].week_to == 7
    assert small.doc.title.en == "Data Engineering Starter Plan"
    assert small.doc.topics[0].title.ru == ""


def test_the_english_translation_of_the_seed_has_the_same_shape(seed_en, seed_ru):
    english = read_plan(seed_en)
    russian = read_plan(seed_ru)

    assert english.language == "en"
    assert english.doc.counts() == russian.doc.counts()
    assert english.doc.months[0].title.en == "Foundational skills"


def test_keywords_are_case_insensitive_and_emoji_in_headings_ignored():
    text = (
        GOOD.replace("PHASE 1", "🚀 phase 1")
        .replace("### Month", "### MONTH")
        .replace("**Practice**", "**PRACTICE**")
    )

    doc = parse_markdown(text)

    assert doc.counts()["months"] == 2
    assert doc.months[0].practice.text.en == "A repository"


def _error(text: str) -> PlanError:
    with pytest.raises(PlanError) as error:
        parse_plan_bytes(text.encode())
    return error.value


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("# Just a title\n\nSome words.\n", 1, "expected a phase/month structure"),
        (GOOD.replace("### Month 2: Next", "### Month 1: Next"), 8, "found a second month 1"),
        (
            GOOD.replace("### Month 2: Next", "### Month 3: Next"),
            8,
            "expected month 2, found month 3",
        ),
        (GOOD.replace("- **Git**: Commits\n", ""), 5, "expected topics"),
        ("**Practice**: Too early\n" + GOOD, 1, "inside a month"),
        (GOOD.replace("## PHASE 1", "**Milestone 1**: Early\n## PHASE 1"), 2, "inside a month"),
        (GOOD + "## Resources\n**Practice**: Late\n", 13, "inside a month"),
        (GOOD.replace("(Months 1-2)", "(Months 1-1)"), 8, "between 1 and 1"),
        (
            GOOD.replace("**Practice**: A repository", "**Practice**: A\n**Practice**: B"),
            8,
            "found a second one",
        ),
        (GOOD.replace("## PHASE 1:", "## PHASE 2:"), 2, "expected phase 1, found phase 2"),
    ],
    ids=[
        "no-structure",
        "duplicate-month",
        "out-of-order-month",
        "block-without-topics",
        "practice-before-months",
        "milestone-before-months",
        "practice-after-months",
        "month-outside-phase-range",
        "second-practice",
        "phase-numbering",
    ],
)
def test_bad_plans_fail_at_their_line(text, line, expected):
    error = _error(text)

    assert expected in error.message
    assert error.line == line


def test_errors_name_the_file_and_line(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(GOOD.replace("### Month 2", "### Month 5"), encoding="utf-8")

    with pytest.raises(PlanError) as error:
        read_plan(path)

    assert str(error.value) == (f"{path}:8: error: expected month 2, found month 5 (out of order)")


def test_a_missing_file_is_a_plan_error(tmp_path):
    with pytest.raises(PlanError, match="expected a readable file"):
        read_plan(tmp_path / "nope.md")


def test_projects_must_name_an_existing_phase():
    text = GOOD + "\n## 🛠️ PRACTICE PROJECTS BY PHASE\n### Phase 7 Projects\n1. **X** - Y\n"

    assert "existing phase" in _error(text).message


def test_kpis_with_the_same_name_in_two_categories_get_distinct_slugs():
    text = (
        GOOD
        + "## 📈 SUCCESS METRICS\n### Technical KPIs\n- Talks: 3\n### Career KPIs\n- Talks: 5\n"
    )

    doc = parse_plan_bytes(text.encode()).doc

    assert [k.slug for c in doc.kpi_categories for k in c.kpis] == ["talks", "talks-2"]
