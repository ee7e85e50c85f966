"""The interview-set loader (errors at file:line) and the score of a mock interview."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from skillpath.assessment.interviews import (
    InterviewContentError,
    QuestionMarks,
    load_interview_sets,
    parse_interview_set,
    score_interview,
)

GOOD = """\
format: 1
level: junior
questions:
- slug: junior-one
  topics: [git]
  text: {ru: 'Вопрос один?', en: 'Question one?'}
  points:
  - {ru: Первое, en: First}
  - {ru: Второе, en: Second}
  - {ru: Третье, en: Third}
  - {ru: Четвёртое, en: Fourth}
- slug: junior-two
  topics: [linux]
  text: {ru: 'Вопрос два?', en: 'Question two?'}
  points:
  - {ru: Первое, en: First}
  - {ru: Второе, en: Second}
  - {ru: Третье, en: Third}
  follow_up: {ru: 'А дальше?', en: 'And then?'}
"""


def _write(tmp_path, name, text):
    folder = tmp_path / "interviews"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


@pytest.fixture
def junior(tmp_path):
    return load_interview_sets(_write(tmp_path, "junior.yaml", GOOD))["junior"]


def test_it_reads_a_set_with_its_points_and_follow_up(junior):
    assert [q.slug for q in junior.questions] == ["junior-one", "junior-two"]
    assert junior.questions[0].points[3].text.en == "Fourth"
    assert junior.questions[1].follow_up.ru == "А дальше?"
    assert junior.questions[1].topics == ("linux",)


def test_it_names_the_file_and_line_of_every_bad_question(tmp_path):
    bad = GOOD.replace("  - {ru: Третье, en: Third}\n  follow_up", "  follow_up").replace(
        "text: {ru: 'Вопрос один?', en: 'Question one?'}", "text: {ru: 'Вопрос один?'}"
    )
    with pytest.raises(InterviewContentError) as caught:
        load_interview_sets(_write(tmp_path, "junior.yaml", bad))
    message = str(caught.value)
    assert "junior.yaml:4: error: question 'junior-one': 'text' has no en text" in message
    assert "junior.yaml:12: error: question 'junior-two': 'points' must be a list of 3 to 5" in (
        message
    )


def test_it_refuses_a_file_of_another_level_and_a_slug_used_twice(tmp_path):
    _write(tmp_path, "junior.yaml", GOOD)
    _write(tmp_path, "middle.yaml", GOOD)
    with pytest.raises(InterviewContentError) as caught:
        load_interview_sets(tmp_path)
    message = str(caught.value)
    assert "middle.yaml: error: 'level' must be 'middle' in this file" in message
    assert "question 'junior-one': the slug is used twice" in message


def test_it_reports_broken_yaml_at_its_line(tmp_path):
    with pytest.raises(InterviewContentError, match=r"junior.yaml:3: error: not valid YAML"):
        load_interview_sets(_write(tmp_path, "junior.yaml", "format: 1\nlevel: junior\n- [x\n"))


def test_the_score_is_the_mean_share_of_points_over_the_questions_asked(junior):
    score = score_interview(
        junior,
        {
            "junior-two": QuestionMarks(frozenset({0, 1, 2})),
            "junior-one": QuestionMarks(frozenset({0})),
        },
    )
    assert score.percent == pytest.approx((25 + 100) / 2)
    assert [r.slug for r in score.questions] == ["junior-one", "junior-two"]
    assert score.questions[0].missed == (1, 2, 3)


def test_depth_is_a_fifth_of_a_questions_score(junior):
    shallow = score_interview(junior, {"junior-one": QuestionMarks(frozenset(range(4)), 0)})
    deep = score_interview(junior, {"junior-one": QuestionMarks(frozenset({0, 1}), 2)})
    assert shallow.percent == 80.0
    assert deep.percent == 60.0


def test_an_interview_with_no_questions_scores_zero(junior):
    assert score_interview(junior, {}).percent == 0.0


@pytest.mark.parametrize(
    ("marks", "error"),
    [
        ({"junior-nine": QuestionMarks()}, "'junior-nine' is not in the junior set"),
        ({"junior-two": QuestionMarks(frozenset({3}))}, "has points 0-2, not \\[3\\]"),
        ({"junior-two": QuestionMarks(depth=3)}, "depth is 0 to 2, not 3"),
    ],
)
def test_it_refuses_marks_that_do_not_fit_the_set(junior, marks, error):
    with pytest.raises(ValueError, match=error):
        score_interview(junior, marks)


@given(
    ticked=st.sets(st.integers(0, 3)),
    more=st.sets(st.integers(0, 3)),
    depth=st.none() | st.integers(0, 2),
)
def test_ticking_more_points_never_lowers_the_score(ticked, more, depth):
    junior = parse_interview_set(yaml.load(GOOD, Loader=yaml.SafeLoader))
    before = score_interview(junior, {"junior-one": QuestionMarks(frozenset(ticked), depth)})
    after = score_interview(junior, {"junior-one": QuestionMarks(frozenset(ticked | more), depth)})
    assert 0 <= before.percent <= after.percent <= 100
