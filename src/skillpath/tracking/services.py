"""Writes about what a learner did: sessions (with the daily rollup), the timer, topic status.

Every write that changes a learner's sessions holds a lock on the learner's row, so two
requests cannot both pass the overlap check (SQLite serialises writers on its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from skillpath.core import display
from skillpath.core.display import long_date
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Resource, TimeKind, Topic
from skillpath.people.selectors import time_zone_of
from skillpath.tracking import durations
from skillpath.tracking.durations import MAX_SESSION_MINUTES
from skillpath.tracking.links import canonical_url
from skillpath.tracking.models import (
    DailyActivity,
    EvidenceLink,
    LearnerResource,
    PublicPage,
    StudySession,
    Timer,
    TopicProgress,
    TopicStatus,
    new_public_token,
)

# A session logged for an earlier day with no start time begins here, or after the last
# session of that day.
DEFAULT_START = time(9, 0)
CLOCK_SKEW = timedelta(minutes=1)
# However a session is given (a duration, a start and a duration, a start and an end, the
# timer), it lasts at most this long: a longer one is a mistake, not a day's study.
LONGEST_SESSION = timedelta(minutes=MAX_SESSION_MINUTES)


class SessionError(DomainError):
    pass


class TimerError(DomainError):
    pass


class ProgressError(DomainError):
    pass


class DuplicateEvidenceError(ProgressError):
    pass


def _lock(learner: AbstractBaseUser) -> None:
    get_user_model().objects.select_for_update().filter(pk=learner.pk).first()


def _describe(session: StudySession, zone) -> str:  # type: ignore[no-untyped-def]
    start = session.started_at.astimezone(zone)
    end = session.ended_at.astimezone(zone)
    return _("your %(kind)s session of %(day)s, %(start)s–%(end)s") % {
        "kind": TimeKind(session.kind).label.lower(),
        "day": long_date(start.date()),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


@transaction.atomic
def log_session(
    *,
    learner: AbstractBaseUser,
    kind: str,
    now: datetime,
    minutes: int | None = None,
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
    on: date | None = None,
    topic: Topic | None = None,
    note: str = "",
    resource: Resource | LearnerResource | None = None,
) -> StudySession:
    """Record a study session, update the day's rollup and mark its topic in progress.
    A session may name the resource it was spent on (the plan's or the learner's own).

    Give `started_at` and `ended_at`, or `started_at` and `minutes`, or only `minutes`
    (ending now, or on the day `on`). Refuses sessions in the future, of no length, longer
    than a day, or overlapping another session, naming the one they clash with.
    """
    if kind not in TimeKind.values:
        raise SessionError(
            _("Unknown kind '%(kind)s': use theory, practice or research.") % {"kind": kind}
        )
    _lock(learner)
    zone = time_zone_of(learner)
    started_at, ended_at = _times(learner, zone, now, minutes, started_at, ended_at, on)
    length = _checked_length(learner, zone, now, started_at, ended_at)
    session = StudySession.objects.create(
        learner=learner,
        kind=kind,
        topic=topic,
        **_resource_columns(learner, resource),
        started_at=started_at,
        ended_at=ended_at,
        minutes=length,
        note=note,
    )
    _add_to_rollup(learner, started_at.astimezone(zone).date(), kind, length)
    if topic is not None:
        _start_topic(learner, topic, started_at.astimezone(zone).date())
    return session


def _resource_columns(
    learner: AbstractBaseUser, resource: Resource | LearnerResource | None
) -> dict[str, Resource | LearnerResource | None]:
    """The session's two resource columns: at most one is set (a database constraint)."""
    if isinstance(resource, LearnerResource):
        if resource.learner_id != learner.pk:
            raise SessionError(_("This resource is not yours."))
        return {"resource": None, "own_resource": resource}
    return {"resource": resource, "own_resource": None}


