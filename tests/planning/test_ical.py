"""The plan as iCalendar: every topic, block, practice and milestone, parseable again."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from skillpath.planning.ical import plan_calendar
from skillpath.planning.selectors import calendar_items, enrolment_by_calendar_token
from skillpath.planning.services import revoke_calendar_token

pytestmark = pytest.mark.django_db


def test_the_calendar_holds_the_whole_plan(enrolled):
    data = plan_calendar("Plan", calendar_items(enrolled), datetime(2026, 1, 5, tzinfo=UTC))

    events = Calendar.from_ical(data).walk("VEVENT")
    categories = [str(e.get("categories").cats[0]) for e in events]
    assert categories.count("Topic") == 144
    assert categories.count("Block") == 36
    assert categories.count("Practice") == 18
    assert categories.count("Milestone") == 4
    linux = next(e for e in events if str(e["uid"]).endswith("-topic-linux"))
    assert linux.decoded("dtstart") == date(2026, 1, 5)
    # 15 h at 4 h a day: the 5th to the 8th; DTEND is exclusive.
    assert linux.decoded("dtend") == date(2026, 1, 9)
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_a_revoked_token_no_longer_finds_the_calendar(enrolled):
    old = enrolled.calendar_token
    assert enrolment_by_calendar_token(old) == enrolled

    new = revoke_calendar_token(enrolment=enrolled)

    assert enrolment_by_calendar_token(old) is None
    assert enrolment_by_calendar_token(new) == enrolled
    assert enrolment_by_calendar_token("") is None
