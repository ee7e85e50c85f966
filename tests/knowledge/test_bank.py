"""The YAML question bank: every structural rule with the file and line of the mistake, the
content lint, and a write/read round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from skillpath.knowledge.bank import (
    BankError,
    Kind,
    dump_bank,
    lint_bank,
    parse_bank,
    read_bank,
    read_bank_file,
)

GIT = Path(__file__).parent.parent / "fixtures" / "questions-git.yaml"


def bank_text(body: str) -> str:
    return "format: 1\nquestions:\n" + body


def errors(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "month-01.yaml"
    path.write_text(bank_text(body), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        read_bank_file(path)
    return [str(p) for p in caught.value.problems]


SINGLE = """\
- slug: q-one
  topic: git
  kind: single
  text: {ru: Вопрос, en: Question}
  choices:
  - {ru: да, en: yes, weight: %s}
  - {ru: нет, en: no, weight: 0}
  explanation: {ru: Потому, en: Because}
"""


def test_the_fixture_bank_reads_and_writes_back_the_same():
    bank = read_bank_file(GIT)
    assert [q.kind for q in bank.questions] == [
        Kind.SINGLE,
        Kind.SHORT,
        Kind.ORDERING,
        Kind.MATCHING,
        Kind.NUMERIC,
    ]
    again = parse_bank(yaml.safe_load(dump_bank(bank)))
    assert again.questions == bank.questions


def test_a_single_choice_question_needs_exactly_one_right_answer(tmp_path):
    found = errors(tmp_path, SINGLE % 50)
    assert found == [
        f"{tmp_path / 'month-01.yaml'}:3: error: question 'q-one': a single choice question "
        "needs exactly one choice with weight 100"
    ]


def test_multiple_choice_weights_must_add_up_to_100(tmp_path):
    body = SINGLE.replace("kind: single", "kind: multiple") % 60
    (message,) = errors(tmp_path, body)
    assert ":3: error: question 'q-one': the positive weights" in message and "60" in message


def test_every_problem_of_a_file_is_reported_with_its_line(tmp_path):
    body = (
        SINGLE % 100
        + """\
- slug: Bad Slug
  topic: git
  kind: riddle
  text: {ru: x, en: y}
- slug: q-three
  topic: git
  kind: true_false
  text: {en: only English}
"""
    )
    found = errors(tmp_path, body)
    assert any(":11: error:" in f and "slug" in f for f in found)
    assert any(":11: error:" in f and "'kind' must be one of" in f for f in found)
    assert any(":15: error: question 'q-three': 'text' has no ru text" in f for f in found)
    assert any(":15: error: question 'q-three': a true_false question needs" in f for f in found)


def test_broken_yaml_is_reported_with_its_line(tmp_path):
    (message,) = errors(tmp_path, "- slug: a\n  text: {ru: Что? Да, en: x\n")
    assert ":4: error: not valid YAML" in message or ":5: error: not valid YAML" in message


def test_slugs_are_unique_across_files(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(bank_text(SINGLE % 100), encoding="utf-8")
    second.write_text(bank_text(SINGLE % 100), encoding="utf-8")
    with pytest.raises(BankError, match="the slug is used twice"):
        read_bank([first, second])


def test_the_lint_finds_missing_feedback_russian_and_near_duplicates():
    bank = parse_bank(
        yaml.safe_load(
            bank_text(
                SINGLE % 100
                + (SINGLE % 100)
                .replace("q-one", "q-two")
                .replace("Вопрос", "Вопрос!")
                .replace("ru: Потому", "ru: Because")
            )
        )
    )
    found = [str(p) for p in lint_bank(bank, {"git": "month-1", "linux": "month-1"})]
    assert "question 'q-one': no wrong choice says why it is wrong (feedback)" in found
    assert any("question 'q-two': asks nearly the same as 'q-one'" in f for f in found)
    assert "topic 'linux' has 0 questions, at least 5 needed" in found
    assert "topic 'git' has 2 questions, at least 5 needed" in found
