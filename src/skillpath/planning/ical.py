"""The plan as an iCalendar file (RFC 5545): blocks, topics, practice due dates, milestones.

All-day events, so that a calendar app shows them on the right days in any time zone.
UIDs are stable (enrolment, kind, slug), so a subscribed calendar updates events in place
after a replan instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

PRODUCT_ID = "-//Skillpath//Learning plan//EN"


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    title: str
    start_on: date
    end_on: date  # inclusive
    description: str = ""
    category: str = ""


def plan_calendar(name: str, items: Iterable[CalendarItem], stamp: datetime) -> bytes:
    """Serialise `items` as an iCalendar document named `name`."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        event.add("dtstart", item.start_on)
        # DTEND of an all-day event is exclusive.
        event.add("dtend", item.end_on + timedelta(days=1))
        if item.description:
            event.add("description", item.description)
        if item.category:
            event.add("categories", [item.category])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
