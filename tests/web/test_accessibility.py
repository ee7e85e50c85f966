"""What a screen reader gets from the learner pages' markup (WCAG 2.2 AA): a label for every
field, errors tied to their field, a timer that says when it starts and stops without
reading out its clock, a text equivalent under every chart and words for the heatmap's
shades. The keyboard and the motion are tested in a browser (tests/e2e)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from skillpath.tracking.services import log_session, start_timer
from tests.web.conftest import in_language
from tests.web.learner import body, enrol_from_this_week, today

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def text(self) -> str:
        parts = [*self.texts, *(child.text() for child in self.children)]
        return " ".join(" ".join(parts).split())

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.walk()
            if (tag is None or e.tag == tag)
            and all(e.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag or '*'} {attrs}>"
        return found[0]

    def ancestors(self):
        parent = self.parent
        while parent is not None:
            yield parent
            parent = parent.parent


class TreeBuilder(HTMLParser):
    """Just enough of an HTML tree for these tests: the templates close their tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = self.root

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs_list}, self.open)
        self.open.children.append(element)
        if tag not in VOID:
            self.open = element

    def handle_startendtag(self, tag: str, attrs_list: list) -> None:
        self.handle_starttag(tag, attrs_list)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.open
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.open = node.parent

    def handle_data(self, data: str) -> None:
        self.open.texts.append(data)


def tree(response) -> Element:
    builder = TreeBuilder()
    builder.feed(body(response))
    return builder.root


@pytest.fixture
def learner(client, builtin, alice):
    """alice, enrolled from this week's Monday, reading in English."""
    enrol_from_this_week(alice, builtin)
    client.force_login(alice)
    in_language(client, "en")
    return alice


# --- Labels ----------------------------------------------------------------------------

FIELDS = ("input", "select", "textarea")
NOT_FIELDS = ("hidden", "submit", "button", "reset", "image")


def unlabelled(page: Element) -> list[dict[str, str]]:
    """Fields with no <label> (for, or around them) and no aria-label(ledby): a
    placeholder is no label, it goes when typing starts."""
    labelled = {label.attrs.get("for") for label in page.find_all("label")}
    return [
        element.attrs
        for element in page.walk()
        if element.tag in FIELDS
        and element.attrs.get("type", "text") not in NOT_FIELDS
        and element.attrs.get("id") not in labelled
        and not any(a.tag == "label" for a in element.ancestors())
        and not element.attrs.get("aria-label")
        and not element.attrs.get("aria-labelledby")
    ]


