"""Template filters for the curriculum pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()


@register.filter
def as_list(value: Iterable[Any]) -> list[Any]:
    """A prefetched queryset as a list, so `|last` works (querysets refuse negative indexing)."""
    return list(value)


@register.simple_tag(takes_context=True)
def running_timer(context: template.Context) -> Any:
    """The signed-in learner's running timer (read once per request), for the navbar."""
    from skillpath.web.access import running_timer as timer_of_request

    request = context.get("request")
    return timer_of_request(request) if request is not None else None


@register.filter
def elapsed_seconds(timer: Any) -> int:
    """Seconds since a timer started (the page's script keeps counting from here)."""
    from django.utils import timezone

    if timer is None:
        return 0
    return max(0, int((timezone.now() - timer.started_at).total_seconds()))


@register.filter
def clock(seconds: int) -> str:
    """Seconds as H:MM:SS, the way the running timer shows them."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


@register.filter
def duration(minutes: int) -> str:
    """Minutes as "3 h 45 min" («3 ч 45 мин»): core/display.py writes every duration."""
    from skillpath.core import display

    return display.duration(minutes or 0)


@register.filter
def hours_duration(hours: Any) -> str:
    """An estimate in hours (3.5) written as a duration: "3 h 30 min"."""
    from skillpath.core import display

    return display.duration(round(float(hours or 0) * 60))


def _local_day(value: Any) -> Any:
    """A datetime as its day in the current time zone (as Django's `date` filter reads it)."""
    from datetime import datetime

    from django.utils import timezone

    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def short_date(day: Any, weekday: str = "") -> str:
    """A date without its year: "June 2", «2 июн.»; `short_date:"weekday"` puts the day's
    short name first. core/display.py writes every date."""
    from skillpath.core import display

    if not day:
        return ""
    return display.short_date(_local_day(day), weekday=weekday == "weekday")


@register.filter
def long_date(day: Any, weekday: str = "") -> str:
    """A date with its year: "June 2, 2028", «2 июня 2028»; `long_date:"weekday"` puts the
    day's name first."""
    from skillpath.core import display

    if not day:
        return ""
    return display.long_date(_local_day(day), weekday=weekday == "weekday")


@register.filter
def described_by(field: Any) -> str:
    """The ids of a field's help text and error (as forms/field.html and choices.html give
    them), for its aria-describedby; "" when it has neither."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    return " ".join(described)


@register.filter
def control(field: Any) -> str:
    """A form field's widget with Bootstrap's class and the ARIA links to its help and error."""
    from django import forms

    widget = field.field.widget
    css = "form-select" if isinstance(widget, forms.Select) else "form-control"
    attrs = {"class": css + (" is-invalid" if field.errors else "")}
    if field.errors:
        attrs["aria-invalid"] = "true"
    if described := described_by(field):
        attrs["aria-describedby"] = described
    return field.as_widget(attrs=attrs)


@register.filter
def add_days(day: Any, days: int) -> Any:
    """A date `days` later."""
    from datetime import timedelta

    return day + timedelta(days=int(days)) if day else day


@register.filter
def rest_of(value: Any, whole: int = 100) -> int:
    """What is left of `whole`: the empty part of a progress bar."""
    return max(0, int(whole) - int(value or 0))


@register.filter
def percent_of(part: Any, whole: Any) -> int:
    """`part` as a whole percentage of `whole`, capped at 100 (0 when `whole` is 0)."""
    if not whole:
        return 0
    return max(0, min(100, round(100 * float(part or 0) / float(whole))))


@register.filter
def kind_label(kind: str) -> str:
    """The translated name of a kind of study time (theory, practice, research)."""
    from skillpath.curriculum.models import TimeKind

    return str(TimeKind(kind).label) if kind in TimeKind.values else kind


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """`mapping[key]`, or None: the templates read per-topic and per-month figures by id."""
    try:
        return mapping.get(key) if mapping is not None else None
    except AttributeError:
        return None


@register.filter
def mastery_label(status: str) -> str:
    """The translated name of a mastery status."""
    from django.utils.translation import gettext as _

    labels = {
        "not_started": _("Not started"),
        "learning": _("Learning"),
        "fading": _("Fading"),
        "mastered": _("Mastered"),
    }
    return labels.get(status, status)
