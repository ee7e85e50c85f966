"""Years of study for many learners, written as the tracking and planning services would
have written them, but in bulk: the data behind the dashboard figures (bench/README.md).

A `Study` simulates one learner day by day from a seeded random source: about four
sessions a day of realistic kinds and lengths, on the topic at hand, topics finished (or
skipped) along the way. `write_history` steps all learners through the calendar together
and inserts, day by day, what the services would have inserted that day: the sessions,
the day's `DailyActivity` rollup (their sums), and the `TopicProgress` rows of the topics
finished. Rows therefore lie in the tables as they would after years of use — one
learner's rows scattered among everyone else's — not one learner's in a contiguous run.

Django's `bulk_create` costs over 100 µs a row here, minutes for millions of sessions;
rows go in through Django's connection instead, with `executemany` on SQLite and `COPY`
on PostgreSQL, in the column formats Django itself writes (checked by tests/bench/).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Model, Sum
from django.utils import timezone

from skillpath.curriculum.models import Topic
from skillpath.planning.models import DayOff, Enrolment, Pace, PlanEntry
from skillpath.planning.scheduler import Plan, StudyCalendar, TopicWork, build_plan
from skillpath.planning.services import DEFAULT_TOPIC_HOURS, CalendarInput, check_calendar, enrol
from skillpath.tracking.models import DailyActivity, StudySession, TopicProgress, TopicStatus

# The shape of a study day, tuned so that two years come to about 2,900 sessions (about
# four a day) and 1,500 hours, which finish roughly four topics in five of the seed.
REST_DAY = 0.08  # chance of not studying at all on a day
SESSIONS = (3, 6)  # sessions on a study day, inclusive
FIRST_START = 7 * 60  # the first session starts within two hours of 07:00
SESSION_MINUTES = (10, 53)  # inclusive; about 31 minutes on average
GAP_MINUTES = (5, 94)
LAST_END = 23 * 60 + 50  # sessions never cross midnight: days are whole in the rollup
KINDS = ("theory", "practice", "research")
KIND_SHARES = (0.3, 0.8)  # cumulative: 30 % theory, 50 % practice, 20 % research
RESEARCH_WITHOUT_TOPIC = 0.6  # exploring something outside the plan
PEEK_AHEAD = 0.1  # a session on the next topic before the current one is done
SKIP = 0.03  # topics marked skipped when their turn comes
EFFICIENCY = (0.8, 1.5)  # minutes a topic really takes, as a share of its estimate
NOTE_SHARE = 0.25
NOTES = (
    "read the chapter and took notes",
    "exercises from the book",
    "worked on the project",
    "watched the talk, notes in my wiki",
    "debugged the failing test",
    "wrote a small prototype",
)
CALENDARS = ((12, "01234"), (15, "012345"), (20, "0123456"), (20, "01234"), (10, "0123456"))
HOLIDAYS = (((12, 30), (1, 3)), ((7, 14), (7, 20)))  # a new-year and a summer week off

Stamp = Callable[[str, int], str]


@dataclass(frozen=True)
class Spec:
    """A learner to simulate: enrolled on `start_on`, studying until `last_on`."""

    username: str
    start_on: date
    last_on: date
    hours_per_week: int
    weekdays: str
    seed: int

    @property
    def days_off(self) -> tuple[tuple[date, date], ...]:
        """The holidays within the enrolment, as `DayOff` ranges."""
        ranges = []
        for year in range(self.start_on.year - 1, self.last_on.year + 1):
            for (m1, d1), (m2, d2) in HOLIDAYS:
                start = date(year, m1, d1)
                end = date(year + (m2 < m1), m2, d2)
                if end >= self.start_on and start <= self.last_on:
                    ranges.append((start, end))
        return tuple(sorted(ranges))

    def choice(self) -> CalendarInput:
        return CalendarInput(
            start_on=self.start_on,
            hours_per_week=Decimal(self.hours_per_week),
            study_weekdays=frozenset(int(d) for d in self.weekdays),
            days_off=self.days_off,
            pace=Pace.MONTHS_24,
        )

    def calendar(self) -> StudyCalendar:
        """The calendar `planning.services.study_calendar` makes of the enrolment."""
        return StudyCalendar(
            start_on=self.start_on,
            hours_per_week=float(self.hours_per_week),
            weekdays=frozenset(int(d) for d in self.weekdays),
            days_off=self.days_off,
        )


def spec(username: str, seed: int, start_on: date, last_on: date) -> Spec:
    """A learner with one of the usual calendars, chosen by `seed`."""
    hours, weekdays = CALENDARS[seed % len(CALENDARS)]
    return Spec(username, start_on, last_on, hours, weekdays, seed)


@dataclass(frozen=True)
class TopicInfo:
    id: int
    slug: str
    minutes: int  # the estimate, as `plan_inputs` counts it


def curriculum_topics(curriculum_id: int) -> list[TopicInfo]:
    return [
        TopicInfo(pk, slug, int((hours or DEFAULT_TOPIC_HOURS) * 60))
        for pk, slug, hours in Topic.objects.filter(curriculum_id=curriculum_id)
        .order_by("position")
        .values_list("pk", "slug", "estimated_hours")
    ]


@dataclass
class Progress:
    status: str
    started_on: date
    done_on: date | None = None
    updated_at: str = ""


@dataclass
class Batch:
    """Rows waiting to be written, in the order the services would have written them."""

    sessions: list[tuple] = field(default_factory=list)
    rollups: list[tuple] = field(default_factory=list)
    progress: list[tuple] = field(default_factory=list)


class Study:
    """One learner's study, simulated day by day."""

    def __init__(self, spec: Spec, learner_id: int, topics: Sequence[TopicInfo]) -> None:
        self.spec = spec
        self.learner_id = learner_id
        self.topics = topics
        self.rng = random.Random(spec.seed)
        low, high = EFFICIENCY
        self.need = [round(t.minutes * self.rng.uniform(low, high)) for t in topics]
        self.skipped = {i for i in range(len(topics)) if self.rng.random() < SKIP}
        self.logged: dict[int, int] = {}  # topic index → minutes of its sessions
        self.progress: dict[int, Progress] = {}  # topic index → its TopicProgress row
        self.finished: list[int] = []  # topics finished today: their rows are final
        self.current = -1  # the topic at hand; -1 before the first study day
        self.days_off = {
            start + timedelta(days=i)
            for start, end in spec.days_off
            for i in range((end - start).days + 1)
        }

    def _turn_of(self, index: int, on: date, stamp: str) -> int:
        """The first topic from `index` not skipped; the skipped ones are marked so today."""
        while index < len(self.topics) and index in self.skipped:
            self.progress[index] = Progress(TopicStatus.SKIPPED, on, on, stamp)
            self.finished.append(index)
            index += 1
        return index

    def _ahead(self, index: int) -> int:
        index += 1
        while index < len(self.topics) and index in self.skipped:
            index += 1
        return index

    def live(self, on: date, day: str, stamp: Stamp, batch: Batch) -> None:
        """Study on `on` (`day` is its ISO text): add the day's rows to `batch`."""
        # About 3 million calls for the full bench: random() over randint(), which is
        # several times slower, and a set of days off.
        rand = self.rng.random
        if rand() < REST_DAY or on in self.days_off:
            return
        minute = FIRST_START + int(rand() * 120)
        if self.current < 0:
            self.current = self._turn_of(0, on, stamp(day, minute))
        sums = [0, 0, 0]
        for _ in range(_between(rand, SESSIONS)):
            length = _between(rand, SESSION_MINUTES)
            if minute + length > LAST_END:
                break
            share = rand()
            kind = 0 if share < KIND_SHARES[0] else 1 if share < KIND_SHARES[1] else 2
            end = stamp(day, minute + length)
            topic = self._study(kind, length, on, end)
            note = NOTES[int(rand() * len(NOTES))] if rand() < NOTE_SHARE else ""
            batch.sessions.append(
                (self.learner_id, KINDS[kind], topic, stamp(day, minute), end, length, note, end)
            )
            sums[kind] += length
            minute += length + _between(rand, GAP_MINUTES)
        if sums != [0, 0, 0]:
            batch.rollups.append((self.learner_id, day, *sums))
        if self.finished:
            batch.progress.extend(self._progress_row(i) for i in self.finished)
            self.finished.clear()

    def _study(self, kind: int, minutes: int, on: date, stamp: str) -> int | None:
        """The topic of a session (or None), counting its minutes towards that topic."""
        index = self.current
        if index >= len(self.topics):
            return None  # the whole curriculum is done: reading around
        rand = self.rng.random
        if kind == 2 and rand() < RESEARCH_WITHOUT_TOPIC:
            return None
        if rand() < PEEK_AHEAD and self._ahead(index) < len(self.topics):
            index = self._ahead(index)
        state = self.progress.get(index)
        if state is None:  # log_session marks a topic in progress on its first session
            state = self.progress[index] = Progress(TopicStatus.IN_PROGRESS, on)
        state.updated_at = stamp
        self.logged[index] = self.logged.get(index, 0) + minutes
        while self.current < len(self.topics) and (
            self.logged.get(self.current, 0) >= self.need[self.current]
        ):  # set_topic_status(done) today, and the next topic's turn
            done = self.progress[self.current]
            done.status, done.done_on, done.updated_at = TopicStatus.DONE, on, stamp
            self.finished.append(self.current)
            self.current = self._turn_of(self.current + 1, on, stamp)
        return self.topics[index].id

    def _progress_row(self, index: int) -> tuple:
        state = self.progress[index]
        done_on = state.done_on.isoformat() if state.done_on else None
        return (
            self.learner_id,
            self.topics[index].id,
            state.status,
            state.started_on.isoformat(),
            done_on,
            "",
            state.updated_at,
        )

    def unfinished_rows(self) -> list[tuple]:
        """TopicProgress rows of topics still in progress at the end."""
        return [
            self._progress_row(i)
            for i, state in sorted(self.progress.items())
            if state.status == TopicStatus.IN_PROGRESS
        ]


