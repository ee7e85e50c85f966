"""The mastery rule: m of the last n answers right, and recall."""

from __future__ import annotations

from skillpath.knowledge.mastery import topic_mastery


def test_no_answers_is_not_started():
    found = topic_mastery([], [], 6)
    assert found.status == "not_started" and found.percent == 0


def test_four_of_the_last_five_and_good_recall_is_mastered():
    found = topic_mastery([0, 1, 1, 1, 0, 1, 1], [0.95] * 6, 6)
    assert found.recent_right == 4 and found.recent_count == 5
    assert found.status == "mastered"


def test_three_of_five_is_still_learning():
    assert topic_mastery([1, 0, 1, 0, 1], [0.95] * 6, 6).status == "learning"


def test_partial_credit_is_not_right():
    assert topic_mastery([1, 1, 1, 0.9, 0.5], [0.95] * 6, 6).status == "learning"


def test_unanswered_questions_count_against_recall():
    one_of_six = topic_mastery([1, 1, 1, 1, 1], [0.99], 6)
    assert one_of_six.recall < 0.2 and one_of_six.status == "fading"


def test_recall_dropping_makes_it_fading():
    assert topic_mastery([1] * 5, [0.5] * 6, 6).status == "fading"
