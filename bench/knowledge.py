"""The knowledge figures of `make bench`: the review queue at scale, and how well FSRS-6
predicts recall for a learner whose memory it does not model.

1. **Queue.** `selectors.due_count` and `selectors.next_card` for a learner with 100,000
   cards, and for one of 10,000 learners with 1,000 cards each (10 million cards in all);
   the rows are written with SQL, the reads go through the selectors. Target: each under
   50 ms, the same number of queries at both sizes, and the times within 1.5× of each other.
2. **Scheduling quality.** A simulated learner forgets exponentially, R = exp(-t / S), with
   S log-uniform from 3 to 60 days per card at first, growing ×2.5 on each recall and
   halving on a lapse — Ebbinghaus's curve, not FSRS's power law. Reviews are scheduled by
   FSRS-6 (default parameters, desired retention 0.9), a little late as people are, and
   answered by drawing from the true R; FSRS's predicted recall before each review is
   scored by log loss against a constant baseline (the overall recall rate).
"""

from __future__ import annotations

import math
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from progress import log

TARGET_MS = 50
TARGET_RATIO = 1.5
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _timestamp(seconds: str) -> str:
    """SQL for the UTC time `seconds` after the epoch, on SQLite or PostgreSQL."""
    if connection.vendor == "postgresql":
        return f"to_timestamp({seconds})"
    return f"datetime({seconds}, 'unixepoch')"


def _fill(learners: int, cards_each: int, questions: int) -> int:
    """Write `learners` users with `cards_each` cards each over `questions` questions (raw
    SQL: the ORM would take an hour for ten million rows); return the first learner's id.
    Due dates spread over a year from 10 days ago, so about 3 % of cards are due."""
    from skillpath.curriculum.models import Curriculum, Topic

    curriculum = Curriculum.objects.create(slug=f"bench-{learners}-{cards_each}")
    topic = Topic.objects.filter(curriculum__is_builtin=True).first()
    assert topic is not None, "the built-in curriculum must be loaded"
    day = 86400
    start = int((NOW - timedelta(days=10)).timestamp())
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM auth_user")
        first_user = cursor.fetchone()[0] + 1
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM knowledge_question")
        first_question = cursor.fetchone()[0] + 1
        cursor.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %s) "
            "INSERT INTO auth_user (id, password, is_superuser, username, first_name, "
            "last_name, email, is_staff, is_active, date_joined) "
            "SELECT %s + i, '!', false, 'bench-' || (%s + i), '', '', '', false, true, %s "
            "FROM n",
            [learners, first_user, first_user, NOW],
        )
        cursor.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %s) "
            "INSERT INTO knowledge_question (id, curriculum_id, topic_id, slug, kind, "
            "difficulty, practical, data, position, updated_at) "
            "SELECT %s + i, %s, %s, 'q-' || i, 'true_false', 1, false, '{}', i, %s FROM n",
            [questions, first_question, curriculum.pk, topic.pk, NOW],
        )
        log(f"writing {learners * cards_each:,} review cards")
        cursor.execute(
            "WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i + 1 < %s), "
            "c(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM c WHERE j + 1 < %s) "
            "INSERT INTO knowledge_card (learner_id, question_id, topic_id, state, stability, "
            "difficulty, due, last_review, reviews, lapses, created_at) "
            f"SELECT %s + i, %s + j, %s, 2, 10.0, 5.0, "
            f"{_timestamp('%s + ((i * 7919 + j * 104729) %% (375 * %s))')}, "
            f"{_timestamp('%s - %s')}, 1, 0, {_timestamp('%s - %s')} "
            "FROM u, c",
            [
                learners,
                cards_each,
                first_user,
                first_question,
                topic.pk,
                start,
                day,
                start,
                day,
                start,
                day,
            ],
        )
        cursor.execute("ANALYZE")
    return first_user


def _read(learners: dict[str, int], runs: int) -> dict[str, Any]:
    """Each read for each learner, taken in turn (A, B, A, B…) so that the machine's noise
    falls on both alike."""
    from django.contrib.auth import get_user_model

    from skillpath.knowledge import selectors

    users = {name: get_user_model().objects.get(pk=pk) for name, pk in learners.items()}
    reads = {
        "due_count": lambda user: selectors.due_count(user, NOW),
        "next_card": lambda user: selectors.next_card(user, NOW),
    }
    samples: dict[tuple[str, str], list[float]] = {}
    found: dict[tuple[str, str], tuple[int, Any]] = {}
    for read_name, read in reads.items():
        for user in users.values():
            read(user)  # warm the page cache
        for _ in range(runs):
            for name, user in users.items():
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    value = read(user)
                    elapsed = (time.perf_counter() - started) * 1000
                samples.setdefault((name, read_name), []).append(elapsed)
                found[(name, read_name)] = (len(queries), value)
    figures: dict[str, Any] = {name: {} for name in users}
    for (name, read_name), times in samples.items():
        queries, value = found[(name, read_name)]
        figures[name][read_name] = {
            "median_ms": round(statistics.median(times), 3),
            "max_ms": round(max(times), 3),
            "queries": queries,
            "value": value if isinstance(value, int) else getattr(value, "pk", None),
        }
    return figures