def _between(rand: Callable[[], float], bounds: tuple[int, int]) -> int:
    """A whole number from `bounds[0]` to `bounds[1]` inclusive."""
    return bounds[0] + int(rand() * (bounds[1] - bounds[0] + 1))


# --- Writing rows --------------------------------------------------------------------------

SESSION_FIELDS = (
    "learner",
    "kind",
    "topic",
    "started_at",
    "ended_at",
    "minutes",
    "note",
    "created_at",
)
ROLLUP_FIELDS = ("learner", "day", "theory_minutes", "practice_minutes", "research_minutes")
PROGRESS_FIELDS = ("learner", "topic", "status", "started_on", "done_on", "notes", "updated_at")
ENTRY_FIELDS = (
    "enrolment",
    "topic",
    "position",
    "start_on",
    "end_on",
    "minutes",
    "baseline_end_on",
)


def timestamps() -> Stamp:
    """`stamp(day, minute)`: a UTC time of day as the text the database stores or reads.

    Django stores an aware datetime in SQLite as naive UTC text ("2026-01-05 07:30:00");
    on PostgreSQL the offset makes the text unambiguous whatever the session's time zone.
    """
    suffix = "+00" if connection.vendor == "postgresql" else ""
    clock = [f"{m // 60:02d}:{m % 60:02d}:00{suffix}" for m in range(24 * 60)]
    return lambda day, minute: f"{day} {clock[minute]}"


