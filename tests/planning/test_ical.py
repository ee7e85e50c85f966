"""The plan as iCalendar: every topic, block, practice and milestone, parseable again."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from skillpath.curriculum.models import Topic
from skillpath.people.models import Profile
from skillpath.planning.ical import plan_calendar
from skillpath.planning.selectors import (
    calendar_feed,
    calendar_items,
    enrolment_by_calendar_token,
)
from skillpath.planning.services import replan, revoke_calendar_token
from skillpath.tracking.services import set_topic_status

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


MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def _feed(enrolment) -> Calendar:
    feed = calendar_feed(enrolment)
    data = plan_calendar(
        "Plan", feed.items, datetime(2026, 1, 5, tzinfo=UTC), blocks=feed.blocks, zone=feed.zone
    )
    return Calendar.from_ical(data)


def _event(calendar: Calendar, uid_end: str):
    return next(e for e in calendar.walk("VEVENT") if str(e["uid"]).endswith(uid_end))


def test_a_done_topic_is_marked_and_says_when(enrolled):
    linux = Topic.objects.get(curriculum=enrolled.curriculum, slug="linux")
    set_topic_status(learner=enrolled.learner, topic=linux, status="done", today=date(2026, 1, 7))

    calendar = _feed(enrolled)

    done = _event(calendar, "-topic-linux")
    assert str(done["summary"]) == "✓ " + linux.title
    assert str(done["description"]).startswith("Done on Jan. 7, 2026.\n\n")
    # VEVENT has no COMPLETED status; CANCELLED would hide or strike out the topic.
    assert "status" not in done
    git = _event(calendar, "-topic-git")
    assert not str(git["summary"]).startswith("✓")
    assert not str(git.get("description", "")).startswith("Done")


def test_each_study_day_has_a_timed_block_in_the_learners_zone(enrolled):
    Profile.objects.create(user=enrolled.learner, time_zone="Europe/Moscow")

    calendar = _feed(enrolled)

    monday = _event(calendar, "-study-2026-01-05")
    start, end = monday.decoded("dtstart"), monday.decoded("dtend")
    assert start == datetime(2026, 1, 5, 18, 0, tzinfo=MOSCOW)
    assert end - start == timedelta(hours=4)  # 20 h over five days
    assert monday["dtstart"].params["TZID"] == "Europe/Moscow"
    assert monday["dtend"].params["TZID"] == "Europe/Moscow"
    assert str(monday["summary"]) == "Study: Linux"
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Moscow"]
    # Thursday holds the end of Linux and the start of Git; no block at the weekend.
    thursday = _event(calendar, "-study-2026-01-08")
    assert str(thursday["summary"]) == "Study: Linux, Git"
    assert str(thursday["description"]) == "Linux: 3 h\nGit: 1 h"
    uids = {str(e["uid"]) for e in calendar.walk("VEVENT")}
    assert not any(uid.endswith("-study-2026-01-10") for uid in uids)


def test_a_study_block_reminds_ten_minutes_before(enrolled):
    block = _event(_feed(enrolled), "-study-2026-01-05")

    [alarm] = block.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(minutes=-10)
    assert str(alarm["description"]) == "Study: Linux"
    # The all-day events remind of nothing.
    assert not _event(_feed(enrolled), "-topic-linux").walk("VALARM")


def test_uids_survive_a_replan(enrolled):
    before = {str(e["uid"]) for e in _feed(enrolled).walk("VEVENT")}
    git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
    set_topic_status(learner=enrolled.learner, topic=git, status="skipped", today=date(2026, 1, 5))
    replan(enrolment=enrolled, today=date(2026, 1, 5))

    after = _feed(enrolled)
    uids = {str(e["uid"]) for e in after.walk("VEVENT")}

    topics = {u for u in uids if "-topic-" in u}
    assert topics == {u for u in before if "-topic-" in u}
    assert {u for u in uids if "-study-" in u} <= {u for u in before if "-study-" in u}
    # Without Git's 11 h the same Thursday now studies Linux and what followed Git.
    assert "Git" not in str(_event(after, "-study-2026-01-08")["summary"])


def test_a_skipped_topic_is_cancelled_and_says_so(enrolled):
    git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
    set_topic_status(learner=enrolled.learner, topic=git, status="skipped", today=date(2026, 1, 5))

    calendar = _feed(enrolled)

    skipped = _event(calendar, "-topic-git")
    # CANCELLED: calendar apps strike the event out or hide it, which is what skipping means.
    assert str(skipped["status"]) == "CANCELLED"
    assert str(skipped["summary"]) == git.title
    assert str(skipped["description"]).startswith("Skipped: not part of your study any more.")
    assert "status" not in _event(calendar, "-topic-linux")


def test_a_topic_finished_before_its_days_is_on_the_day_it_was_finished(enrolled):
    # Git is planned from Thursday the 8th; finished on Monday the 5th, it is not an event
    # of the days still ahead (nor of next week's report).
    git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
    set_topic_status(learner=enrolled.learner, topic=git, status="done", today=date(2026, 1, 5))

    done = _event(_feed(enrolled), "-topic-git")

    assert str(done["summary"]) == "✓ " + git.title
    assert done.decoded("dtstart") == date(2026, 1, 5)
    assert done.decoded("dtend") == date(2026, 1, 6)
