"""WCAG 2.2 AA on every page, held by axe-core (vendored, pinned: tests/e2e/vendor/) in
Chromium: each page of the web app's URL conf, in Russian and English, for three people — a
visitor of a server, a new learner, and a learner with weeks of history (sessions, a check
run, a quiz, reviews due). Any serious or critical violation fails, naming the rule, the
page and the element. A page added later is covered without editing this file.

The pages do not depend on the database engine, so this runs on the SQLite pass only."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
# Pages that are not HTML for a reader, or that only take a POST.
NOT_PAGES = {"web:calendar_feed", "web:logout", "web:sessions_export"}
LANGUAGES = {"ru": "ru-RU", "en": "en-US"}


def url_names() -> list[tuple[str, set[str]]]:
    """(name, path parameters) of every named page of the web app."""
    found: list[tuple[str, set[str]]] = []

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace == "web":
                found.append((f"web:{pattern.name}", set(pattern.pattern.regex.groupindex)))

    walk(get_resolver().url_patterns, "")
    return sorted(found)


def history_for(learner) -> dict[str, object]:
    """Weeks of a learner's life in Skillpath; returns the path samples of their objects."""
    from datetime import date
    from decimal import Decimal

    from skillpath.checks.suites import all_suites
    from skillpath.curriculum.models import Curriculum, Topic
    from skillpath.knowledge import services as knowledge
    from skillpath.knowledge.models import Card
    from skillpath.planning.services import CalendarInput, enrol
    from skillpath.tracking.services import (
        add_evidence,
        log_session,
        set_public_page,
        set_topic_status,
    )
    from tests.checks.runs import record_run
    from tests.conftest import load_git_bank

    curriculum = Curriculum.objects.get(slug="backend")
    today = timezone.localdate()
    start = today - timedelta(days=21)
    choice = CalendarInput(start, Decimal(15), frozenset(range(5)))
    enrolment = enrol(learner=learner, curriculum=curriculum, choice=choice, today=start)
    now = timezone.now()
    session = None
    for days in range(1, 15):
        session = log_session(
            learner=learner,
            kind=("theory", "practice", "research")[days % 3],
            minutes=45,
            now=now - timedelta(days=days),
        )
    run = record_run(learner, all_suites()[0])
    git = Topic.objects.get(curriculum=curriculum, slug="git")
    set_topic_status(learner=learner, topic=git, status="done", today=today)
    link = add_evidence(learner=learner, topic=git, url="https://example.com/work", is_public=True)
    public = set_public_page(learner=learner, is_enabled=True, display_name="Dora")
    load_git_bank(curriculum)
    attempt = knowledge.start_quiz(learner, curriculum, "topic", "git", seed=4)
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
    card = Card.objects.get(learner=learner, question=answered.item.question)
    Card.objects.filter(pk=card.pk).update(due=now - timedelta(hours=1))
    assert date.today() >= start and session is not None
    return {
        "session_id": session.pk,
        "run_id": run.pk,
        "enrolment_id": enrolment.pk,
        "attempt_id": attempt.pk,
        "card_id": card.pk,
        "review_id": card.review_log.get().pk,
        "token": enrolment.calendar_token,
        "evidence_id": link.pk,
        "share_token": public.token,
    }


SAMPLES = {
    "slug": "backend",
    "number": 1,
    "topic_slug": "git",
    "suite_slug": "todo-api",
    "public_id": "0" * 32,
}


def paths(samples: dict[str, object]) -> list[str]:
    found = []
    for name, wanted in url_names():
        if name in NOT_PAGES:
            continue
        values = {**SAMPLES, **samples}
        if wanted - values.keys():
            continue  # an object this person does not have (their page is another's 404)
        found.append(reverse(name, kwargs={k: values[k] for k in wanted}))
    return found


try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the browser fixture skips these tests
    PlaywrightError = Exception  # type: ignore[misc,assignment]


def violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line per element."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{rule['id']} ({rule['impact']}): {' '.join(node['target'])} — {node['failureSummary']}"
        for rule in result["violations"]
        if rule["impact"] in BLOCKING
        for node in rule["nodes"]
    ]


def check_every_page(open_page, samples: dict[str, object], person: str) -> int:
    problems, checked, seen = [], 0, set()
    for language, locale in LANGUAGES.items():
        for path in paths(samples):
            # A page of its own for each address: a failed load (a POST-only address answers
            # GET with an empty 405) must not leave a navigation behind for the next one.
            page = open_page(locale=locale)
            try:
                response = page.goto(path)
            except PlaywrightError:
                continue  # an empty answer, or a download (the interface files)
            is_html = response is not None and "text/html" in response.headers.get(
                "content-type", ""
            )
            where = page.url.split(":", 2)[-1].split("/", 1)[-1]
            if not is_html or (language, where) in seen:
                page.close()
                continue  # not a page, or a redirect to one already checked (sign-in, Today)
            seen.add((language, where))
            checked += 1
            problems += [f"{person} {language} /{where}: {v}" for v in violations(page)]
            page.close()
    assert problems == [], "\n".join(problems)
    print(f"axe: {person}: {checked} page views, 0 serious or critical")  # shown with -s
    return checked


@pytest.fixture
def open_page(browser, live_server):
    """A page whose Content-Security-Policy lets axe's script in (other tests check CSP)."""
    if connection.vendor != "sqlite":
        pytest.skip("accessibility does not depend on the database: the SQLite pass checks it")
    contexts: list = []
    contexts_by_locale: dict = {}

    def open_one(*, locale: str):
        if locale not in contexts_by_locale:
            context = browser.new_context(
                base_url=live_server.url,
                locale=locale,
                bypass_csp=True,
                viewport={"width": 1280, "height": 900},
            )
            context.set_default_timeout(15_000)
            contexts.append(context)
            contexts_by_locale[locale] = context
        return contexts_by_locale[locale].new_page()

    yield open_one
    for context in contexts:
        context.close()


def test_a_visitor_of_a_server_meets_no_serious_violation(open_page, builtin, settings):
    settings.LOCAL_MODE = False
    assert check_every_page(open_page, {}, "visitor") >= 2 * 15


def test_a_new_learner_meets_no_serious_violation(open_page, builtin):
    assert check_every_page(open_page, {}, "new learner") >= 2 * 15


def test_a_learner_with_history_meets_no_serious_violation(open_page, builtin):
    from skillpath.people.services import ensure_local_user

    samples = history_for(ensure_local_user())
    assert check_every_page(open_page, samples, "learner with history") >= 2 * 20
