"""The plan as an iCalendar file (RFC 5545): blocks, topics, practice due dates, milestones,
and a timed study block on each study day.

Topics, blocks, practices and milestones are all-day events, so that a calendar app shows
them on the right days in any time zone. A finished topic keeps its event, marked with a
"✓ " before its title and a first description line saying so: VEVENT has no COMPLETED
status (RFC 5545 §3.8.1.11 keeps that for VTODO; CANCELLED would hide it or strike it out).
A skipped topic is one the learner will not study: it is CANCELLED, which calendar apps
strike out or hide, with a first description line saying it was skipped.

Each study day's block is a timed event in the learner's time zone (with its VTIMEZONE)
from `STUDY_STARTS_AT`, as long as the minutes the plan gives that day, with a reminder
`REMINDER_BEFORE` its start. UIDs are stable — (enrolment, kind, slug) and (enrolment,
"study", day) — so a subscribed calendar updates events in place after a replan instead of
duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from icalendar import Alarm, Calendar, Event

PRODUCT_ID = "-//Skillpath//Learning plan//EN"
DONE_MARK = "✓ "
# The enrolment has no preferred hour: evening study, after a working day.
STUDY_STARTS_AT = time(18, 0)
REMINDER_BEFORE = timedelta(minutes=10)


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    title: str
    start_on: date
    end_on: date  # inclusive
    description: str = ""
    category: str = ""
    done_note: str = ""  # set for a finished topic: "Done on 7 January 2026."
    skipped_note: str = ""  # set for a skipped topic: "Skipped: not to study."

    @property
    def is_done(self) -> bool:
        return bool(self.done_note)

    @property
    def is_skipped(self) -> bool:
        return bool(self.skipped_note)


@dataclass(frozen=True)
class StudyBlock:
    """A study day's planned time: `minutes` from `STUDY_STARTS_AT` on `on`."""

    uid: str
    title: str
    on: date
    minutes: int
    description: str = ""


def _all_day(item: CalendarItem, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("summary", (DONE_MARK if item.is_done else "") + item.title)
    event.add("dtstart", item.start_on)
    # DTEND of an all-day event is exclusive.
    event.add("dtend", item.end_on + timedelta(days=1))
    notes = (item.done_note, item.skipped_note, item.description)
    description = "\n\n".join(text for text in notes if text)
    if description:
        event.add("description", description)
    if item.is_skipped:
        event.add("status", "CANCELLED")
    if item.category:
        event.add("categories", [item.category])
    event.add("transp", "TRANSPARENT")
    return event


def _timed(block: StudyBlock, stamp: datetime, zone: tzinfo) -> Event:
    start = datetime.combine(block.on, STUDY_STARTS_AT, tzinfo=zone)
    event = Event()
    event.add("uid", block.uid)
    event.add("dtstamp", stamp)
    event.add("summary", block.title)
    event.add("dtstart", start)
    # Wall-clock arithmetic: a block over a DST change still ends `minutes` after it starts
    # by the clock on the wall, as the learner planned it.
    event.add("dtend", start + timedelta(minutes=block.minutes))
    if block.description:
        event.add("description", block.description)
    event.add("transp", "OPAQUE")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", block.title)
    alarm.add("trigger", -REMINDER_BEFORE)
    event.add_component(alarm)
    return event


def plan_calendar(
    name: str,
    items: Iterable[CalendarItem],
    stamp: datetime,
    *,
    blocks: Iterable[StudyBlock] = (),
    zone: tzinfo = UTC,
) -> bytes:
    """Serialise `items` and the study `blocks` (timed in `zone`) as an iCalendar document
    named `name`."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in items:
        calendar.add_component(_all_day(item, stamp))
    for block in blocks:
        if block.minutes > 0:
            calendar.add_component(_timed(block, stamp, zone))
    calendar.add_missing_timezones()
    return calendar.to_ical()
