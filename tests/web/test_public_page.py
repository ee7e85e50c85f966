"""The opt-in public progress page: off by default, on at a secret address a visitor reads
without signing in, gone at once when revoked or turned off; it shows the topics finished,
the checks passed and only the links marked public — nothing private."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from skillpath.checks.suites import all_suites
from skillpath.curriculum.models import Topic
from skillpath.tracking.models import PublicPage
from skillpath.tracking.services import add_evidence, log_session, set_topic_status
from tests.checks.runs import record_run
from tests.web.learner import body, shows

MARKERS = ("NOTE-MARKER-7f3", "SESSION-MARKER-9c1", "PRIVATE-LINK-MARKER", "alice@example.com")


def visitor() -> Client:
    return Client(REMOTE_ADDR="192.0.2.77", HTTP_ACCEPT_LANGUAGE="en")


def turn_on(as_alice, name: str = "") -> str:
    as_alice.post("/sharing/", {"is_enabled": "on", "display_name": name})
    return f"/p/{PublicPage.objects.get().token}/"


def test_the_page_is_off_until_the_learner_turns_it_on(as_alice, alice, server_mode):
    page = body(as_alice.get("/sharing/"))
    assert "The page is off" in page and "/p/" not in page
    token = PublicPage.objects.create(learner=alice).token  # a row, still off
    assert visitor().get(f"/p/{token}/").status_code == 404

    address = turn_on(as_alice)

    shows(as_alice.get("/sharing/"), "Your public progress page is on.", address)
    response = visitor().get(address)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in body(response)


@pytest.fixture
def busy_alice(alice, enrolled):
    """alice with notes, session notes, private and public links, a topic done and a check
    passed."""
    git = Topic.objects.get(slug="git")
    other = Topic.objects.exclude(pk=git.pk).order_by("position").first()
    set_topic_status(
        learner=alice, topic=git, status="done", today=date(2026, 1, 7), notes=MARKERS[0]
    )
    set_topic_status(learner=alice, topic=other, status="in_progress", today=date(2026, 1, 7))
    log_session(learner=alice, kind="theory", minutes=30, now=timezone.now(), note=MARKERS[1])
    add_evidence(learner=alice, topic=git, url="https://example.com/private", title=MARKERS[2])
    add_evidence(learner=alice, topic=git, url="https://example.com/shown", title="Shown work")
    add_evidence(learner=alice, topic=other, url="https://example.com/wip", is_public=True)
    git_links = alice.topic_progress.get(topic=git).evidence
    git_links.filter(url__endswith="shown").update(is_public=True)
    record_run(alice, all_suites()[0])
    return alice


def test_a_visitor_sees_the_progress_and_nothing_private(as_alice, busy_alice, server_mode):
    address = turn_on(as_alice)

    page = body(visitor().get(address))

    shows(visitor().get(address), "January 2026", "Git", "Shown work", "https://example.com/wip")
    assert str(all_suites()[0].title) in page
    for marker in (*MARKERS, "https://example.com/private", "alice"):
        assert marker not in page, marker
    assert "A learner’s progress" in page


def test_the_page_shows_the_display_name_only_when_set(as_alice, busy_alice, server_mode):
    page = body(visitor().get(turn_on(as_alice, name="Alice L.")))
    assert "Alice L.’s progress" in page


def test_revoking_gives_a_new_address_and_the_old_one_is_a_404(as_alice, alice, server_mode):
    old = turn_on(as_alice)

    refused = as_alice.post("/sharing/revoke/", {})
    assert PublicPage.objects.get().token in old  # not without the confirmation
    assert refused.status_code == 302
    as_alice.post("/sharing/revoke/", {"confirm": "yes"})

    new = f"/p/{PublicPage.objects.get().token}/"
    assert new != old
    assert visitor().get(old).status_code == 404
    assert visitor().get(new).status_code == 200


def test_turning_it_off_hides_it(as_alice, alice, server_mode):
    address = turn_on(as_alice)
    as_alice.post("/sharing/", {"display_name": ""})
    assert visitor().get(address).status_code == 404
    shows(as_alice.get("/sharing/"), "Your public progress page is off.")


def test_the_settings_are_for_signed_in_learners(client, builtin, server_mode):
    assert client.get("/sharing/").status_code == 302
    assert client.post("/sharing/revoke/", {"confirm": "yes"}).status_code == 302


def test_the_public_page_costs_a_fixed_number_of_queries(
    as_alice, busy_alice, server_mode, django_assert_num_queries
):
    address = turn_on(as_alice)
    client = visitor()
    client.get(address)  # the session and language cookies
    with django_assert_num_queries(5):  # the page, progress, its links, check runs (2)
        client.get(address)