def queue_figures(
    quick: bool, fresh_database: Any, *, sizes: tuple[int, int, int] | None = None
) -> dict[str, Any]:
    """`sizes` (the big learner's cards, the learners, the cards each) for the tests."""
    runs = 30 if quick else 200
    big_cards, many_learners, cards_each = sizes or (
        (100_000, 1000, 1000) if quick else (100_000, 10_000, 1000)
    )
    with fresh_database():
        from skillpath.curriculum.services import load_builtin_curriculum

        load_builtin_curriculum(only_if_empty=True)
        log(f"a learner with {big_cards:,} cards")
        big = _fill(1, big_cards, big_cards)
        log(f"{many_learners:,} learners with {cards_each:,} cards each")
        among = _fill(many_learners, cards_each, cards_each)
        return _read(
            {
                f"learner_with_{big_cards}_cards": big,
                f"one_of_{many_learners}_learners_with_{cards_each}_cards": among
                + many_learners // 2,
            },
            runs,
        )


# --- Scheduling quality ----------------------------------------------------------------------


def simulate(cards: int, days: int, seed: int) -> list[tuple[float, bool]]:
    """(FSRS's predicted recall, whether the simulated learner recalled) for every review."""
    from fsrs import Card, Rating

    from skillpath.knowledge import scheduling

    rng = random.Random(seed)
    fsrs = scheduling.scheduler()
    end = NOW + timedelta(days=days)
    outcomes: list[tuple[float, bool]] = []
    for number in range(cards):
        # Days, after the quiz that made the card: log-uniform, some cards easy, some hard.
        true_stability = math.exp(rng.uniform(math.log(3), math.log(60)))
        now = NOW + timedelta(minutes=number)
        card = scheduling.review(Card(due=now), Rating.Good, now, fsrs=fsrs)
        while card.due < end:
            # Learners review a little late, sometimes much later.
            now = card.due + timedelta(hours=rng.expovariate(1 / 18))
            elapsed = (now - card.last_review).total_seconds() / 86400
            recall = math.exp(-elapsed / true_stability)
            predicted = scheduling.retrievability(card, now, fsrs)
            remembered = rng.random() < recall
            outcomes.append((predicted, remembered))
            # A lapse is relearnt on the spot (the answer is shown), so memory halves, not more.
            true_stability = true_stability * 2.5 if remembered else max(0.5, true_stability / 2)
            card = scheduling.review(
                card, Rating.Good if remembered else Rating.Again, now, fsrs=fsrs
            )
    return outcomes


def log_loss(pairs: list[tuple[float, bool]]) -> float:
    eps = 1e-6
    total = 0.0
    for p, y in pairs:
        p = min(1 - eps, max(eps, p))
        total -= math.log(p) if y else math.log(1 - p)
    return total / len(pairs)


def quality_figures(quick: bool, cards: int | None = None) -> dict[str, Any]:
    log("simulating a learner with an exponential forgetting curve")
    outcomes = simulate(cards or (200 if quick else 1000), 365, seed=2026)
    rate = sum(y for _, y in outcomes) / len(outcomes)
    fsrs_loss = log_loss(outcomes)
    baseline = log_loss([(rate, y) for _, y in outcomes])
    return {
        "reviews": len(outcomes),
        "recall_rate": round(rate, 4),
        "fsrs_log_loss": round(fsrs_loss, 4),
        "constant_log_loss": round(baseline, 4),
    }


def collect(quick: bool, fresh_database: Any) -> dict[str, Any]:
    return {"queue": queue_figures(quick, fresh_database), "scheduling": quality_figures(quick)}


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    big, crowd = list(figures["queue"].values())
    found: dict[str, Any] = {}
    for name in ("due_count", "next_card"):
        slow = max(big[name]["median_ms"], crowd[name]["median_ms"])
        fast = max(min(big[name]["median_ms"], crowd[name]["median_ms"]), 0.001)
        found[f"knowledge_{name}_under_{TARGET_MS}_ms"] = {
            "target": f"< {TARGET_MS} ms at both sizes",
            "value": slow,
            "met": slow < TARGET_MS,
        }
        found[f"knowledge_{name}_queries_fixed"] = {
            "target": "the same at both sizes",
            "value": [big[name]["queries"], crowd[name]["queries"]],
            "met": big[name]["queries"] == crowd[name]["queries"],
        }
        ratio = round(slow / fast, 2)
        found[f"knowledge_{name}_ratio_at_most_1_5"] = {
            "target": f"<= {TARGET_RATIO}",
            "value": ratio,
            "met": ratio <= TARGET_RATIO,
        }
    quality = figures["scheduling"]
    found["knowledge_fsrs_beats_constant_log_loss"] = {
        "target": "FSRS-6 log loss < constant baseline",
        "value": [quality["fsrs_log_loss"], quality["constant_log_loss"]],
        "met": quality["fsrs_log_loss"] < quality["constant_log_loss"],
    }
    return found
