"""The learner's commands: enroll, log, timer, done, today, report, plan."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from skillpath.cli.learner import WEEKDAYS
from skillpath.cli.main import app
from skillpath.planning.models import Enrolment
from skillpath.tracking.models import StudySession, Timer, TopicProgress

pytestmark = pytest.mark.django_db
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def learner(builtin, settings):
    from skillpath.people.services import ensure_local_user

    start = (timezone.now() - timedelta(days=3)).date().isoformat()
    result = run(
        "enroll", "--start", start, "--hours", "20", "--days", "mon,tue,wed,thu,fri,sat,sun"
    )
    assert result.exit_code == 0, result.output
    return ensure_local_user()


def test_enroll_makes_a_plan(learner):
    enrolment = Enrolment.objects.get(learner=learner)

    assert enrolment.entries.count() == 144
    assert float(enrolment.hours_per_week) == 20


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hours", "0"], "between 1 and 80"),
        (["--hours", "81"], "between 1 and 80"),
        (["--hours", "lots"], "is not a number"),
        # Decimal reads these; a NaN does not even compare with the bounds.
        (["--hours", "nan"], "between 1 and 80"),
        (["--hours", "Infinity"], "between 1 and 80"),
        (["--start", "9999-12-31"], "out of range: Enter a date between 1900-01-01 and 2199-12-31"),
        (["--pace", "custom", "--target", "0001-01-01"], "out of range"),
        (["--day-off", "2026-12-30:9999-12-31"], "out of range"),
        (["--days", "mon,funday"], "'funday' is not a weekday"),
        (["--start", "yesterday"], "is not a date"),
        (["--pace", "custom"], "custom pace needs a target"),
        (["--curriculum", "nope"], "no curriculum 'nope'"),
    ],
)
def test_enroll_refuses_bad_settings_with_a_message(builtin, args, message):
    result = run("enroll", *args)

    assert result.exit_code == 2
    assert message in result.stderr
    assert not Enrolment.objects.exists()


def test_log_with_a_topic_and_a_note(learner):
    result = run("log", "1h30m", "practice", "--topic", "git", "branching", "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["minutes"], data["kind"], data["topic"]) == (90, "practice", "git")
    session = StudySession.objects.get()
    assert session.note == "branching"
    assert TopicProgress.objects.get(learner=learner, topic__slug="git").status == "in_progress"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1x", "theory"], "write it like 1 h 30 min, 45 min"),
        (["²", "theory"], "write it like 1 h 30 min, 45 min"),
        (["9" * 400 + "h", "theory"], "write it like 1 h 30 min, 45 min"),
        (["1h", "sleeping"], "use theory, practice or research"),
        (["1h", "theory", "--topic", "nope"], "no topic 'nope'"),
        (["1h", "theory", "--at", "25:00"], "is not a time"),
    ],
)
def test_log_refuses_bad_input_with_an_example(learner, args, message):
    result = run("log", *args)

    assert result.exit_code == 2
    assert message in result.stderr
    assert not StudySession.objects.exists()


def test_an_overlapping_log_names_the_clash(learner):
    run("log", "1h", "theory")

    result = run("log", "30m", "practice")

    assert result.exit_code == 2
    assert "overlaps your theory session" in result.stderr


def test_the_timer_survives_between_commands(learner):
    assert run("timer", "start", "research").exit_code == 0
    Timer.objects.update(started_at=timezone.now() - timedelta(minutes=25))

    status = json.loads(run("timer", "status", "--json").stdout)
    stopped = run("timer", "stop")

    assert status["running"] and status["kind"] == "research"
    assert "Logged 25 min of research" in stopped.stdout
    assert run("timer", "stop").exit_code == 2


def test_done_updates_the_plan_and_today(learner):
    result = run("done", "linux")

    assert result.exit_code == 0
    today = json.loads(run("today", "--json").stdout)
    assert today["today_topics"][0]["slug"] == "git"
    plan = json.loads(run("plan", "--json").stdout)
    assert plan["topics"][0]["slug"] == "git"
    assert len(json.loads(run("plan", "--all", "--json").stdout)["topics"]) == 144


def test_week_report_json(learner):
    run("log", "2h", "theory")

    report = json.loads(run("report", "week", "--json").stdout)

    assert report["minutes_by_kind"]["theory"] == 120
    assert report["practice_vs_theory"]["target_practice_percent"] == 70
    assert [r["target_percent"] for r in report["split"]] == [30, 50, 20]
    assert report["planned_minutes"] > 0


@pytest.mark.parametrize(
    "args",
    [["report", "week", "--week", "9999-12-31"], ["log", "1h", "theory", "--date", "0001-01-01"]],
)
def test_dates_outside_the_bounds_are_refused(learner, args):
    result = run(*args)

    assert result.exit_code == 2
    assert "is out of range: Enter a date between 1900-01-01 and 2199-12-31" in result.stderr


def test_commands_before_enrolling_say_what_to_do(builtin):
    result = run("today")

    assert result.exit_code == 2
    assert "skillpath enroll" in result.stderr


def test_enroll_sets_the_time_zone_and_refuses_an_unknown_one(builtin):
    from skillpath.people.models import Profile

    bad = run("enroll", "--time-zone", "Mars/Olympus")
    good = run("enroll", "--time-zone", "Europe/Moscow")

    assert bad.exit_code == 2 and "Unknown time zone" in bad.stderr
    assert good.exit_code == 0, good.output
    assert Profile.objects.get().time_zone == "Europe/Moscow"


def test_changing_one_setting_keeps_the_others(builtin):
    """`enroll --start` once put hours back to 20, re-added Friday and dropped a holiday."""
    first = run(
        "enroll",
        "--hours",
        "15",
        "--days",
        "mon,tue,wed,thu",
        "--day-off",
        "2026-12-30:2027-01-05",
        "--start",
        "2026-11-02",
    )
    assert first.exit_code == 0, first.output
    assert run("enroll", "--start", "2026-11-18").exit_code == 0
    enrolment = Enrolment.objects.get()
    assert enrolment.start_on.isoformat() == "2026-11-18"
    assert float(enrolment.hours_per_week) == 15
    assert enrolment.study_weekdays == "0123"
    assert [(d.start_on.isoformat(), d.end_on.isoformat()) for d in enrolment.days_off.all()] == [
        ("2026-12-30", "2027-01-05")
    ]
    # A pace given alone replaces a custom target with its own.
    assert run("enroll", "--pace", "custom", "--target", "2028-06-01").exit_code == 0
    assert run("enroll", "--pace", "24").exit_code == 0
    enrolment.refresh_from_db()
    assert (enrolment.pace, enrolment.target_on.isoformat()) == ("24", "2028-11-18")
    assert float(enrolment.hours_per_week) == 15 and enrolment.study_weekdays == "0123"


def test_a_target_alone_makes_the_pace_custom(builtin):
    """`enroll --target` alone was dropped without a word: the 18-month pace set its own."""
    assert run("enroll", "--start", "2026-11-02", "--hours", "15").exit_code == 0
    result = run("enroll", "--target", "2028-01-31", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["target_on"] == "2028-01-31"
    enrolment = Enrolment.objects.get()
    assert (enrolment.pace, float(enrolment.hours_per_week)) == ("custom", 15)


def test_today_gives_the_days_study_time_and_nudges_until_something_is_logged(learner):
    data = json.loads(run("today", "--json").stdout)
    assert data["is_study_day"] is True
    assert data["planned_minutes_today"] == round(20 * 60 / 7)
    assert (data["logged_minutes_today"], data["nothing_logged_today"]) == (0, True)
    result = run("today")
    assert "2 h 51 min of study today; 0 min logged so far." in result.stdout
    assert "Nothing is logged for today yet" in result.stdout

    # Each of today's topics with its share of the day ("3 h today"), not only its dates.
    shares = {t["slug"]: t["minutes_today"] for t in data["today_topics"]}
    assert sum(shares.values()) == data["planned_minutes_today"] and all(shares.values())
    header = next(line for line in result.stdout.splitlines() if "planned" in line)
    assert "today" in header
    assert "2 h 51 min" in result.stdout.split("Today (")[1]  # in the table too

    run("log", "25m", "practice")
    data = json.loads(run("today", "--json").stdout)
    assert (data["logged_minutes_today"], data["nothing_logged_today"]) == (25, False)
    result = run("today")
    assert "2 h 51 min of study today; 25 min logged so far." in result.stdout
    assert "Nothing is logged for today yet" not in result.stdout


def test_today_does_not_nudge_on_a_day_off(builtin):
    from skillpath.core.dates import week_start

    day = timezone.now().date()
    others = ",".join(name for name, n in WEEKDAYS.items() if n != day.weekday())
    start = (week_start(day) - timedelta(days=7)).isoformat()
    assert run("enroll", "--start", start, "--days", others).exit_code == 0
    data = json.loads(run("today", "--json").stdout)
    assert (data["is_study_day"], data["planned_minutes_today"]) == (False, 0)
    assert data["nothing_logged_today"] is False
    assert "Nothing is logged" not in run("today").stdout


def test_the_cli_speaks_the_language_the_learner_chose_on_the_pages(learner, monkeypatch):
    from skillpath.people.services import remember_language

    monkeypatch.delenv("SKILLPATH_LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "This week" in run("today").output
    remember_language(user=learner, language="ru")
    assert "Эта неделя" in run("today").output
    # SKILLPATH_LANGUAGE still names the terminal's language over the learner's choice.
    monkeypatch.setenv("SKILLPATH_LANGUAGE", "en")
    assert "This week" in run("today").output


def test_today_gives_the_timers_start_in_the_learners_time_zone(learner):
    from datetime import UTC, datetime

    from skillpath.people.services import set_time_zone

    set_time_zone(user=learner, time_zone="Asia/Tokyo")  # UTC+9, no summer time
    Timer.objects.create(
        learner=learner, kind="theory", started_at=datetime(2026, 12, 3, 1, 5, tzinfo=UTC)
    )
    assert "Timer running since 10:05" in run("today").output
