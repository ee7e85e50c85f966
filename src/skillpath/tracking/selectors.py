"""Reads of a learner's activity: the weekly report and the dashboard, each in a fixed
number of queries whatever the length of the learner's history (rollups, not sessions)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, QuerySet

from skillpath.core.dates import week_start
from skillpath.curriculum.models import Curriculum, Month, Phase, TimeKind, Topic, WeeklyTarget
from skillpath.planning.forecast import WINDOW_WEEKS, Forecast, forecast_finish
from skillpath.planning.models import Enrolment
from skillpath.planning.scheduler import planned_minutes
from skillpath.planning.selectors import plan_items, week_items
from skillpath.planning.services import DEFAULT_TOPIC_HOURS, study_calendar
from skillpath.tracking.models import (
    DailyActivity,
    EvidenceLink,
    PublicPage,
    StudySession,
    Timer,
    TopicProgress,
    TopicStatus,
)
from skillpath.tracking.reports import WeeklyReport, WeekTopic, streak, weekly_report

HEATMAP_DAYS = 371  # 53 weeks, so the grid starts on a Monday


def sessions(
    learner: AbstractBaseUser, *, limit: int = 50, offset: int = 0
) -> QuerySet[StudySession]:
    """The learner's sessions with their topics and resources, newest first, `limit` from
    `offset`."""
    return StudySession.objects.filter(learner=learner).select_related(
        "topic", "resource", "own_resource"
    )[offset : offset + limit]


def session_for(learner: AbstractBaseUser, session_id: int) -> StudySession | None:
    return StudySession.objects.filter(learner=learner, pk=session_id).first()


def sessions_to_export(learner: AbstractBaseUser) -> Iterator[StudySession]:
    """Every one of the learner's sessions, oldest first, with its topic (one query, read in
    chunks so a long history is not held in memory at once)."""
    return (
        StudySession.objects.filter(learner=learner)
        .select_related("topic")
        .order_by("started_at", "id")
        .iterator(chunk_size=500)
    )


def evidence_for(learner: AbstractBaseUser, topic: Topic, evidence_id: int) -> EvidenceLink | None:
    """One of the learner's evidence links on `topic`, or None (another learner's too)."""
    return (
        EvidenceLink.objects.select_related("progress")
        .filter(pk=evidence_id, progress__learner=learner, progress__topic=topic)
        .first()
    )


def timer_of(learner: AbstractBaseUser) -> Timer | None:
    return Timer.objects.select_related("topic").filter(learner=learner).first()


def minutes_logged_on(learner_id: int, day: date) -> int:
    """Minutes the learner logged on `day` (their time zone), from the daily rollup (one query)."""
    row = DailyActivity.objects.filter(learner_id=learner_id, day=day).first()
    return row.total_minutes if row else 0


def progress_of(learner: AbstractBaseUser, topic: Topic) -> TopicProgress | None:
    return (
        TopicProgress.objects.filter(learner=learner, topic=topic)
        .prefetch_related("evidence")
        .first()
    )


def _minutes_by_kind(rows: list[DailyActivity]) -> dict[str, int]:
    return {
        "theory": sum(r.theory_minutes for r in rows),
        "practice": sum(r.practice_minutes for r in rows),
        "research": sum(r.research_minutes for r in rows),
    }


def weekly_report_for(enrolment: Enrolment, week_on: date, today: date) -> WeeklyReport:
    """The report of the week starting on Monday `week_on`, judged from the learner's
    `today` (5 queries)."""
    week_on = week_start(week_on)
    week_end = week_on + timedelta(days=6)
    rows = list(
        DailyActivity.objects.filter(
            learner_id=enrolment.learner_id, day__range=(week_on, week_end)
        )
    )
    targets = dict(
        WeeklyTarget.objects.filter(curriculum_id=enrolment.curriculum_id).values_list(
            "kind", "percent"
        )
    )
    items = plan_items(enrolment)
    calendar = study_calendar(enrolment)
    # The plan begins on its first topic's day, not on the start date: enrolling (or
    # replanning) with a start in the past lays the topics out from that day, and the days
    # before it had nothing planned, so they cannot leave a week behind.
    plan_starts_on = min((i.entry.start_on for i in items), default=None)
    days = [
        week_on + timedelta(days=i)
        for i in range(7)
        if plan_starts_on is not None and week_on + timedelta(days=i) >= plan_starts_on
    ]
    curriculum = enrolment.curriculum
    return weekly_report(
        week_on=week_on,
        today=today,
        minutes_by_kind=_minutes_by_kind(rows),
        split_targets=targets,
        practice_target=curriculum.practice_percent,
        theory_target=curriculum.theory_percent,
        planned_by_day={day: planned_minutes(calendar, day, day) for day in days},
        topics=[
            WeekTopic(i.entry.end_on, (i.done_on or i.entry.end_on) if i.is_finished else None)
            for i in week_items(items, week_on)
        ],
        topics_done=sum(
            1
            for i in items
            if i.status == TopicStatus.DONE and i.done_on and week_on <= i.done_on <= week_end
        ),
    )


@dataclass
class ProgressRow:
    number: int
    title: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class Dashboard:
    enrolment: Enrolment
    today: date
    overall: ProgressRow
    phases: list[ProgressRow]
    months: list[ProgressRow]
    burnup: dict[str, list] = field(default_factory=dict)  # labels, planned, done
    weekly_hours: dict[str, list] = field(default_factory=dict)  # labels, theory, ...
    heatmap: list[tuple[date, int]] = field(default_factory=list)  # (day, minutes)
    forecast: Forecast | None = None
    streak: int = 0
    timer: Timer | None = None


def dashboard(enrolment: Enrolment, today: date) -> Dashboard:
    """Everything the dashboard shows, in a fixed number of queries."""
    learner_id = enrolment.learner_id
    topics = list(
        Topic.objects.filter(curriculum_id=enrolment.curriculum_id).values_list(
            "id", "block__month_id", "estimated_hours"
        )
    )
    months = list(Month.objects.filter(curriculum_id=enrolment.curriculum_id).order_by("number"))
    phases = list(Phase.objects.filter(curriculum_id=enrolment.curriculum_id).order_by("number"))
    progress = {
        topic_id: (status, done_on)
        for topic_id, status, done_on in TopicProgress.objects.filter(
            learner_id=learner_id, topic__curriculum_id=enrolment.curriculum_id
        ).values_list("topic_id", "status", "done_on")
    }
    entries = list(enrolment.entries.values_list("topic_id", "baseline_end_on", "end_on"))
    baseline = [(topic_id, baseline_on) for topic_id, baseline_on, _end in entries]
    current_finish = max((end for _t, _b, end in entries), default=None)
    first_day = today - timedelta(days=HEATMAP_DAYS - 1)
    activity = list(
        DailyActivity.objects.filter(learner_id=learner_id, day__range=(first_day, today))
    )
    timer = Timer.objects.select_related("topic").filter(learner_id=learner_id).first()

    finished = {
        t
        for t, (status, _d) in progress.items()
        if status in (TopicStatus.DONE, TopicStatus.SKIPPED)
    }
    done_by_month: dict[int, int] = defaultdict(int)
    total_by_month: dict[int, int] = defaultdict(int)
    for topic_id, month_id, _hours in topics:
        total_by_month[month_id] += 1
        done_by_month[month_id] += topic_id in finished
    month_rows = [
        ProgressRow(m.number, m.title, done_by_month[m.pk], total_by_month[m.pk]) for m in months
    ]
    phase_rows = []
    for phase in phases:
        in_phase = [m for m in months if m.phase_id == phase.pk]
        phase_rows.append(
            ProgressRow(
                phase.number,
                phase.title,
                sum(done_by_month[m.pk] for m in in_phase),
                sum(total_by_month[m.pk] for m in in_phase),
            )
        )
    by_day = {row.day: row for row in activity}
    return Dashboard(
        enrolment=enrolment,
        today=today,
        overall=ProgressRow(
            0, enrolment.curriculum.title, len(finished & {t[0] for t in topics}), len(topics)
        ),
        phases=phase_rows,
        months=month_rows,
        burnup=_burnup(enrolment, baseline, progress, today),
        weekly_hours=_weekly_hours(activity, today),
        heatmap=[
            (day, by_day[day].total_minutes if day in by_day else 0)
            for day in (first_day + timedelta(days=i) for i in range(HEATMAP_DAYS))
        ],
        forecast=_forecast(enrolment, topics, progress, activity, current_finish, today),
        streak=streak((r.day for r in activity if r.total_minutes > 0), today),
        timer=timer,
    )


def _burnup(enrolment, baseline, progress, today):  # type: ignore[no-untyped-def]
    """Cumulative topics planned (at enrolment) and done, week by week."""
    if not baseline:
        return {"labels": [], "planned": [], "done": []}
    done_days = sorted(d for status, d in progress.values() if status == TopicStatus.DONE and d)
    planned_days = sorted(end for _t, end in baseline)
    first = week_start(enrolment.start_on)
    last = week_start(max(planned_days[-1], today))
    labels, planned, done = [], [], []
    week = first
    while week <= last:
        end = week + timedelta(days=6)
        labels.append(week.isoformat())
        planned.append(sum(1 for d in planned_days if d <= end))
        done.append(sum(1 for d in done_days if d <= end) if week <= today else None)
        week += timedelta(days=7)
    return {"labels": labels, "planned": planned, "done": done}


def _weekly_hours(activity, today, weeks: int = 26):  # type: ignore[no-untyped-def]
    """Hours per week by kind for the last `weeks` weeks."""
    first = week_start(today) - timedelta(days=7 * (weeks - 1))
    sums = {kind: [0] * weeks for kind in ("theory", "practice", "research")}
    for row in activity:
        if row.day < first:
            continue
        index = (row.day - first).days // 7
        sums["theory"][index] += row.theory_minutes
        sums["practice"][index] += row.practice_minutes
        sums["research"][index] += row.research_minutes
    return {
        "labels": [(first + timedelta(days=7 * i)).isoformat() for i in range(weeks)],
        **{kind: [round(m / 60, 1) for m in values] for kind, values in sums.items()},
    }


def _forecast(enrolment, topics, progress, activity, planned_finish, today):  # type: ignore[no-untyped-def]
    window_start = week_start(today) - timedelta(days=7 * WINDOW_WEEKS)
    weekly = [0.0] * WINDOW_WEEKS
    for row in activity:
        if window_start <= row.day < week_start(today):
            weekly[(row.day - window_start).days // 7] += row.total_minutes / 60
    hours = {t: float(h or DEFAULT_TOPIC_HOURS) for t, _m, h in topics}
    finished_hours = sum(
        hours.get(t, 0)
        for t, (status, d) in progress.items()
        if status == TopicStatus.DONE and d and window_start <= d < week_start(today)
    )
    remaining = sum(
        h
        for t, h in hours.items()
        if progress.get(t, (None, None))[0] not in (TopicStatus.DONE, TopicStatus.SKIPPED)
    )
    return forecast_finish(
        today=today,
        remaining_hours=remaining,
        weekly_logged_hours=weekly,
        finished_estimated_hours=finished_hours,
        planned_finish_on=planned_finish,
        target_on=enrolment.target_on,
        planned_hours_per_week=float(enrolment.hours_per_week or Decimal(0)),
    )


# --- The public progress page ------------------------------------------------------------


def public_page_of(learner: AbstractBaseUser) -> PublicPage | None:
    """The learner's public page settings (None until first saved)."""
    return PublicPage.objects.filter(learner=learner).first()


