"""Enrolment and replanning against the real database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from skillpath.planning.models import Enrolment, PlanEntry
from skillpath.planning.selectors import current_enrolment, today_view
from skillpath.planning.services import (
    CalendarInput,
    EnrolmentError,
    enrol,
    finished_dates,
    make_current,
)
from skillpath.tracking.models import TopicStatus
from skillpath.tracking.services import set_topic_status

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 1, 5)


def test_enrolling_plans_every_topic_at_the_seed_pace(enrolled):
    entries = list(PlanEntry.objects.filter(enrolment=enrolled).select_related("topic"))

    assert len(entries) == 144
    assert entries[0].topic.slug == "linux" and entries[0].start_on == MONDAY
    # 20 h a week and 40 h a block: the first block ends on the Friday of week two.
    assert entries[3].end_on == MONDAY + timedelta(days=11)
    assert enrolled.target_on == date(2027, 7, 5)  # 18 months, the plan's pace
    assert all(e.baseline_end_on == e.end_on for e in entries)


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (Decimal(0), "between 1 and 80"),
        (Decimal(81), "between 1 and 80"),
        (Decimal("NaN"), "between 1 and 80"),
    ],
)
def test_hours_per_week_outside_1_to_80_are_refused(builtin, alice, hours, message):
    with pytest.raises(EnrolmentError, match=message):
        enrol(
            learner=alice,
            curriculum=builtin,
            choice=CalendarInput(MONDAY, hours, frozenset({0})),
            today=MONDAY,
        )
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    "choice",
    [
        CalendarInput(date(9999, 12, 1), Decimal(10), frozenset({0})),
        CalendarInput(date(1, 1, 1), Decimal(10), frozenset({0})),
        CalendarInput(
            MONDAY, Decimal(10), frozenset({0}), pace="custom", target_on=date(2200, 1, 1)
        ),
        CalendarInput(MONDAY, Decimal(10), frozenset({0}), ((MONDAY, date(9999, 12, 31)),)),
    ],
)
def test_dates_outside_the_bounds_are_refused_however_they_came(builtin, alice, choice):
    # The forms, the API and the CLI refuse them first; the service has the last word.
    with pytest.raises(EnrolmentError, match="between 1900-01-01 and 2199-12-31"):
        enrol(learner=alice, curriculum=builtin, choice=choice, today=MONDAY)
    assert not Enrolment.objects.exists()


def test_at_most_a_hundred_days_off(builtin, alice):
    days_off = tuple((MONDAY + timedelta(days=n), MONDAY + timedelta(days=n)) for n in range(101))
    with pytest.raises(EnrolmentError, match="at most 100 days off"):
        enrol(
            learner=alice,
            curriculum=builtin,
            choice=CalendarInput(MONDAY, Decimal(10), frozenset({0}), days_off),
            today=MONDAY,
        )


def test_no_study_days_or_a_backwards_holiday_are_refused(builtin, alice):
    with pytest.raises(EnrolmentError, match="at least one study day"):
        enrol(
            learner=alice,
            curriculum=builtin,
            choice=CalendarInput(MONDAY, Decimal(10), frozenset()),
            today=MONDAY,
        )
    with pytest.raises(EnrolmentError, match="must not end before it starts"):
        enrol(
            learner=alice,
            curriculum=builtin,
            today=MONDAY,
            choice=CalendarInput(
                MONDAY, Decimal(10), frozenset({0}), ((MONDAY, MONDAY - timedelta(days=1)),)
            ),
        )


def test_a_custom_pace_needs_a_later_target(builtin, alice):
    with pytest.raises(EnrolmentError, match="custom pace"):
        enrol(
            learner=alice,
            curriculum=builtin,
            today=MONDAY,
            choice=CalendarInput(MONDAY, Decimal(10), frozenset({0}), pace="custom"),
        )


def test_holidays_get_no_work(builtin, alice):
    holiday = (MONDAY, MONDAY + timedelta(days=6))
    enrolment = enrol(
        learner=alice,
        curriculum=builtin,
        today=MONDAY,
        choice=CalendarInput(MONDAY, Decimal(20), frozenset(range(5)), (holiday,)),
    )

    first = PlanEntry.objects.filter(enrolment=enrolment).order_by("position").first()
    assert first.start_on == MONDAY + timedelta(days=7)


def test_one_enrolment_is_current(builtin, alice, enrolled, seed_en):
    from skillpath.curriculum.importers.loader import read_plan
    from skillpath.curriculum.services import import_curriculum

    import_curriculum(parsed=read_plan(seed_en.parent / "small-plan.en.md"), slug="data")
    from skillpath.curriculum.models import Curriculum

    second = enrol(
        learner=alice,
        curriculum=Curriculum.objects.get(slug="data"),
        today=MONDAY,
        choice=CalendarInput(MONDAY, Decimal(10), frozenset({0, 2})),
    )

    assert current_enrolment(alice) == second
    make_current(enrolment=enrolled)
    assert current_enrolment(alice) == enrolled
    assert Enrolment.objects.filter(learner=alice, is_current=True).count() == 1


def test_finishing_early_pulls_the_plan_in_and_keeps_done_topics(enrolled, builtin):
    from skillpath.curriculum.models import Topic

    before = {e.topic_id: (e.start_on, e.end_on) for e in enrolled.entries.all()}
    finish_before = max(end for _s, end in before.values())
    topics = list(Topic.objects.filter(curriculum=builtin).order_by("position")[:8])
    wednesday = MONDAY + timedelta(days=2)
    for topic in topics:
        set_topic_status(
            learner=enrolled.learner, topic=topic, status=TopicStatus.DONE, today=wednesday
        )

    after = {e.topic_id: e for e in enrolled.entries.all()}
    # Linux (Monday to Thursday) keeps its start and ends on the Wednesday it was done; the
    # topics that had not begun yet sit on that Wednesday, not on the days still ahead.
    linux = after[topics[0].pk]
    assert (linux.start_on, linux.end_on) == (MONDAY, wednesday)
    for topic in topics[1:]:
        assert (after[topic.pk].start_on, after[topic.pk].end_on) == (wednesday, wednesday)
    assert max(e.end_on for e in after.values()) < finish_before
    assert linux.baseline_end_on == before[topics[0].pk][1]


def test_a_finished_topic_keeps_its_planned_days_up_to_the_day_it_was_finished():
    planned = (date(2026, 1, 5), date(2026, 1, 8))

    assert finished_dates(planned, date(2026, 1, 7)) == (date(2026, 1, 5), date(2026, 1, 7))
    # Finished late: the planned days stay (the calendar says when it was done).
    assert finished_dates(planned, date(2026, 1, 12)) == planned
    # Finished before it began, or with no plan yet: the day it was finished.
    assert finished_dates(planned, date(2026, 1, 2)) == (date(2026, 1, 2), date(2026, 1, 2))
    assert finished_dates(None, date(2026, 1, 2)) == (date(2026, 1, 2), date(2026, 1, 2))


def test_today_shows_todays_topics_and_what_is_overdue(enrolled):
    view = today_view(enrolled, MONDAY)
    assert [i.topic.slug for i in view.today_items] == ["linux"]
    assert view.overdue == []

    later = today_view(enrolled, MONDAY + timedelta(days=30))
    assert [i.topic.slug for i in later.overdue][:2] == ["linux", "git"]
