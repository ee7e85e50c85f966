"""No bad input to any page is a server error: every field of every form, every query
parameter the pages' links carry, every path, and raw bodies of any kind, sent by alice
signed in, with local mode off as on a server and CSRF enforced as in a browser.

The pages and forms are found, not listed: every URL pattern of the URL conf is visited with
alice's own objects in its path, and every <form> on the pages it serves is filled in — so a
new page, form or field is covered without touching this file. Each target gets a bounded
number of deterministic examples (tests/bad_input.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django import forms as django_forms
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from skillpath.assessment.activity_services import plan_month_activities
from skillpath.checks.suites import all_suites
from skillpath.curriculum.models import Topic
from skillpath.people.sessions import public_id
from skillpath.tracking.resource_services import PartInput, add_own_resource
from skillpath.tracking.services import add_evidence, log_session, set_public_page
from skillpath.web import forms as web_forms
from tests.bad_input import EDGE_BODIES, EDGES, NUMBERS, bodies, bounded, texts, with_examples
from tests.checks.runs import record_run

pytestmark = pytest.mark.django_db

# Left to other tests, with the reason.
EXCLUDED_PREFIXES = {
    "admin/": "Django's own admin: staff only (alice is sent to its sign-in page)",
    "api/": "the API: tests/api/test_bad_input.py",
}
EXCLUDED_ROUTES = {
    "web:logout": "signing out takes no input but the CSRF token, and would end alice's session",
}
# Fields that are not ours to validate.
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


# --- What the URL conf and the pages hold --------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    regex: str  # the whole path, anchored
    kwargs: dict[str, str]  # path parameter -> its regex


def routes(resolver=None, prefix: str = "", namespace: str = "") -> list[Route]:
    """Every URL pattern reachable from the root URL conf, but the excluded ones."""
    found: list[Route] = []
    for entry in (resolver or get_resolver()).url_patterns:
        regex = prefix + entry.pattern.regex.pattern.lstrip("^")
        if not prefix and str(entry.pattern) in EXCLUDED_PREFIXES:
            continue
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace or ""]))
            found += routes(entry, regex, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            if name in EXCLUDED_ROUTES:
                continue
            kwargs = {
                parameter: _parameter_regex(entry, parameter)
                for parameter in entry.pattern.regex.groupindex
            }
            found.append(Route(name, "^" + regex, kwargs))
    return found


def _parameter_regex(entry: URLPattern, parameter: str) -> str:
    """What a path parameter matches: its converter's regex (path()), or its group's (re_path())."""
    converters = getattr(entry.pattern, "converters", {})
    if parameter in converters:
        return converters[parameter].regex
    group = re.search(rf"\(\?P<{parameter}>([^()]*)\)", entry.pattern.regex.pattern)
    assert group, f"{entry.pattern}: the group of {parameter} is not a plain one"
    return group[1]


@dataclass
class FormField:
    name: str
    default: list[str] = field(default_factory=list)  # what the page would send
    options: list[str] = field(default_factory=list)  # the choices it offers


@dataclass
class Form:
    action: str
    fields: dict[str, FormField] = field(default_factory=dict)

    @property
    def url_name(self) -> str:
        return resolve(urlsplit(self.action).path).view_name

    def data(self) -> dict[str, list[str]]:
        return {name: list(f.default) for name, f in self.fields.items() if f.default}


class PageParser(HTMLParser):
    """The POST forms of a page (their fields, defaults and choices) and the query
    parameters of its links."""

    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self.queries: set[tuple[str, str]] = set()  # (path, parameter)
        self._form: Form | None = None
        self._select: FormField | None = None
        self._textarea: FormField | None = None

    def _field(self, name: str) -> FormField:
        assert self._form is not None
        return self._form.fields.setdefault(name, FormField(name))

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        for link in (attrs.get("href"), attrs.get("hx-get")):
            if link and link.startswith("/") and "?" in link:
                parts = urlsplit(link)
                self.queries |= {(parts.path, name) for name, _ in parse_qsl(parts.query)}
        if tag == "form":
            if attrs.get("method", "get").lower() == "post":
                self._form = Form(attrs.get("action") or self.page_path)
                self.forms.append(self._form)
            return
        if self._form is None or not attrs.get("name"):
            if tag == "option" and self._select is not None:
                self._option(attrs)
            return
        name = attrs["name"]
        kind = attrs.get("type", "text").lower()
        if tag == "input" and kind in ("checkbox", "radio"):
            self._field(name).options.append(attrs.get("value", "on"))
            if "checked" in attrs:
                self._field(name).default.append(attrs.get("value", "on"))
        elif tag == "button" or (tag == "input" and kind in ("submit", "image")):
            # The button pressed is sent; the first stands for the learner's click.
            item = self._field(name)
            item.options.append(attrs.get("value", ""))
            item.default = item.default or [attrs.get("value", "")]
        elif tag == "input":
            self._field(name).default = [attrs.get("value", "")]
        elif tag == "select":
            self._select = self._field(name)
        elif tag == "textarea":
            self._textarea = self._field(name)
            self._textarea.default = [""]

    def _option(self, attrs: dict[str, str]) -> None:
        assert self._select is not None
        self._select.options.append(attrs.get("value", ""))
        if "selected" in attrs or not self._select.default:
            self._select.default = [attrs.get("value", "")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.default = [self._textarea.default[0] + data]


# --- alice's site ---------------------------------------------------------------------------


@dataclass
class Site:
    client: Client
    token: str
    # Real values of the path parameters, by name; a name some routes share (a study
    # session's id, a sign-in's public id) has one for each, the first that fits is used.
    samples: dict[str, list[object]]
    routes: list[Route]
    forms: list[Form]
    queries: set[tuple[str, str]]

    def sample(self, route: Route, name: str) -> object:
        fitting = [
            value
            for value in self.samples.get(name, [])
            if re.fullmatch(route.kwargs[name], str(value))
        ]
        assert fitting, f"{route.name}: add a sample value of {name} to `site`"
        return fitting[0]

    def url(self, route: Route, **junk: str) -> str:
        kwargs = {k: junk[k] if k in junk else self.sample(route, k) for k in route.kwargs}
        return reverse(route.name, kwargs=kwargs)


@pytest.fixture
def site(enrolled, git_bank, alice, settings):
    """alice, enrolled with a session, a check run, a quiz half answered and a review due,
    signed in on a server; every page the URL conf has visited once, and the forms and link
    parameters found on them."""
    from skillpath.knowledge import services as knowledge

    settings.LOCAL_MODE = False
    session = log_session(learner=alice, kind="theory", minutes=30, now=timezone.now())
    link = add_evidence(
        learner=alice, topic=Topic.objects.get(slug="git"), url="https://example.com/work"
    )
    public = set_public_page(learner=alice, is_enabled=True)
    attempt = knowledge.start_quiz(alice, git_bank, "topic", "git", seed=5)
    answered = knowledge.answer_item(
        attempt.items.get(position=1),
        {
            "value": 40,
            "text": "x",
            "choice": 0,
            "answer": True,
            "matches": [0, 1, 2],
            "order": [0, 1, 2],
        },
    )
    review = answered.item.question.cards.get().review_log.get()
    review.card.__class__.objects.filter(pk=review.card_id).update(due=timezone.now())
    suite = all_suites()[0]
    run = record_run(alice, suite)
    month_activities = plan_month_activities(learner=alice, curriculum=enrolled.curriculum, month=1)
    interview = next(a for a in month_activities if a.kind == "mock_interview")
    own_resource = add_own_resource(
        learner=alice,
        curriculum=enrolled.curriculum,
        title="Pro Git",
        kind="book",
        parts=[PartInput("Getting Started", 30)],
    )
    client = Client(REMOTE_ADDR="192.0.2.10", enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(alice)
    samples: dict[str, list[object]] = {
        "slug": [enrolled.curriculum.slug],
        "topic_slug": ["git"],
        "number": [1],
        "suite_slug": [suite.slug],
        "run_id": [run.pk],
        "session_id": [session.pk],
        "entry_id": [kpi_entry(alice, enrolled.curriculum).pk],
        "enrolment_id": [enrolled.pk],
        "token": [enrolled.calendar_token],
        "share_token": [public.token],
        "evidence_id": [link.pk],
        "public_id": [public_id(client.session.session_key)],
        "attempt_id": [attempt.pk],
        "card_id": [review.card_id],
        "review_id": [review.pk],
        "learner_id": [alice.pk],
        "kind": ["code_review", "mock_interview"],
        "activity_id": [interview.pk],
        "resource_slug": ["designing-data-intensive-applications"],
        "part_slug": ["chapter-1", "part-1"],
        "certification_slug": ["cka"],
        "resource_id": [own_resource.pk],
    }
    found = Site(client, "", samples, routes(), [], set())
    forms: dict[tuple[str, frozenset[str]], Form] = {}
    for route in found.routes:
        path = found.url(route)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = PageParser(path)
        parser.feed(
            b"".join(response).decode() if response.streaming else response.content.decode()
        )
        found.queries |= parser.queries
        for form in parser.forms:
            # The same form on several pages (or for each topic of a list) is one target.
            forms.setdefault((form.url_name, frozenset(form.fields)), form)
    found.forms = [f for f in forms.values() if f.url_name not in EXCLUDED_ROUTES]
    found.token = client.cookies["csrftoken"].value
    return found


def assert_still_signed_in(site: Site) -> None:
    # Else the requests after the one that signed alice out tested the sign-in page only.
    assert site.client.get(reverse("web:today")).status_code == 200


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


# --- The forms -------------------------------------------------------------------------------


FIELD_VALUES = st.one_of(
    st.none(),  # the field left out
    texts().map(lambda text: [text]),
    st.lists(texts(), min_size=2, max_size=3),  # the field sent more than once
)


@bounded()
@given(value=FIELD_VALUES, option=st.none() | st.integers(0, 1_000), is_multipart=st.booleans())
@with_examples("value", [[edge] for edge in EDGES], option=None, is_multipart=True)
def send_field(
    site: Site,
    form: Form,
    name: str,
    value: list[str] | None,
    option: int | None,
    is_multipart: bool,
) -> None:
    choices = form.fields[name].options
    if option is not None and choices:
        value = [choices[option % len(choices)]]  # one of its own choices, with the rest bad
    sent = form.data()
    if value is None:
        sent.pop(name, None)
    else:
        sent[name] = value
    if is_multipart:
        response = site.client.post(form.action, sent)
    else:
        body = urlencode(sent, doseq=True)
        response = site.client.post(
            form.action, body, content_type="application/x-www-form-urlencoded"
        )
    assert_no_server_error(response, f"POST {form.action} {name}={value!r}")


def test_no_field_of_any_form_gives_a_server_error(site):
    names = {form.url_name for form in site.forms}
    # Found on the pages, not listed here: these prove the search works.
    assert {
        "web:enrol",
        "web:sessions",
        "web:session_delete",
        "web:timer_start",
        "web:topic_progress",
        "web:topic_evidence",
        "web:calendar_revoke",
        "web:login",
        "set_language",
    } <= names
    fields = [(form, name) for form in site.forms for name in form.fields]
    assert len(fields) >= 30
    # Enrolling last: a plan from 1900, say, makes every later page slower.
    fields.sort(key=lambda pair: pair[0].url_name == "web:enrol")
    for form, name in fields:
        if name not in SKIPPED_FIELDS:
            send_field(site, form, name)
    assert_still_signed_in(site)


# --- Paths, query parameters and bodies ------------------------------------------------------


@bounded()
@given(data=st.data(), method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]))
def send_path(site: Site, route: Route, data, method: str) -> None:
    junk = {}
    for name, regex in route.kwargs.items():
        values = st.from_regex(f"^{regex}$", fullmatch=True)
        if regex == "[0-9]+":
            values |= st.sampled_from([n for n in NUMBERS if n.isascii() and n.isdigit()])
        if data.draw(st.booleans(), label=f"junk {name}"):
            junk[name] = data.draw(values, label=name)
    try:
        path = site.url(route, **junk)
    except NoReverseMatch:
        return
    response = site.client.generic(method, quote(path), HTTP_X_CSRFTOKEN=site.token)
    assert_no_server_error(response, f"{method} {path}")


@bounded()
@given(values=st.lists(texts(), min_size=1, max_size=3))
@with_examples("values", [[edge] for edge in EDGES])
def send_query(site: Site, path: str, name: str, values: list[str]) -> None:
    query = urlencode([(name, value) for value in values])
    response = site.client.get(f"{path}?{query}")
    assert_no_server_error(response, f"GET {path}?{name}={values!r}")


@bounded()
@given(body=bodies())
@with_examples("body", EDGE_BODIES)
def send_body(site: Site, route: Route, body: tuple[bytes, str]) -> None:
    raw, content_type = body
    path = site.url(route)
    response = site.client.post(path, raw, content_type=content_type, HTTP_X_CSRFTOKEN=site.token)
    assert_no_server_error(response, f"POST {path} {content_type!r} {raw[:80]!r}")


def test_no_path_query_or_body_gives_a_server_error(site):
    names = {route.name for route in site.routes}
    assert {"web:today", "web:weekly_report", "web:check_run", "set_language"} <= names
    assert {"ops:live", "ops:ready", "ops:metrics"} <= names
    # The links of the pages carry these; a new one is found the same way.
    assert ("/report/week/", "week") in site.queries
    for route in site.routes:
        send_path(site, route)
        send_body(site, route)
    for path, name in sorted(site.queries):
        try:
            resolve(path)
        except Resolver404:
            continue
        send_query(site, path, name)
    assert_still_signed_in(site)


# --- Every date field keeps to the bounds ------------------------------------------------------


def _forms_of(module) -> list[type[django_forms.BaseForm]]:
    found, todo = [], [django_forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__ == module.__name__:
                found.append(sub)
    return found


def test_every_date_field_of_every_form_keeps_to_the_bounds():
    dates = [
        (form.__name__, name)
        for form in _forms_of(web_forms)
        for name, form_field in form.base_fields.items()
        if isinstance(form_field, django_forms.DateField | django_forms.DateTimeField)
    ]

    assert len(dates) >= 3
    for form_name, name in dates:
        form_class = getattr(web_forms, form_name)
        assert isinstance(form_class.base_fields[name], web_forms.DayField), (form_name, name)


def test_the_search_for_forms_reads_fields_defaults_and_choices():
    parser = PageParser("/here/")
    parser.feed(
        '<form method="post"><input name="a" value="1"><input type="checkbox" name="b" '
        'value="x" checked><input type="checkbox" name="b" value="y"><select name="c">'
        '<option value="p">P</option><option value="q" selected>Q</option></select>'
        '<textarea name="d">hi</textarea><button name="e" value="go">Go</button></form>'
        '<a href="/elsewhere/?week=2026-01-05&amp;x=1">next</a>'
    )

    (form,) = parser.forms
    assert form.action == "/here/"
    assert form.data() == {"a": ["1"], "b": ["x"], "c": ["q"], "d": ["hi"], "e": ["go"]}
    assert form.fields["b"].options == ["x", "y"] and form.fields["c"].options == ["p", "q"]
    assert parser.queries == {("/elsewhere/", "week"), ("/elsewhere/", "x")}


def kpi_entry(learner, curriculum):
    """One KPI entry of the learner's, for the URLs that name an entry."""
    from datetime import date

    from skillpath.assessment.kpi_services import add_kpi_entry

    return add_kpi_entry(
        learner=learner,
        curriculum=curriculum,
        kpi="certification-achievements",
        title="CKA",
        happened_on=date(2026, 1, 10),
        today=date(2026, 1, 14),
    )
