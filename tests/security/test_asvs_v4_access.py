"""OWASP ASVS 4.0.3, level 2, chapter V4 (access control): one test per requirement that
applies, named after it. The page matrix is built from the URL conf, so a page added later
is covered without editing this file. Open: V4.3.1 (multi-factor authentication for the
admin) is not built yet."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from skillpath.checks.suites import all_suites
from skillpath.people.sessions import public_id
from skillpath.tracking.models import StudySession
from skillpath.tracking.services import log_session
from tests.api.test_learner_access import LEARNER_OPERATIONS, concrete
from tests.checks.runs import record_run
from tests.security.conftest import browser, is_signed_in, sign_in

# Pages anyone may read: the curriculum, the check specs, signing in, and the calendar
# feed and the public progress page (their unguessable tokens are the key).
PUBLIC = {
    "web:home",
    "web:roadmap",
    "web:month",
    "web:topic",
    "web:projects",
    "web:resource",
    "web:assessment",
    "web:checks",
    "web:check",
    "web:check_interface",
    "web:login",
    "web:logout",
    "web:calendar_feed",
    "web:public_page",
}
ARGUMENTS = {
    "slug": "backend",
    "number": 1,
    "topic_slug": "git",
    "suite_slug": "todo-api",
    "run_id": 1,
    "session_id": 1,
    "entry_id": 1,
    "enrolment_id": 1,
    "token": "abc",
    "share_token": "abc",
    "evidence_id": 1,
    "public_id": "0" * 32,
    "attempt_id": 1,
    "card_id": 1,
    "review_id": 1,
    "learner_id": 1,
    "kind": "code_review",
    "activity_id": 1,
    "interview_id": 1,
    "month": 1,
    "resource_slug": "clean-code",
    "part_slug": "chapter-1",
    "certification_slug": "cka",
    "resource_id": 1,
}


def web_pages(app: str = "web") -> list[tuple[str, str]]:
    """(name, path) of every named page of the web app (or of `app`), with sample arguments."""
    found = []

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace == app:
                name = f"{app}:{pattern.name}"
                wanted = set(pattern.pattern.regex.groupindex)
                kwargs = {k: v for k, v in ARGUMENTS.items() if k in wanted}
                found.append((name, reverse(name, kwargs=kwargs)))

    walk(get_resolver().url_patterns, "")
    return sorted(found)


PAGES = web_pages()
PRIVATE = [(name, path) for name, path in PAGES if name not in PUBLIC]
# The operations endpoints (docs/operations.md): the probes answer anyone, as the kubelet
# and load balancers call them without credentials, and tell nothing about any learner; the
# metrics are the scraper's only.
PROBES = {"ops:live", "ops:ready"}
SCRAPER_ONLY = {"ops:metrics"}
OPS_PAGES = web_pages("ops")


def test_the_matrix_covers_the_private_pages():
    assert len(PRIVATE) >= 15
    assert {"web:today", "web:account_sessions", "web:password_change"} <= dict(PRIVATE).keys()


@pytest.mark.parametrize(("name", "path"), PRIVATE)
def test_v4_1_1_private_pages_are_refused_to_visitors_on_the_server(name, path):
    for method in ("get", "post"):
        response = getattr(browser(), method)(path)
        # A visitor is sent to sign in; a page that only takes POST says so for GET.
        assert response.status_code in (302, 405), (method, name, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), (method, name)


def test_every_operations_endpoint_is_classified():
    assert dict(OPS_PAGES).keys() == PROBES | SCRAPER_ONLY


@pytest.mark.parametrize(("name", "path"), [p for p in OPS_PAGES if p[0] in PROBES])
def test_v4_1_1_the_probes_answer_visitors_with_no_learners_data(name, path, alice):
    response = browser().get(path)
    assert response.status_code == 200, name
    assert set(response.json()) == {"status", "checks"}
    assert "alice" not in response.content.decode()


@pytest.mark.parametrize(("name", "path"), [p for p in OPS_PAGES if p[0] in SCRAPER_ONLY])
def test_v4_1_1_the_metrics_are_refused_to_visitors_on_the_server(name, path, settings):
    settings.SKILLPATH_METRICS_TOKEN = ""
    settings.SKILLPATH_METRICS_ALLOW = []
    assert browser().get(path).status_code == 404  # nothing configured: no such page
    settings.SKILLPATH_METRICS_TOKEN = "the-scrapers-token-0123456789"
    assert browser().get(path).status_code == 403
    assert browser().get(path, HTTP_AUTHORIZATION="Bearer guess").status_code == 403


@pytest.mark.parametrize(("method", "path"), LEARNER_OPERATIONS)
def test_v4_1_1_the_api_refuses_visitors(method, path):
    response = browser().generic(method, concrete(path), "{}", content_type="application/json")
    assert response.status_code == 401


def test_v4_1_2_a_request_cannot_name_whose_data_it_touches(alice, charlie, enrolled):
    client = sign_in(browser(), "charlie")
    response = client.post(
        "/api/sessions",
        {"kind": "theory", "duration": "30m", "learner": alice.pk, "user_id": alice.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not StudySession.objects.exists()
    # Headers a proxy would set do not make anyone somebody else.
    spoofed = browser(HTTP_X_REMOTE_USER="alice", HTTP_REMOTE_USER="alice")
    assert not is_signed_in(spoofed)


def test_v4_1_3_a_learner_has_no_admin_rights(alice):
    client = sign_in(browser())
    response = client.get("/admin/auth/user/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.post(f"/admin/auth/user/{alice.pk}/delete/", {"post": "yes"}).status_code == 302
    alice.refresh_from_db()


def test_v4_1_5_a_tampered_session_fails_closed(alice):
    client = sign_in(browser())
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.cookies[settings.SESSION_COOKIE_NAME] = key[:-1] + ("x" if key[-1] != "x" else "y")
    response = client.get("/today/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_v4_2_1_nobody_reaches_another_learners_objects(alice, charlie, enrolled):
    session = log_session(learner=alice, kind="practice", minutes=30, now=timezone.now())
    suite = next(s for s in all_suites() if s.slug == "todo-api")
    run = record_run(alice, suite)
    alices = sign_in(browser(), "alice")
    intruder = sign_in(browser("Charlie"), "charlie")

    assert intruder.get(f"/sessions/{session.pk}/delete/").status_code == 404
    assert intruder.post(f"/sessions/{session.pk}/delete/").status_code == 404
    assert intruder.get(f"/checks/todo-api/runs/{run.pk}/").status_code == 404
    assert intruder.delete(f"/api/sessions/{session.pk}").status_code == 404
    alices_id = public_id(alices.cookies[settings.SESSION_COOKIE_NAME].value)
    intruder.post(f"/accounts/sessions/{alices_id}/sign-out/", {"password": "charlie-pass-123"})

    assert StudySession.objects.filter(pk=session.pk).exists()
    assert is_signed_in(alices)


def test_v4_2_2_writes_need_the_csrf_token(alice, enrolled):
    client = browser(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.post("/sessions/", {"on": "2026-01-05", "duration": "30m", "kind": "theory"})
    api = client.post("/api/timer/start", {"kind": "theory"}, content_type="application/json")
    assert (page.status_code, api.status_code) == (403, 403)
    assert not StudySession.objects.exists()


@pytest.mark.parametrize("path", ["/static/", "/static/skillpath/", "/.git/HEAD", "/.env"])
def test_v4_3_2_no_folder_listing_and_no_metadata_files(path):
    response = browser().get(path)
    assert response.status_code == 404
    assert b"Index of" not in response.content