def insert_rows(model: type[Model], fields: Sequence[str], rows: Iterable[tuple]) -> None:
    """Insert `rows` (values in `fields` order, already in the database's text formats)."""
    meta = model._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(rows))


def flush(batch: Batch) -> int:
    """Write and empty `batch`; return the number of sessions written."""
    sessions = len(batch.sessions)
    with transaction.atomic():
        insert_rows(StudySession, SESSION_FIELDS, batch.sessions)
        insert_rows(DailyActivity, ROLLUP_FIELDS, batch.rollups)
        insert_rows(TopicProgress, PROGRESS_FIELDS, batch.progress)
    batch.sessions.clear()
    batch.rollups.clear()
    batch.progress.clear()
    return sessions


def write_history(studies: Sequence[Study], log: Callable[[str], None], batch_rows: int) -> int:
    """Step every learner through the calendar together, writing each day's rows as the
    services would have; return the number of sessions written."""
    first = min(s.spec.start_on for s in studies)
    last = max(s.spec.last_on for s in studies)
    stamp = timestamps()
    batch, written, days = Batch(), 0, (last - first).days + 1
    for number in range(days):
        on = first + timedelta(days=number)
        day = on.isoformat()
        for study in studies:
            if study.spec.start_on <= on <= study.spec.last_on:
                study.live(on, day, stamp, batch)
        if len(batch.sessions) >= batch_rows or number == days - 1:
            written += flush(batch)
        if (number + 1) * 10 // days > number * 10 // days:  # every tenth of the days
            log(f"  {on}: {written + len(batch.sessions):,} sessions ({number + 1}/{days} days)")
    for study in studies:
        batch.progress.extend(study.unfinished_rows())
    flush(batch)
    return written


# --- Learners, enrolments and plans --------------------------------------------------------


def create_learners(specs: Sequence[Spec]) -> dict[str, Any]:
    """One user per spec (no usable password: hashing is not what is measured)."""
    user_model = get_user_model()
    users = []
    for item in specs:
        user = user_model(username=item.username)
        user.set_unusable_password()
        users.append(user)
    # Both databases return the new ids from a bulk insert (SQLite since 3.35).
    user_model.objects.bulk_create(users, batch_size=1000)
    return {u.username: u for u in users}