PAGES = [
    "/start/",
    "/today/",
    "/sessions/",
    "/dashboard/",
    "/report/week/",
    "/calendar/",
    "/review/",
    "/c/backend/topics/git/",
    "/accounts/sessions/",
    "/accounts/password/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_field_has_a_label(client, learner, path):
    page = tree(client.get(path))
    assert page.find_all("form"), "a page with no form proves nothing"
    assert unlabelled(page) == []


def test_every_field_has_a_label_when_refused_too(client, learner):
    enrol = tree(client.post("/start/", {"hours_per_week": "90"}))
    sessions = tree(client.post("/sessions/", {"duration": "lots", "kind": "theory"}))
    assert unlabelled(enrol) == [] and unlabelled(sessions) == []


# --- Errors tied to their field --------------------------------------------------------


def fieldset_of(element: Element) -> Element:
    return next(a for a in element.ancestors() if a.tag == "fieldset")


def described_by(page: Element, element: Element) -> list[str]:
    """The texts `element`'s aria-describedby points to (each id must exist)."""
    return [page.find(id=i).text() for i in element.attrs.get("aria-describedby", "").split()]


def enrol_data(builtin, **changes: str) -> dict[str, object]:
    return {
        "curriculum": str(builtin.pk),
        "start_on": today().isoformat(),
        "hours_per_week": "20",
        "study_weekdays": ["0", "2"],
        "pace": "18",
        **changes,
    }


def test_a_refused_field_says_it_is_invalid_and_what_is_wrong(client, learner, builtin):
    page = tree(client.post("/start/", enrol_data(builtin, hours_per_week="90")))
    hours = page.find("input", name="hours_per_week")
    assert hours.attrs.get("aria-invalid") == "true"
    assert described_by(page, hours) == [
        "The plan suggests 15–25; anything from 1 to 80 works.",
        "Hours per week must be between 1 and 80.",
    ]
    # Fields that passed are not marked.
    assert "aria-invalid" not in page.find("textarea", name="days_off").attrs
    assert "aria-invalid" not in page.find("select", name="curriculum").attrs


def test_a_refused_group_of_boxes_says_so_on_each_box_and_on_the_group(client, learner, builtin):
    data = enrol_data(builtin)
    del data["study_weekdays"]
    page = tree(client.post("/start/", data))
    boxes = page.find_all("input", name="study_weekdays")
    assert len(boxes) == 7
    assert all(box.attrs.get("aria-invalid") == "true" for box in boxes)
    error = "Choose at least one study day of the week."
    assert described_by(page, fieldset_of(boxes[0])) == [error]
    pace = page.find_all("input", name="pace")
    assert not any("aria-invalid" in box.attrs for box in pace)
    assert "aria-describedby" not in fieldset_of(pace[0]).attrs


def test_a_refused_duration_is_tied_to_its_field(client, learner):
    # The Today page's quick form posts here too: the sessions page shows the errors.
    data = {"duration": "lots", "kind": "theory", "next": "/today/"}
    page = tree(client.post("/sessions/", data))
    duration = page.find("input", name="duration")
    assert duration.attrs.get("aria-invalid") == "true"
    assert described_by(page, duration)[-1].startswith("“lots” is not a duration")


# --- The timer -------------------------------------------------------------------------


def live(element: Element) -> str:
    """How a screen reader treats changes to `element`: its own or its nearest aria-live."""
    for node in (element, *element.ancestors()):
        if "aria-live" in node.attrs:
            return node.attrs["aria-live"]
    return "off"


def test_the_stopped_timer_has_a_polite_status_line(client, learner):
    page = tree(client.get("/today/"))
    status = page.find(id="timer-status")
    assert status.attrs.get("aria-live") == "polite"
    assert status.text() == "The timer is not running."
    assert page.find_all(role="timer") == []


def test_the_running_timer_says_what_runs_but_never_reads_its_clock(client, learner, alice):
    start_timer(learner=alice, kind="theory", now=timezone.now())
    page = tree(client.get("/today/"))
    status = page.find(id="timer-status")
    assert live(status) == "polite"
    assert status.text().startswith("Theory since ")
    clocks = [e for e in page.walk() if "data-sp-elapsed" in e.attrs]
    assert len(clocks) == 2  # the card's and the navbar's
    assert all(live(clock) == "off" for clock in clocks)
    assert page.find(role="timer").attrs.get("aria-live") == "off"


def test_the_parts_a_timer_button_refreshes_are_on_every_page(client, learner, alice):
    # The buttons swap these in place (htmx), so they are there even when empty.
    page = tree(client.get("/today/"))
    (form,) = [f for f in page.find_all("form") if f.attrs.get("hx-post") == "/timer/start/"]
    targets = [t.split(":")[0] for t in form.attrs["hx-select-oob"].split(",")]
    assert targets == ["#timer-status", "#nav-timer", "#messages"]
    for target in (form.attrs["hx-target"], *targets):
        page.find(id=target.removeprefix("#"))
    messages = page.find(id="messages")
    assert messages.attrs.get("aria-live") == "polite"
    assert (messages.children, messages.texts) == ([], [])
    assert page.find(id="nav-timer").children == []

    start_timer(learner=alice, kind="theory", now=timezone.now())
    page = tree(client.get("/c/backend/"))
    assert page.find(id="nav-timer").find_all("a", class_="sp-nav-timer")


# --- Charts and the heatmap ------------------------------------------------------------


def figures(page: Element, canvas_id: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the table in the <details> that follows a chart."""
    chart = page.find("canvas", id=canvas_id).parent
    assert chart is not None and chart.parent is not None
    details = chart.parent.children[chart.parent.children.index(chart) + 1]
    assert details.tag == "details" and details.find_all("summary")
    header = [th.text() for th in details.find("thead").find_all("th")]
    rows = [[cell.text() for cell in tr.children] for tr in details.find("tbody").find_all("tr")]
    return header, rows


def test_each_dashboard_chart_has_its_figures_as_a_table(client, learner, alice):
    log_session(learner=alice, kind="practice", minutes=90, on=today(), now=timezone.now())
    response = client.get("/dashboard/")
    charts = response.context["charts"]
    page = tree(response)

    # The burn-up, the hours by kind, the review workload and the KPIs over time.
    assert [s.text() for s in page.find_all("summary")] == ["The figures"] * 4
    header, rows = figures(page, "burnup-chart")
    assert header == ["Week starting", "Planned (at enrolment)", "Done"]
    burnup = charts["burnup"]
    assert [row[0] for row in rows] == burnup["labels"]
    assert [row[1] for row in rows] == [str(n) for n in burnup["series"][0]["data"]]
    assert rows[-1][2] == "—"  # the weeks to come have nothing done yet

    header, rows = figures(page, "hours-chart")
    assert header == ["Week starting", "Theory", "Practice", "Research"]
    assert len(rows) == 26
    assert rows[-1] == [charts["hours"]["labels"][-1], "0", "1.5", "0"]

    header, rows = figures(page, "workload-chart")
    assert header == ["Day", "Reviews due"]
    assert len(rows) == len(charts["workload"]["labels"])


def test_the_figures_are_written_the_russian_way_in_russian(client, learner, alice):
    log_session(learner=alice, kind="practice", minutes=90, on=today(), now=timezone.now())
    page = tree(in_language(client, "ru").get("/dashboard/"))
    header, rows = figures(page, "hours-chart")
    assert header[1:] == ["Теория", "Практика", "Исследования"]
    assert rows[-1][2] == "1,5"


def test_the_heatmap_legend_puts_each_shade_in_words(client, learner):
    page = tree(client.get("/dashboard/"))
    legend = page.find("ul", class_="sp-heat-legend")
    assert [li.text() for li in legend.children] == [
        "Less",
        "no study",
        "1 min to 29 min a day",
        "30 min to 1 h 29 min a day",
        "1 h 30 min to 2 h 59 min a day",
        "3 h or more a day",
        "More",
    ]