def public_page_by_token(token: str) -> PublicPage | None:
    """The page a public address points at, if it is turned on (None for a revoked, bad or
    turned-off one)."""
    if not token or len(token) > 64:
        return None
    return PublicPage.objects.select_related("learner").filter(token=token, is_enabled=True).first()


@dataclass(frozen=True)
class DoneTopic:
    title: str
    done_on: date
    links: list[EvidenceLink]


@dataclass(frozen=True)
class DoneMonth:
    month_on: date  # the first of the month the topics were finished in
    topics: list[DoneTopic]


@dataclass(frozen=True)
class PublicProgress:
    """What the public page may show, and nothing else: no notes, no sessions, no account."""

    display_name: str
    months: list[DoneMonth]  # newest first
    checks_passed: list[str]  # the titles of the practice checks passed
    other_links: list[tuple[str, EvidenceLink]]  # public links of topics not done yet

    @property
    def topics_done(self) -> int:
        return sum(len(m.topics) for m in self.months)


def public_progress(page: PublicPage) -> PublicProgress:
    """The public page's content: topics done by the month they were finished, the practice
    checks passed, and only the evidence links marked public (5 queries)."""
    from skillpath.checks.selectors import suite_statuses

    rows = (
        TopicProgress.objects.filter(learner_id=page.learner_id)
        .select_related("topic")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=EvidenceLink.objects.filter(is_public=True),
                to_attr="public_links",
            )
        )
        .order_by("-done_on", "topic__position")
    )
    by_month: dict[date, list[DoneTopic]] = {}
    other: list[tuple[str, EvidenceLink]] = []
    for row in rows:
        title = str(row.topic.title)
        if row.status == TopicStatus.DONE and row.done_on is not None:
            month_on = row.done_on.replace(day=1)
            by_month.setdefault(month_on, []).append(
                DoneTopic(title, row.done_on, row.public_links)
            )
        else:
            other.extend((title, link) for link in row.public_links)
    passed = [
        str(status.suite.title)
        for status in suite_statuses(learner=page.learner)
        if status.is_passed
    ]
    return PublicProgress(
        display_name=page.display_name,
        months=[DoneMonth(m, topics) for m, topics in by_month.items()],
        checks_passed=passed,
        other_links=other,
    )


