"""Forms of the learner pages: every piece of input validation lives here; the services
get clean, typed values and still have the last word (their errors go on the form)."""

from __future__ import annotations

import json
import re
import zoneinfo
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from skillpath.core import bounds, display
from skillpath.core.errors import DomainError
from skillpath.curriculum import selectors as curricula
from skillpath.curriculum.models import Curriculum, TimeKind, Topic
from skillpath.people.services import adopt_language
from skillpath.planning.models import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK, Enrolment, Pace
from skillpath.planning.services import (
    SETTINGS,
    CalendarInput,
    change_enrolment,
    check_calendar,
)
from skillpath.tracking import durations
from skillpath.tracking.models import TopicStatus

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
# One day off ("2026-12-31") or a range ("2026-12-30 – 2027-01-05", "..", "to", ":").
_RANGE = re.compile(
    r"^(?P<first>\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:–|—|-|\.\.|:|to|по)\s*(?P<last>\d{4}-\d{2}-\d{2}))?$",
    re.I,
)


def _within_bounds(day: date) -> None:
    if not bounds.is_within_bounds(day):
        raise ValidationError(bounds.bounds_message(), code="out_of_bounds")


class DayField(forms.DateField):
    """A date between the bounds of `core.bounds` (the API's), which the date picker shows.
    Every date field of these forms is one."""

    default_validators = [_within_bounds]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                attrs={
                    "type": "date",
                    "min": bounds.FIRST_DAY.isoformat(),
                    "max": bounds.LAST_DAY.isoformat(),
                },
                format="%Y-%m-%d",
            ),
        )
        super().__init__(**kwargs)


def _hours_message() -> str:
    return gettext("Hours per week must be between %(min)s and %(max)s.") % {
        "min": MIN_HOURS_PER_WEEK,
        "max": MAX_HOURS_PER_WEEK,
    }


# Lazy, so that each request reads it in its own language.
HOURS_MESSAGE = lazy(_hours_message, str)()


def parse_days_off(text: str) -> tuple[tuple[date, date], ...]:
    """Date ranges, one a line; a ValidationError names the first bad line."""
    # Numbered as the learner sees them in the box, blank ones included.
    lines = [(n, raw.strip()) for n, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
    if len(lines) > bounds.MAX_DAYS_OFF:
        raise ValidationError(
            _("Give at most %(count)s days off or ranges."),
            params={"count": bounds.MAX_DAYS_OFF},
            code="too_many",
        )
    ranges = []
    for number, line in lines:
        match = _RANGE.match(line)
        try:
            if match is None:
                raise ValueError
            first = date.fromisoformat(match["first"])
            last = date.fromisoformat(match["last"]) if match["last"] else first
        except ValueError:
            raise ValidationError(
                _(
                    "Line %(number)s, “%(line)s”, is not a date or a range of dates: "
                    "write 2026-12-31 or 2026-12-30 – 2027-01-05."
                ),
                params={"number": number, "line": line},
                code="bad_line",
            ) from None
        if not (bounds.is_within_bounds(first) and bounds.is_within_bounds(last)):
            raise ValidationError(
                _("Line %(number)s, “%(line)s”: dates go from %(first)s to %(last)s."),
                params={
                    "number": number,
                    "line": line,
                    "first": bounds.FIRST_DAY.isoformat(),
                    "last": bounds.LAST_DAY.isoformat(),
                },
                code="out_of_bounds",
            )
        if last < first:
            raise ValidationError(
                _("Line %(number)s, “%(line)s”: the range ends before it starts."),
                params={"number": number, "line": line},
                code="backwards",
            )
        ranges.append((first, last))
    return tuple(ranges)


def format_days_off(ranges: list[tuple[date, date]]) -> str:
    return "\n".join(
        first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
        for first, last in ranges
    )


class CurriculumChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Curriculum) -> str:  # type: ignore[override]
        return str(obj.title)