def enrol_through_service(spec: Spec, learner: Any, curriculum: Any) -> Enrolment:
    """Enrol as a learner would on their first day: `planning.services.enrol`."""
    return enrol(learner=learner, curriculum=curriculum, choice=spec.choice(), today=spec.start_on)


def enrol_in_bulk(specs: Sequence[Spec], users: dict[str, Any], curriculum_id: int) -> dict:
    """The Enrolment and DayOff rows `enrol` writes, for many learners at once."""
    now = timezone.now()
    enrolments = [
        Enrolment(
            learner=users[s.username],
            curriculum_id=curriculum_id,
            start_on=s.start_on,
            hours_per_week=Decimal(s.hours_per_week),
            study_weekdays=s.weekdays,
            pace=Pace.MONTHS_24,
            target_on=check_calendar(s.choice()),
            is_current=True,
            planned_at=now,
        )
        for s in specs
    ]
    Enrolment.objects.bulk_create(enrolments, batch_size=1000)
    mine = {s.username: e for s, e in zip(specs, enrolments, strict=True)}
    DayOff.objects.bulk_create(
        (
            DayOff(enrolment=mine[s.username], start_on=start, end_on=end)
            for s in specs
            for start, end in s.days_off
        ),
        batch_size=1000,
    )
    return mine


def first_plan(spec: Spec, topics: Sequence[TopicInfo]) -> Plan:
    """The plan `enrol` makes on the first day: every topic still to do."""
    return build_plan(
        [TopicWork(t.slug, t.minutes) for t in topics], spec.calendar(), spec.start_on
    )


def plan_rows(study: Study, enrolment_id: int, today: date, first: Plan) -> list[tuple]:
    """The PlanEntry rows `replan` writes on `today` after `study`, the enrolment's plan
    having been `first` until then: `plan_inputs` and `replan` over the simulation's
    state instead of over the database."""
    topics = study.topics
    previous = {p.slug: (p.start_on, p.end_on) for p in first.topics}
    work = []
    for index, topic in enumerate(topics):
        state = study.progress.get(index)
        if state and state.status in (TopicStatus.DONE, TopicStatus.SKIPPED):
            when = state.done_on or study.spec.start_on
            fixed = previous.get(topic.slug) or (when, when)
            minutes = topic.minutes if state.status == TopicStatus.DONE else 0
            work.append(TopicWork(topic.slug, minutes, fixed))
            continue
        left = topic.minutes - study.logged.get(index, 0) if state else topic.minutes
        work.append(TopicWork(topic.slug, max(left, 0)))
    plan = build_plan(work, study.spec.calendar(), today)
    ids = {t.slug: t.id for t in topics}
    baseline = {p.slug: p.end_on for p in first.topics}
    return [
        (enrolment_id, ids[p.slug], i, p.start_on, p.end_on, p.minutes, baseline[p.slug])
        for i, p in enumerate(plan.topics)
    ]


def plan_entries_of(enrolment: Enrolment) -> list[tuple]:
    """The enrolment's PlanEntry rows, in the shape of `plan_rows`."""
    return [
        (enrolment.pk, *row)
        for row in enrolment.entries.order_by("position").values_list(
            "topic_id", "position", "start_on", "end_on", "minutes", "baseline_end_on"
        )
    ]


def rollups_match_sessions(learner_ids: Sequence[int]) -> bool:
    """Whether the learners' DailyActivity rows are exactly the sums of their sessions
    per UTC day and kind (all simulated learners live in UTC)."""
    from django.db.models.functions import TruncDate

    sums: dict[tuple[int, date], list[int]] = {}
    rows = (
        StudySession.objects.filter(learner_id__in=learner_ids)
        .annotate(day=TruncDate("started_at"))
        .values_list("learner_id", "day", "kind")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    for learner_id, day, kind, total in rows:
        sums.setdefault((learner_id, day), [0, 0, 0])[KINDS.index(kind)] += total
    rollups = {
        (r.learner_id, r.day): [r.theory_minutes, r.practice_minutes, r.research_minutes]
        for r in DailyActivity.objects.filter(learner_id__in=learner_ids)
    }
    return bool(sums) and sums == rollups


def plan_date_text(rows: list[tuple]) -> list[tuple]:
    """PlanEntry rows with their dates as ISO text, for `insert_rows`."""
    return [
        (e, t, p, start.isoformat(), end.isoformat(), m, base.isoformat())
        for e, t, p, start, end, m, base in rows
    ]


def insert_plan_entries(rows: list[tuple]) -> None:
    with transaction.atomic():
        insert_rows(PlanEntry, ENTRY_FIELDS, plan_date_text(rows))