def done_topic_slugs(*, learner: AbstractBaseUser, curriculum: Curriculum) -> frozenset[str]:
    """The slugs of the curriculum's topics the learner marked done (one query)."""
    rows = TopicProgress.objects.filter(
        learner=learner, topic__curriculum=curriculum, status=TopicStatus.DONE
    ).values_list("topic__slug", flat=True)
    return frozenset(rows)


def active_learner_count(*, since: datetime) -> int:
    """How many learners logged study time from `since` on (one query; for /metrics)."""
    return StudySession.objects.filter(started_at__gte=since).values("learner").distinct().count()


def study_session_counts() -> dict[str, int]:
    """Study sessions stored, by kind of time, every kind present (one query; for /metrics)."""
    counts = dict.fromkeys(TimeKind.values, 0)
    for row in StudySession.objects.order_by().values("kind").annotate(n=Count("id")):
        counts[row["kind"]] = row["n"]
    return counts


def enrolments_without_week(*, week_on: date) -> list[int]:
    """Current enrolments begun before the week of `week_on` ended, whose report of that
    week is not recorded yet."""
    from skillpath.tracking.models import WeekRecord

    recorded = WeekRecord.objects.filter(week_on=week_on).values("enrolment_id")
    return list(
        Enrolment.objects.filter(is_current=True, start_on__lte=week_on + timedelta(days=6))
        .exclude(pk__in=recorded)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
