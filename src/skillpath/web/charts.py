"""Shapes the dashboard's numbers for the page: chart data for `json_script` (drawn by
static/skillpath/charts.js with Chart.js) and the heatmap's weeks for a CSS grid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from skillpath.core.display import duration, long_date, month_abbr, short_date
from skillpath.tracking.selectors import Dashboard

# Minutes a day from which a heatmap cell takes the next shade.
HEAT_LEVELS = (1, 30, 90, 180)


def _label(day_iso: str) -> str:
    return short_date(date.fromisoformat(day_iso))


def dashboard_charts(board: Dashboard) -> dict[str, object]:
    """The burn-up and the hours-per-week series, with every label already translated."""
    burnup = board.burnup
    hours = board.weekly_hours
    return {
        "burnup": {
            "labels": [_label(d) for d in burnup.get("labels", [])],
            "series": [
                {
                    "key": "planned",
                    "label": _("Planned (at enrolment)"),
                    "data": burnup.get("planned", []),
                },
                {"key": "done", "label": _("Done"), "data": burnup.get("done", [])},
            ],
            "y_title": _("Topics"),
        },
        "hours": {
            "labels": [_label(d) for d in hours.get("labels", [])],
            "series": [
                {"key": kind, "label": label, "data": hours.get(kind, [])}
                for kind, label in (
                    ("theory", _("Theory")),
                    ("practice", _("Practice")),
                    ("research", _("Research")),
                )
            ],
            "y_title": _("Hours"),
        },
    }


def workload_chart(days: list[tuple[date, int]]) -> dict[str, object]:
    """Reviews due per day (the next 30 days), for the bar chart and its table."""
    return {
        "workload": {
            "labels": [short_date(d) for d, _n in days],
            "series": [
                {"key": "reviews", "label": _("Reviews due"), "data": [n for _d, n in days]}
            ],
            "y_title": _("Reviews"),
        },
        "rows": [(long_date(d), n) for d, n in days],
        "total": sum(n for _d, n in days),
        "peak": max((n for _d, n in days), default=0),
    }


@dataclass(frozen=True)
class ChartTable:
    """A chart's figures as a table, its text equivalent (under the canvas, in a <details>)."""

    first_column: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]


def chart_table(block: dict, *, first_column: str) -> ChartTable:
    """One block of `dashboard_charts` (or `workload_chart`) as rows: a label, then each
    series' figure, written the way the page's language writes numbers ("—" for none)."""
    series = block["series"]
    return ChartTable(
        first_column,
        [s["label"] for s in series],
        [
            (label, ["—" if v is None else str(floatformat(v, "-1")) for v in values])
            for label, *values in zip(block["labels"], *(s["data"] for s in series), strict=True)
        ],
    )


def dashboard_tables(charts: dict) -> dict[str, ChartTable]:
    """The dashboard's charts (burn-up, hours by kind, reviews due) as tables."""
    week = _("Week starting")
    return {
        "burnup": chart_table(charts["burnup"], first_column=week),
        "hours": chart_table(charts["hours"], first_column=week),
        "workload": chart_table(charts["workload"], first_column=_("Day")),
    }


def heat_legend() -> list[tuple[int, str]]:
    """Each shade of the heatmap and the minutes it stands for, for its legend."""
    bounds = [*HEAT_LEVELS, None]
    legend = [(0, _("no study"))]
    for level, (low, high) in enumerate(pairwise(bounds), start=1):
        if high is None:
            text = _("%(low)s or more a day") % {"low": duration(low)}
        else:
            text = _("%(low)s to %(high)s a day") % {
                "low": duration(low),
                "high": duration(high - 1),
            }
        legend.append((level, text))
    return legend


@dataclass(frozen=True)
class HeatCell:
    day: date
    minutes: int
    level: int
    label: str


@dataclass(frozen=True)
class HeatWeek:
    days: list[HeatCell]
    month_label: str  # the month's short name on the week it starts in, else ""


def _level(minutes: int) -> int:
    return sum(1 for threshold in HEAT_LEVELS if minutes >= threshold)


def heatmap_weeks(days: list[tuple[date, int]]) -> list[HeatWeek]:
    """Columns of seven days (Monday first), each cell with a shade and a readable label."""
    weeks: list[HeatWeek] = []
    for start in range(0, len(days), 7):
        cells = [
            HeatCell(
                day,
                minutes,
                _level(minutes),
                f"{long_date(day)}: " + (duration(minutes) if minutes else _("no study")),
            )
            for day, minutes in days[start : start + 7]
        ]
        first_of_month = next((c.day for c in cells if c.day.day == 1), None)
        label = month_abbr(first_of_month) if first_of_month else ""
        weeks.append(HeatWeek(cells, label))
    return weeks