def _checked_length(  # type: ignore[no-untyped-def]
    learner: AbstractBaseUser,
    zone,
    now: datetime,
    started_at: datetime,
    ended_at: datetime,
    *,
    exclude: StudySession | None = None,
) -> int:
    """The session's length in minutes, after the rules every session follows (the same for
    a new one and an edited one, which is not compared with itself)."""
    if ended_at <= started_at:
        raise SessionError(_("A session must last at least a minute."))
    if ended_at - started_at > LONGEST_SESSION:
        raise SessionError(_("A session cannot last longer than a day: log each day on its own."))
    if ended_at > now + CLOCK_SKEW:
        raise SessionError(_("A session cannot end in the future."))
    others = StudySession.objects.filter(
        learner=learner, started_at__lt=ended_at, ended_at__gt=started_at
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    clash = others.order_by("started_at").first()
    if clash is not None:
        raise SessionError(
            _("This session overlaps %(other)s.") % {"other": _describe(clash, zone)}
        )
    length = int((ended_at - started_at).total_seconds() // 60)
    if length <= 0:
        raise SessionError(_("A session must last at least a minute."))
    return length


@transaction.atomic
def edit_session(
    *,
    learner: AbstractBaseUser,
    session: StudySession,
    now: datetime,
    kind: str,
    started_at: datetime,
    ended_at: datetime,
    topic: Topic | None,
    note: str,
) -> StudySession:
    """Change one of the learner's sessions, moving its minutes between the days' rollups,
    and mark its (new) topic in progress. Refused for the same reasons as a new session."""
    if session.learner_id != learner.pk:
        raise SessionError(_("This session is not yours."))
    if kind not in TimeKind.values:
        raise SessionError(
            _("Unknown kind '%(kind)s': use theory, practice or research.") % {"kind": kind}
        )
    _lock(learner)
    zone = time_zone_of(learner)
    # Read again under the lock: the row in hand may be stale, and its old minutes are what
    # comes out of the rollup.
    current = StudySession.objects.filter(pk=session.pk, learner=learner).first()
    if current is None:
        raise SessionError(_("This session was deleted in the meantime."))
    length = _checked_length(learner, zone, now, started_at, ended_at, exclude=current)
    _take_from_rollup(learner, current.started_at.astimezone(zone).date(), current)
    current.kind = kind
    current.started_at = started_at
    current.ended_at = ended_at
    current.minutes = length
    current.topic = topic
    current.note = note
    current.save(update_fields=["kind", "started_at", "ended_at", "minutes", "topic", "note"])
    _add_to_rollup(learner, started_at.astimezone(zone).date(), kind, length)
    if topic is not None:
        _start_topic(learner, topic, started_at.astimezone(zone).date())
    return current


def _times(learner, zone, now, minutes, started_at, ended_at, on):  # type: ignore[no-untyped-def]
    if started_at is not None and ended_at is not None:
        return started_at, ended_at
    if minutes is None or minutes <= 0:
        raise SessionError(
            _("Give a duration of at least one minute, like %(examples)s.")
            % {"examples": durations.examples()}
        )
    length = timedelta(minutes=minutes)
    if started_at is not None:
        return started_at, started_at + length
    local_today = now.astimezone(zone).date()
    if on is None or on == local_today:
        return now - length, now
    if on > local_today:
        raise SessionError(_("A session cannot be logged for a day in the future."))
    day_start = datetime.combine(on, DEFAULT_START, tzinfo=zone)
    day_end = datetime.combine(on + timedelta(days=1), time(0, 0), tzinfo=zone)
    taken = StudySession.objects.filter(
        learner=learner, ended_at__gt=day_start, started_at__lt=day_end
    ).order_by("started_at")
    # The first free stretch long enough from DEFAULT_START on; a session that runs past
    # midnight (into today, say) only takes the evening it covers.
    start = day_start
    for session in taken.only("started_at", "ended_at"):
        if session.started_at - start >= length:
            break
        start = max(start, session.ended_at)
    if start + length > day_end and length <= LONGEST_SESSION:  # longer: refused as such
        raise SessionError(
            _("%(day)s has no free stretch of %(length)s after %(start)s: give the start time.")
            % {
                "day": long_date(on),
                "length": display.duration(minutes),
                "start": DEFAULT_START.strftime("%H:%M"),
            }
        )
    return start, start + length


def _add_to_rollup(learner: AbstractBaseUser, day: date, kind: str, minutes: int) -> None:
    column = f"{kind}_minutes"
    updated = DailyActivity.objects.filter(learner=learner, day=day).update(
        **{column: F(column) + minutes}
    )
    if not updated:
        DailyActivity.objects.create(learner=learner, day=day, **{column: minutes})


def _take_from_rollup(learner: AbstractBaseUser, day: date, session: StudySession) -> None:
    column = f"{session.kind}_minutes"
    DailyActivity.objects.filter(learner=learner, day=day).update(
        **{column: F(column) - session.minutes}
    )


def _start_topic(learner: AbstractBaseUser, topic: Topic, day: date) -> None:
    progress, _created = TopicProgress.objects.get_or_create(learner=learner, topic=topic)
    if progress.status == TopicStatus.NOT_STARTED:
        progress.status = TopicStatus.IN_PROGRESS
        progress.started_on = day
        progress.save(update_fields=["status", "started_on", "updated_at"])


@transaction.atomic
def delete_session(*, learner: AbstractBaseUser, session: StudySession) -> None:
    """Delete one of the learner's sessions and take it out of the day's rollup."""
    if session.learner_id != learner.pk:
        raise SessionError(_("This session is not yours."))
    _lock(learner)
    _take_from_rollup(learner, session.started_at.astimezone(time_zone_of(learner)).date(), session)
    session.delete()


@transaction.atomic
def start_timer(
    *,
    learner: AbstractBaseUser,
    kind: str,
    now: datetime,
    topic: Topic | None = None,
    note: str = "",
) -> Timer:
    """Start the learner's timer; refuse when one is already running."""
    if kind not in TimeKind.values:
        raise TimerError(
            _("Unknown kind '%(kind)s': use theory, practice or research.") % {"kind": kind}
        )
    _lock(learner)
    running = Timer.objects.filter(learner=learner).first()
    if running is not None:
        local = running.started_at.astimezone(time_zone_of(learner))
        raise TimerError(
            _("A timer is already running since %(time)s; stop it first.")
            % {"time": local.strftime("%H:%M")}
        )
    return Timer.objects.create(learner=learner, kind=kind, topic=topic, started_at=now, note=note)


@dataclass(frozen=True)
class StoppedTimer:
    """What stopping the timer did: the session it logged, or why it logged none."""

    session: StudySession | None
    not_logged: str = ""


@transaction.atomic
def stop_timer(*, learner: AbstractBaseUser, now: datetime) -> StoppedTimer:
    """Stop the timer and log its session; nothing is logged when it ran under a minute or
    longer than a session can last (a timer forgotten overnight)."""
    _lock(learner)
    timer = Timer.objects.filter(learner=learner).first()
    if timer is None:
        raise TimerError(_("No timer is running."))
    timer.delete()
    ran = now - timer.started_at
    if ran < timedelta(minutes=1):
        return StoppedTimer(None, _("The timer ran for less than a minute: nothing was logged."))
    if ran > LONGEST_SESSION:
        # Stopped all the same: refusing would leave the learner a timer that never stops.
        start = timer.started_at.astimezone(time_zone_of(learner))
        return StoppedTimer(
            None,
            _(
                "The timer ran for more than a day, since %(day)s %(time)s: nothing was "
                "logged. Log the time you studied as sessions of their own."
            )
            % {
                "day": long_date(start.date()),
                "time": start.strftime("%H:%M"),
            },
        )
    session = log_session(
        learner=learner,
        kind=timer.kind,
        now=now,
        started_at=timer.started_at,
        ended_at=now,
        topic=timer.topic,
        note=timer.note,
    )
    return StoppedTimer(session)


@transaction.atomic
def set_topic_status(
    *,
    learner: AbstractBaseUser,
    topic: Topic,
    status: str,
    today: date,
    notes: str | None = None,
) -> TopicProgress:
    """Change a topic's status (recording when it was started or finished), then replan the
    learner's enrolment in that curriculum so the schedule follows."""
    if status not in TopicStatus.values:
        raise ProgressError(_("Unknown status '%(status)s'.") % {"status": status})
    progress, _created = TopicProgress.objects.select_for_update().get_or_create(
        learner=learner, topic=topic
    )
    progress.status = status
    if status == TopicStatus.NOT_STARTED:
        progress.started_on = progress.done_on = None
    elif status == TopicStatus.IN_PROGRESS:
        progress.started_on = progress.started_on or today
        progress.done_on = None
    else:
        progress.started_on = progress.started_on or today
        progress.done_on = today
    if notes is not None:
        progress.notes = notes
    progress.save()
    _replan_for(learner, topic, today)
    return progress


def _replan_for(learner: AbstractBaseUser, topic: Topic, today: date) -> None:
    from skillpath.planning.models import Enrolment
    from skillpath.planning.services import replan

    enrolment = Enrolment.objects.filter(learner=learner, curriculum_id=topic.curriculum_id).first()
    if enrolment is not None:
        replan(enrolment=enrolment, today=today)


@transaction.atomic
def add_evidence(
    *, learner: AbstractBaseUser, topic: Topic, url: str, title: str = "", is_public: bool = False
) -> EvidenceLink:
    """Attach a link (a repository, a post, a certificate) as evidence for a topic, in its
    canonical form (tracking.links); a link already there, however it is written, is refused
    (the database refuses it too, when two requests race)."""
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ProgressError(
            _("'%(url)s' is not a web address: it should start with https://") % {"url": url}
        ) from None
    canonical = canonical_url(url)
    # The form can be a character longer ("/" for an empty path); the column would refuse it.
    if len(canonical) <= EvidenceLink._meta.get_field("url").max_length:
        url = canonical
    progress, _created = TopicProgress.objects.get_or_create(learner=learner, topic=topic)
    if EvidenceLink.objects.filter(progress=progress, url=url).exists():
        raise DuplicateEvidenceError(_duplicate_message(url))
    try:
        # A savepoint: the unique constraint may refuse the row when another request saved
        # the same link since the check above, and the transaction must go on.
        with transaction.atomic():
            return EvidenceLink.objects.create(
                progress=progress, url=url, title=title[:200], is_public=is_public
            )
    except IntegrityError:
        raise DuplicateEvidenceError(_duplicate_message(url)) from None


def _duplicate_message(url: str) -> str:
    return _("%(url)s is already among the evidence of this topic.") % {"url": url}


def set_evidence_public(
    *, learner: AbstractBaseUser, link: EvidenceLink, is_public: bool
) -> EvidenceLink:
    """Show an evidence link on the learner's public progress page, or hide it."""
    if link.progress.learner_id != learner.pk:
        raise ProgressError(_("This link is not yours."))
    link.is_public = is_public
    link.save(update_fields=["is_public"])
    return link


def delete_evidence(*, learner: AbstractBaseUser, link: EvidenceLink) -> None:
    """Delete one of the learner's evidence links."""
    if link.progress.learner_id != learner.pk:
        raise ProgressError(_("This link is not yours."))
    link.delete()


# --- The public progress page ------------------------------------------------------------


@transaction.atomic
def set_public_page(
    *, learner: AbstractBaseUser, is_enabled: bool, display_name: str = ""
) -> PublicPage:
    """Turn the learner's public progress page on or off and set the name it shows."""
    page, _created = PublicPage.objects.select_for_update().get_or_create(learner=learner)
    page.is_enabled = is_enabled
    page.display_name = display_name.strip()[:80]
    page.save(update_fields=["is_enabled", "display_name", "updated_at"])
    return page


@transaction.atomic
def revoke_public_page(*, learner: AbstractBaseUser) -> PublicPage:
    """Give the public page a new secret address; the old one is a 404 at once."""
    page, _created = PublicPage.objects.select_for_update().get_or_create(learner=learner)
    page.token = new_public_token()
    page.save(update_fields=["token", "updated_at"])
    return page


def learner_today(learner_id: int) -> date:
    """Today's date where the learner is (their profile's time zone)."""
    from django.utils import timezone

    learner = get_user_model()(pk=learner_id)
    return timezone.now().astimezone(time_zone_of(learner)).date()


def record_finished_week(*, enrolment_id: int, week_on: date) -> bool:
    """Keep the report of the week starting on Monday `week_on` as it stands now (one
    `WeekRecord` row, written once: True if this call wrote it). A week not over yet where
    the learner is is left alone."""
    from skillpath.planning.models import Enrolment
    from skillpath.tracking.models import WeekRecord
    from skillpath.tracking.selectors import weekly_report_for

    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None:
        return False
    today = learner_today(enrolment.learner_id)
    if week_on + timedelta(days=7) > today:
        return False
    report = weekly_report_for(enrolment, week_on, today)
    with transaction.atomic():
        # The unique (enrolment, week) row makes a second run — a retry, a task delivered
        # twice — a no-op: the week is recorded once, as it stood the first time.
        _record, created = WeekRecord.objects.get_or_create(
            enrolment=enrolment, week_on=week_on, defaults={"report": report.as_dict()}
        )
    return created
