"""Every page of the web app's URL conf, for the browser tests that hold a property on all
of them (axe's WCAG rules, no sideways scrolling on a phone): the named pages, the history
of a learner whose pages are the fullest, and a walk that opens each page once per language.
A page added later is covered without editing the tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

# Pages that are not HTML for a reader, or that only take a POST.
NOT_PAGES = {
    "web:calendar_feed",
    "web:logout",
    "web:sessions_export",
    "web:activity_submit",
    "web:resource_part",
    "web:own_resource_part",
    "web:certification",
}
LANGUAGES = {"ru": "ru-RU", "en": "en-US"}
SAMPLES = {
    "slug": "backend",
    "number": 1,
    "topic_slug": "git",
    "suite_slug": "todo-api",
    "resource_slug": "designing-data-intensive-applications",
    "public_id": "0" * 32,
    "learner_id": 1,  # a mentor's view of a learner: a 404 for the learners walking
}

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the browser fixture skips these tests
    PlaywrightError = Exception  # type: ignore[misc,assignment]


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
    suite = all_suites()[0]
    # A failed run before the passing one: the run history has rows of both kinds.
    record_run(learner, suite, failing=2)
    run = record_run(learner, suite)
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
    # A submitted code review and a mock interview with its interview: the activity pages.
    from skillpath.assessment import activity_services as activities

    month = activities.plan_month_activities(learner=learner, curriculum=curriculum, month=1)
    activities.submit_activity(
        learner=learner,
        curriculum=curriculum,
        month=1,
        kind="code_review",
        evidence=activities.EvidenceInput(
            repository_url="https://git.example.com/shop", notes="Reviewed the cart."
        ),
    )
    mock = next(a for a in month if a.kind == "mock_interview")
    # A chapter read and a resource of the learner's own: the resource pages at their fullest.
    from skillpath.curriculum.models import ResourcePart
    from skillpath.tracking import resource_services

    chapter = ResourcePart.objects.get(
        curriculum=curriculum, slug="designing-data-intensive-applications--chapter-1"
    )
    resource_services.set_part_done(learner=learner, part=chapter, is_done=True, today=today)
    own = resource_services.add_own_resource(
        learner=learner,
        curriculum=curriculum,
        title="Pro Git",
        kind="book",
        topic=git,
        parts=[resource_services.PartInput("Getting Started", 30)],
    )
    assert date.today() >= start and session is not None
    return {
        "session_id": session.pk,
        "suite_slug": suite.slug,
        "run_id": run.pk,
        "enrolment_id": enrolment.pk,
        "attempt_id": attempt.pk,
        "card_id": card.pk,
        "review_id": card.review_log.get().pk,
        "token": enrolment.calendar_token,
        "evidence_id": link.pk,
        "share_token": public.token,
        "activity_id": mock.pk,
        "resource_id": own.pk,
    }


def paths(samples: dict[str, object]) -> list[str]:
    """The address of every page, with `samples` for its path parameters."""
    found = []
    for name, wanted in url_names():
        if name in NOT_PAGES:
            continue
        values = {**SAMPLES, **samples}
        if wanted - values.keys():
            continue  # an object this person does not have (their page is another's 404)
        found.append(reverse(name, kwargs={k: values[k] for k in wanted}))
    return found


@dataclass(frozen=True)
class PageView:
    """One page, open in the browser, in one language."""

    language: str
    where: str  # the address the page ended on, without the host: "/today/"
    page: Any


def every_page(open_page: Callable[..., Any], samples: dict[str, object]) -> Iterator[PageView]:
    """Each HTML page of the app once per language, as `samples` and the person signed in
    (or not) reach it; redirects to a page already seen (sign-in, Today) are not repeated.
    The page is closed once the caller has looked at it."""
    seen: set[tuple[str, str]] = set()
    for language, locale in LANGUAGES.items():
        for path in paths(samples):
            # A page of its own for each address: a failed load (a POST-only address answers
            # GET with an empty 405) must not leave a navigation behind for the next one.
            page = open_page(locale=locale)
            try:
                try:
                    response = page.goto(path)
                except PlaywrightError:
                    continue  # an empty answer, or a download (the interface files)
                is_html = response is not None and "text/html" in response.headers.get(
                    "content-type", ""
                )
                where = "/" + page.url.split(":", 2)[-1].split("/", 1)[-1]
                if not is_html or (language, where) in seen:
                    continue  # not a page, or a redirect to one already checked
                seen.add((language, where))
                yield PageView(language, where, page)
            finally:
                page.close()
