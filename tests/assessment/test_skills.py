"""The skills matrix's pure rules: a rating holds until the next one, the matrix compares
now with three months ago, and the radar has one point per skill."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from skillpath.assessment import skills
from skillpath.assessment.skills import Axis, Rating

AXES = [
    Axis(skills.KEY, "design", "System design", "Technical"),
    Axis(skills.KEY, "mentoring", "Mentoring", "Leadership"),
    Axis(skills.PHASE, "month-1", "Python", "Phase 1"),
]
TODAY = date(2026, 6, 15)


def rating(slug, score, day, *, mentor=False, kind=skills.KEY):
    return Rating(kind, slug, score, mentor, day)


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert skills.months_before(date(2026, 6, 15), 3) == date(2026, 3, 15)
    assert skills.months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert skills.months_before(date(2028, 5, 31), 3) == date(2028, 2, 29)
    assert skills.months_before(date(2026, 2, 10), 3) == date(2025, 11, 10)


@given(st.dates(min_value=date(1901, 1, 1)), st.integers(min_value=0, max_value=24))
def test_months_before_is_never_later_and_lands_in_the_right_month(day, months):
    earlier = skills.months_before(day, months)
    assert earlier <= day
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.day == day.day or earlier.day < day.day


def test_a_rating_holds_until_the_next_one_on_each_side():
    ratings = [
        rating("design", 2, date(2026, 1, 10)),
        rating("design", 4, date(2026, 5, 1)),
        rating("design", 3, date(2026, 2, 1), mentor=True),
        rating("design", 5, date(2026, 7, 1)),  # after today: not yet
    ]
    assert skills.scores_on(ratings, TODAY, by_mentor=False) == {(skills.KEY, "design"): 4}
    assert skills.scores_on(ratings, TODAY, by_mentor=True) == {(skills.KEY, "design"): 3}
    assert skills.scores_on(ratings, date(2026, 1, 9), by_mentor=False) == {}


def test_the_matrix_compares_now_with_three_months_ago():
    ratings = [
        rating("design", 2, date(2026, 3, 1)),
        rating("design", 4, date(2026, 6, 1)),
        rating("mentoring", 3, date(2026, 6, 1)),
        rating("month-1", 5, date(2026, 6, 2), mentor=True, kind=skills.PHASE),
    ]
    rows = {r.axis.slug: r for r in skills.matrix(AXES, ratings, TODAY)}
    assert [r.axis.slug for r in skills.matrix(AXES, ratings, TODAY)] == [
        "design",
        "mentoring",
        "month-1",
    ]
    assert (rows["design"].self_now, rows["design"].self_then, rows["design"].change) == (4, 2, 2)
    assert (rows["mentoring"].self_then, rows["mentoring"].change) == (None, None)
    assert (rows["month-1"].self_now, rows["month-1"].mentor_now) == (None, 5)


def test_the_radar_has_a_point_per_axis_of_its_kind_and_zero_where_unrated():
    ratings = [rating("design", 4, date(2026, 6, 1)), rating("design", 2, date(2026, 1, 1))]
    radar = skills.radar(skills.matrix(AXES, ratings, TODAY), skills.KEY)
    assert radar["labels"] == ["System design", "Mentoring"]
    assert radar["now"] == [4, 0] and radar["then"] == [2, 0] and radar["mentor"] == [0, 0]
    assert radar["has_then"] is True and radar["has_mentor"] is False


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["design", "mentoring"]),
            st.integers(skills.LOWEST, skills.HIGHEST),
            st.integers(0, 400),
            st.booleans(),
        ),
        max_size=30,
    )
)
def test_the_score_now_is_the_latest_rating_on_or_before_today(raw):
    ratings = [
        rating(slug, score, TODAY - timedelta(days=ago), mentor=m) for slug, score, ago, m in raw
    ]
    for side in (False, True):
        scores = skills.scores_on(ratings, TODAY, by_mentor=side)
        for slug in ("design", "mentoring"):
            mine = [r for r in ratings if r.slug == slug and r.by_mentor == side]
            if not mine:
                assert (skills.KEY, slug) not in scores
                continue
            latest_day = max(r.rated_on for r in mine)
            assert scores[(skills.KEY, slug)] in {r.score for r in mine if r.rated_on == latest_day}


def test_average_ignores_unrated():
    assert skills.average([4, None, 3]) == 3.5
    assert skills.average([None]) is None
