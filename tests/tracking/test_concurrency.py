"""Two requests logging overlapping sessions at the same moment: exactly one lands.

Row locks only mean something on a server database, so this runs in the PostgreSQL pass
of the suite (DATABASE_URL=postgres://...); SQLite serialises writers by itself.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection

from skillpath.tracking.models import DailyActivity, StudySession
from skillpath.tracking.services import SessionError, log_session

NOW = datetime(2026, 1, 7, 18, 0, tzinfo=UTC)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_sessions_cannot_both_be_logged(alice):
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass of the suite (set DATABASE_URL)")
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def log(kind: str) -> None:
        start.wait()
        try:
            log_session(learner=alice, kind=kind, minutes=60, now=NOW)
            outcomes.append("logged")
        except SessionError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=log, args=(k,))
        for k in ("theory", "practice", "research", "theory")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["logged", "refused", "refused", "refused"]
    assert StudySession.objects.count() == 1
    day = DailyActivity.objects.get(learner=alice)
    assert day.theory_minutes + day.practice_minutes + day.research_minutes == 60
