"""Query counts of the learner endpoints, pinned: the same for a new learner and for one with
months of history (sessions, finished topics, evidence, a second enrolment with days off).

Each count includes the two queries of every signed-in request (the session and the user).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from skillpath.curriculum.models import Topic
from skillpath.planning.services import CalendarInput, enrol, make_current
from skillpath.tracking.services import add_evidence, log_session, set_topic_status
from tests.api.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db

ENROLMENTS_QUERIES = 4  # + the enrolments, + their days off
ENROLMENT_QUERIES = 4  # + the enrolment, + its days off
SESSIONS_QUERIES = 3  # + one page of sessions with their topics
PLAN_QUERIES = 5  # + the enrolment, + the plan with topics, blocks, months, + statuses
TODAY_QUERIES = 9  # the plan's, + the time zone, + the timer, + days off, + minutes logged today
TIMER_QUERIES = 3
PROGRESS_QUERIES = 6  # + enrolment, + topic, + progress, + its evidence (one link or many)
REPORT_QUERIES = 9  # + enrolment, + time zone, + days off, + the report's four, + targets
DASHBOARD_QUERIES = 11


@pytest.fixture(params=["new", "seasoned"])
def learner(request, alice, enrolled, second, clock):
    """alice on her first day of records, or after sixty days of study."""
    if request.param == "seasoned":
        other = enrol(
            learner=alice,
            curriculum=second,
            choice=CalendarInput(
                date(2026, 1, 5),
                Decimal(10),
                frozenset({5, 6}),
                days_off=(
                    (date(2026, 2, 1), date(2026, 2, 7)),
                    (date(2026, 3, 1), date(2026, 3, 2)),
                ),
            ),
            today=TODAY,
        )
        make_current(enrolment=enrolled)
        assert other.pk != enrolled.pk
        for day in range(1, 61):
            for kind, hours in [("theory", 3), ("practice", 5)]:
                log_session(
                    learner=alice,
                    kind=kind,
                    minutes=40,
                    started_at=NOW - timedelta(days=day, hours=hours),
                    now=NOW,
                )
        for topic in Topic.objects.filter(curriculum=enrolled.curriculum).order_by("position")[:8]:
            set_topic_status(learner=alice, topic=topic, status="done", today=TODAY)
        git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
        for n in range(5):
            add_evidence(learner=alice, topic=git, url=f"https://example.com/{n}")
    else:
        git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
        log_session(learner=alice, kind="practice", minutes=30, now=NOW, topic=git)
    return alice


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/api/enrolments", ENROLMENTS_QUERIES),
        ("/api/enrolments/{enrolment}", ENROLMENT_QUERIES),
        ("/api/sessions", SESSIONS_QUERIES),
        ("/api/sessions?page=2&page_size=5", SESSIONS_QUERIES),
        ("/api/plan", PLAN_QUERIES),
        ("/api/today", TODAY_QUERIES),
        ("/api/timer", TIMER_QUERIES),
        ("/api/topics/git/progress", PROGRESS_QUERIES),
        ("/api/reports/week", REPORT_QUERIES),
        # A chosen week needs today too (its tense), so the time zone as well.
        ("/api/reports/week?week=2026-01-05", REPORT_QUERIES),
        ("/api/dashboard", DASHBOARD_QUERIES),
    ],
)
def test_a_learner_endpoint_costs_a_fixed_number_of_queries(
    as_alice, learner, enrolled, django_assert_num_queries, path, queries
):
    with django_assert_num_queries(queries):
        response = as_alice.get(path.format(enrolment=enrolled.pk))
    assert response.status_code == 200
