"""Mastery of a topic, from two kinds of evidence: what the learner answered lately, and how
well they are predicted to remember it now.

The rule (documented in docs/knowledge.md):

- **Recent answers** — Kolibri's field-tested "m of the last n": of the learner's last
  `N_RECENT` answers on the topic's questions (quizzes and reviews alike), `M_CORRECT` must be
  right. A partly right answer (partial credit) is not right.
- **Recall** — the mean FSRS retrievability of the topic's cards now, counting the topic's
  questions the learner has never answered as 0: a learner who answered one question of six
  has not shown they know the topic.
- **Mastered** when both hold: m of the last n right, and recall at least `RECALL_MASTERED`.
  **Fading** when the answers were good but recall has dropped below it (reviews are due).
  **Learning** otherwise, once there is any answer; **not started** before.
- The score shown (0–100 %) is the mean of the two figures, so it moves with either.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

N_RECENT = 5
M_CORRECT = 4
RECALL_MASTERED = 0.8


class Status(enum.StrEnum):
    NOT_STARTED = "not_started"
    LEARNING = "learning"
    FADING = "fading"
    MASTERED = "mastered"


@dataclass(frozen=True)
class Mastery:
    status: Status
    score: float  # 0..1
    recent_right: int
    recent_count: int
    recall: float  # mean retrievability over the topic's questions, 0..1
    answered_questions: int
    questions: int

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def topic_mastery(
    recent_scores: Sequence[float], recalls: Sequence[float], questions: int
) -> Mastery:
    """Mastery from the topic's answer scores (oldest first) and its cards' retrievability."""
    recent = list(recent_scores)[-N_RECENT:]
    right = sum(1 for s in recent if s >= 1.0)
    counted = max(questions, len(recalls))
    recall = sum(recalls) / counted if counted else 0.0
    if not recent:
        status = Status.NOT_STARTED
    elif len(recent) >= N_RECENT and right >= M_CORRECT:
        status = Status.MASTERED if recall >= RECALL_MASTERED else Status.FADING
    else:
        status = Status.LEARNING
    share = right / len(recent) if recent else 0.0
    return Mastery(
        status=status,
        score=(share + recall) / 2 if recent else 0.0,
        recent_right=right,
        recent_count=len(recent),
        recall=recall,
        answered_questions=len(recalls),
        questions=questions,
    )