class EnrolForm(forms.Form):
    curriculum = CurriculumChoiceField(
        queryset=Curriculum.objects.none(), empty_label=None, label=_("Curriculum")
    )
    start_on = DayField(
        label=_("Start date"),
        error_messages={"invalid": _("Enter a date like 2026-01-05.")},
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"),
        max_digits=4,
        decimal_places=1,
        min_value=MIN_HOURS_PER_WEEK,
        max_value=MAX_HOURS_PER_WEEK,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        help_text=_("The plan suggests 15–25; anything from 1 to 80 works."),
        error_messages={
            "min_value": HOURS_MESSAGE,
            "max_value": HOURS_MESSAGE,
            "invalid": _("Enter a number of hours, like 20 or 12.5."),
            "max_digits": HOURS_MESSAGE,
            "max_decimal_places": _("Use at most one decimal place, like 12.5."),
            "max_whole_digits": HOURS_MESSAGE,
        },
    )
    study_weekdays = forms.TypedMultipleChoiceField(
        label=_("Study days"),
        choices=[(str(day), name) for day, name in WEEKDAYS.items()],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one study day of the week.")},
    )
    days_off = forms.CharField(
        label=_("Days off and holidays"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "2026-12-30 – 2027-01-05\n2027-03-08"}
        ),
        help_text=_("One a line: a date, or a range like 2026-12-30 – 2027-01-05."),
    )
    pace = forms.ChoiceField(label=_("Pace"), choices=Pace.choices, widget=forms.RadioSelect)
    target_on = DayField(
        label=_("Target date"),
        required=False,
        help_text=_("Only for a custom pace."),
        error_messages={"invalid": _("Enter a date like 2027-06-30.")},
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[(zone, zone) for zone in sorted(zoneinfo.available_timezones())],
        required=False,
        help_text=_("Your days and session times are shown in it."),
    )

    # The settings as the page showed them (JSON, see `given`): a setting the learner left
    # as shown keeps the enrolment's value, even one changed meanwhile from the CLI or the API.
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    SHOWN = (
        "curriculum",
        "start_on",
        "hours_per_week",
        "study_weekdays",
        "days_off",
        "pace",
        "target_on",
        "time_zone",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["curriculum"].queryset = curricula.curricula()
        if not self.is_bound:
            values = {name: self[name].value() for name in self.SHOWN}
            self.initial["shown"] = json.dumps(values, default=str)

    @classmethod
    def initial_for(
        cls, enrolment: Enrolment | None, today: date, time_zone: str
    ) -> dict[str, Any]:
        """The form's starting values: the current settings, or sensible defaults."""
        if enrolment is None:
            return {
                "curriculum": curricula.default_curriculum(),
                "start_on": today,
                "hours_per_week": 20,
                "study_weekdays": ["0", "1", "2", "3", "4", "5"],
                "pace": Pace.MONTHS_18,
                "time_zone": time_zone,
            }
        return {
            "time_zone": time_zone,
            "curriculum": enrolment.curriculum,
            "start_on": enrolment.start_on,
            # 20.0 shows as 20 (normalize() alone would give 2E+1).
            "hours_per_week": f"{enrolment.hours_per_week.normalize():f}",
            "study_weekdays": list(enrolment.study_weekdays),
            "days_off": format_days_off([(d.start_on, d.end_on) for d in enrolment.days_off.all()]),
            "pace": enrolment.pace,
            "target_on": enrolment.target_on if enrolment.pace == Pace.CUSTOM else None,
        }

    def clean_days_off(self) -> tuple[tuple[date, date], ...]:
        return parse_days_off(self.cleaned_data["days_off"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        if data["pace"] == Pace.CUSTOM and data.get("target_on") is None:
            self.add_error("target_on", _("A custom pace needs a target date."))
            return data
        if data["pace"] == Pace.CUSTOM and data["target_on"] <= data["start_on"]:
            self.add_error("target_on", _("The target date must come after the start date."))
            return data
        try:
            check_calendar(self.choice)
        except DomainError as exc:
            self.add_error(None, str(exc))
        return data

    def save(self, *, learner: Any, now: datetime, language: str = "") -> Enrolment | None:
        """Enrol, or change the settings the learner changed on the page, in the page's
        `language` unless the learner chose one; None (with the error on the form) if
        refused."""
        changed = self.changed_settings()
        zone = self.cleaned_data.get("time_zone") if "time_zone" in changed else None
        choice = self.choice
        try:
            enrolment = change_enrolment(
                learner=learner,
                curriculum=self.cleaned_data["curriculum"],
                given={n: getattr(choice, n) for n in changed if n in SETTINGS},
                now=now,
                time_zone=zone or None,
            )
        except DomainError as exc:
            self.add_error(None, str(exc))
            return None
        adopt_language(user=learner, language=language)
        return enrolment

    def changed_settings(self) -> set[str]:
        """The settings whose value differs from what the page showed: all of them without
        a record of it, or for another curriculum (the page showed the current one's)."""
        every = set(self.SHOWN) - {"curriculum"}
        try:
            shown = json.loads(self.cleaned_data.get("shown") or "")
        except ValueError:
            return every
        if not isinstance(shown, dict) or self._was_changed("curriculum", shown):
            return every
        return {name for name in every if self._was_changed(name, shown)}

    def _was_changed(self, name: str, shown: dict[str, Any]) -> bool:
        field = self.fields[name]
        raw = shown.get(name)
        # The record comes back from the browser: only what the page wrote is read.
        is_text = isinstance(raw, (str, int)) or (
            isinstance(raw, list) and all(isinstance(item, str) for item in raw)
        )
        if raw is not None and not is_text:
            return True
        try:
            before = field.clean(raw)
            if name == "days_off":
                before = parse_days_off(before)
        except ValidationError:
            return True
        return bool(before != self.cleaned_data.get(name))

    @property
    def choice(self) -> CalendarInput:
        data = self.cleaned_data
        return CalendarInput(
            start_on=data["start_on"],
            hours_per_week=Decimal(data["hours_per_week"]),
            study_weekdays=frozenset(data["study_weekdays"]),
            days_off=data["days_off"],
            pace=data["pace"],
            target_on=data["target_on"] if data["pace"] == Pace.CUSTOM else None,
        )


def topic_choices(topics: list[Topic]) -> list[tuple[Any, Any]]:
    """Topics grouped by month for a <select> (topics come with their block and month)."""
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for topic in topics:
        month = topic.block.month
        label = gettext("Month %(number)s: %(title)s") % {
            "number": month.number,
            "title": month.title,
        }
        groups.setdefault(month.pk, (label, []))[1].append((topic.pk, str(topic.title)))
    return [("", _("No topic")), *groups.values()]


def curriculum_topics(enrolment: Enrolment | None) -> list[Topic]:
    """The topics a learner can log time against: those of the current curriculum."""
    if enrolment is None:
        return []
    return list(
        Topic.objects.filter(curriculum_id=enrolment.curriculum_id)
        .select_related("block__month")
        .order_by("position")
    )


class TopicChoiceMixin:
    """A `topic` select over the enrolment's topics; `cleaned_data["topic"]` is a Topic."""

    fields: dict[str, forms.Field]

    def setup_topics(self, topics: list[Topic]) -> None:
        self._topics = {t.pk: t for t in topics}
        field = self.fields["topic"]
        field.choices = topic_choices(topics)  # type: ignore[attr-defined]

    def clean_topic(self) -> Topic | None:
        value = self.cleaned_data.get("topic")  # type: ignore[attr-defined]
        return self._topics.get(value) if value else None


class SessionForm(TopicChoiceMixin, forms.Form):
    on = DayField(
        label=_("Date"),
        error_messages={"invalid": _("Enter a date like 2026-01-05.")},
    )
    start = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=TIME_INPUT,
        help_text=_("Leave empty to log a duration ending now (or at the end of that day)."),
        error_messages={"invalid": _("Enter a time like 09:30.")},
    )
    duration = forms.CharField(
        label=_("Duration"),
        required=False,
        max_length=durations.MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=TimeKind.choices,
        initial=TimeKind.PRACTICE,
        widget=forms.RadioSelect,
    )
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("What did you do?")}),
    )

    resource = forms.ChoiceField(label=_("Resource"), required=False)

    def __init__(
        self,
        *args: Any,
        topics: list[Topic],
        zone: zoneinfo.ZoneInfo,
        now: datetime,
        resources: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.now = now
        self.setup_topics(topics)
        # The plan's resources and the learner's own, by slug (unique across both).
        self._resources = {r.slug: r for r in resources or []}
        self.fields["resource"].choices = [("", "—")] + [
            (r.slug, str(r.title)) for r in resources or []
        ]
        duration = self.fields["duration"]
        duration.widget.attrs["placeholder"] = display.duration(90)
        duration.help_text = _(
            "Like %(examples)s. Without it, a session from the start time lasts until now."
        ) % {"examples": durations.examples()}

    def clean_duration(self) -> int | None:
        text = self.cleaned_data["duration"].strip()
        if not text:
            return None
        try:
            return durations.parse_duration(text)
        except durations.BadDurationError:
            raise ValidationError(
                _(
                    "“%(value)s” is not a duration between a minute and a day: "
                    "write it like %(examples)s."
                ),
                params={"value": text, "examples": durations.examples()},
                code="bad_duration",
            ) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        start: time | None = data.get("start")
        minutes: int | None = data.get("duration")
        today = self.now.astimezone(self.zone).date()
        if start is None and minutes is None:
            self.add_error("duration", _("Give a duration, a start time, or both."))
        elif start is not None and minutes is None and data["on"] != today:
            self.add_error("duration", _("For an earlier day, give how long the session lasted."))
        return data

    def session_arguments(self) -> dict[str, Any]:
        """Keyword arguments for `tracking.services.log_session` (besides learner and now)."""
        data = self.cleaned_data
        arguments: dict[str, Any] = {
            "kind": data["kind"],
            "topic": data["topic"],
            "note": data["note"].strip(),
        }
        if data.get("resource"):
            arguments["resource"] = self._resources[data["resource"]]
        if data.get("start") is not None:
            started_at = datetime.combine(data["on"], data["start"], tzinfo=self.zone)
            arguments["started_at"] = started_at
            if data["duration"] is None:
                arguments["ended_at"] = self.now
            else:
                arguments["minutes"] = data["duration"]
        else:
            arguments["minutes"] = data["duration"]
            arguments["on"] = data["on"]
        return arguments


class SessionEditForm(SessionForm):
    """A session as it was logged: its day, start time and length, all three needed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Editing keeps the resource a session was logged against.
        del self.fields["resource"]
        self.fields["start"].required = True
        self.fields["start"].help_text = ""
        self.fields["duration"].required = True
        self.fields["duration"].help_text = _("Like %(examples)s.") % {
            "examples": durations.examples()
        }

    @staticmethod
    def initial_for(session: Any, zone: zoneinfo.ZoneInfo) -> dict[str, Any]:
        start = session.started_at.astimezone(zone)
        return {
            "on": start.date(),
            "start": start.time().replace(second=0, microsecond=0),
            # As every page writes a duration; it parses back exactly (tests/tracking).
            "duration": display.duration(session.minutes),
            "kind": session.kind,
            "topic": session.topic_id,
            "note": session.note,
        }

    def clean(self) -> dict[str, Any]:
        # Both are required here, so the base class's "give one or the other" does not apply.
        return forms.Form.clean(self)

    def edit_arguments(self) -> dict[str, Any]:
        """Keyword arguments for `tracking.services.edit_session` (besides learner, session
        and now)."""
        data = self.cleaned_data
        started_at = datetime.combine(data["on"], data["start"], tzinfo=self.zone)
        return {
            "kind": data["kind"],
            "topic": data["topic"],
            "note": data["note"].strip(),
            "started_at": started_at,
            "ended_at": started_at + timedelta(minutes=data["duration"]),
        }


class TimerForm(TopicChoiceMixin, forms.Form):
    # Beside the quick log form on the Today page: a prefix keeps the field ids apart.
    prefix = "timer"
    kind = forms.ChoiceField(label=_("Kind"), choices=TimeKind.choices, initial=TimeKind.PRACTICE)
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args: Any, topics: list[Topic], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_topics(topics)


class TopicStatusForm(forms.Form):
    status = forms.ChoiceField(choices=TopicStatus.choices)
    notes = forms.CharField(required=False, max_length=10_000, widget=forms.Textarea)


class EvidenceForm(forms.Form):
    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://github.com/you/project"}),
        error_messages={"invalid": _("Enter a web address that starts with https://")},
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    is_public = forms.BooleanField(label=_("Show it on my public progress page"), required=False)


class EvidencePublicForm(forms.Form):
    is_public = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class PublicPageForm(forms.Form):
    is_enabled = forms.BooleanField(label=_("Turn on my public progress page"), required=False)
    display_name = forms.CharField(
        label=_("Name shown on the page"),
        required=False,
        max_length=80,
        help_text=_("Leave it empty to stay anonymous: your username is never shown."),
    )
