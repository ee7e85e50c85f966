"""/metrics: Prometheus' text format read back with prometheus-client's parser, the
request histograms going up, bounded labels, the product gauges at a fixed query cost, the
cache's hits and misses, the task hook, several processes, and who may read it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from skillpath.checks.suites import all_suites
from skillpath.ops.metrics import TaskRetry, observe_task
from skillpath.tracking.services import log_session
from tests.checks.runs import record_run
from tests.ops.conftest import Scrape, scrape

pytestmark = pytest.mark.django_db

LATENCY = "skillpath_http_request_duration_seconds"
TOKEN = "a-long-random-scrape-token-0123456789"


def test_the_page_is_prometheus_text_format(local_browser, settings):
    settings.LOCAL_MODE = True

    response = local_browser.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    names = {family.name for family in text_string_to_metric_families(response.content.decode())}
    assert {
        LATENCY,
        "skillpath_http_request_db_queries",
        "skillpath_http_request_db_seconds",
        "skillpath_cache_requests",
        "skillpath_task_runs",
        "skillpath_task_duration_seconds",
        "skillpath_active_learners",
        "skillpath_check_runs",
        "skillpath_study_sessions",
    } <= names


def test_request_histograms_go_up_by_view_method_and_status_class(client, alice):
    labels = {"view": "web:home", "method": "GET", "status": "2xx"}
    before = scrape()

    for _ in range(3):
        assert client.get("/").status_code == 200
    client.post("/")  # another method, another series

    after = scrape()
    assert (
        after.value(f"{LATENCY}_count", **labels) == before.value(f"{LATENCY}_count", **labels) + 3
    )
    assert after.value(f"{LATENCY}_sum", **labels) > before.value(f"{LATENCY}_sum", **labels)
    post = {"view": "web:home", "method": "POST"}
    assert after.value(f"{LATENCY}_count", **post) == before.value(f"{LATENCY}_count", **post) + 1


def test_each_request_counts_its_queries_and_their_time(client, alice, django_assert_num_queries):
    client.force_login(alice)
    queries = "skillpath_http_request_db_queries"
    before = scrape()

    response = client.get("/today/")

    after = scrape()
    assert response.status_code == 200
    assert after.value(f"{queries}_count", view="web:today") == (
        before.value(f"{queries}_count", view="web:today") + 1
    )
    counted = after.value(f"{queries}_sum", view="web:today") - before.value(
        f"{queries}_sum", view="web:today"
    )
    assert counted >= 2  # the session and the user, at least
    assert after.value("skillpath_http_request_db_seconds_sum", view="web:today") > before.value(
        "skillpath_http_request_db_seconds_sum", view="web:today"
    )


def test_unknown_paths_do_not_make_new_label_values(client):
    client.get("/no-such-page-warm-up/")
    before = scrape().labels(f"{LATENCY}_count", "view")

    for n in range(50):
        assert client.get(f"/no-such-page-{n}/").status_code == 404
    client.generic("BREW", "/coffee")  # an unknown method too

    after = scrape()
    assert after.labels(f"{LATENCY}_count", "view") == before
    assert "<unmatched>" in before
    assert "BREW" not in after.labels(f"{LATENCY}_count", "method")
    assert not any("no-such-page" in s.labels.get("view", "") for s in after.samples)


def test_the_product_gauges_cost_three_queries(alice, charlie, django_assert_num_queries):
    now = timezone.now()
    log_session(learner=alice, kind="theory", minutes=30, now=now - timezone.timedelta(hours=2))
    log_session(learner=alice, kind="practice", minutes=30, now=now)
    log_session(learner=charlie, kind="theory", minutes=20, now=now - timezone.timedelta(days=9))
    record_run(alice, all_suites()[0])

    with django_assert_num_queries(3):
        found = scrape()

    assert found.value("skillpath_active_learners") == 1  # charlie studied nine days ago
    assert found.value("skillpath_study_sessions", kind="theory") == 2
    assert found.value("skillpath_study_sessions", kind="practice") == 1
    assert found.value("skillpath_study_sessions", kind="research") == 0
    assert found.value("skillpath_check_runs") == 1
    assert found.labels("skillpath_check_runs", "status") == {"pass", "fail", "error"}


def test_cache_reads_are_counted_as_hits_and_misses():
    hits, misses = "skillpath_cache_requests_total", "skillpath_cache_requests_total"
    before = scrape()

    assert cache.get("ops-test-absent") is None
    assert cache.get("ops-test-absent", "fallback") == "fallback"
    cache.set("ops-test-present", None)  # None is a value like any other
    assert cache.get("ops-test-present", "fallback") is None
    assert cache.get_many(["ops-test-present", "ops-test-absent"]) == {"ops-test-present": None}

    after = scrape()
    assert after.value(hits, result="hit") - before.value(hits, result="hit") == 2
    assert after.value(misses, result="miss") - before.value(misses, result="miss") == 3


def test_the_task_hook_counts_outcomes_and_durations():
    runs = "skillpath_task_runs_total"
    before = scrape()

    with observe_task("tests.ok_task"):
        pass
    with pytest.raises(ValueError), observe_task("tests.ok_task"):
        raise ValueError("broken")
    with pytest.raises(TaskRetry), observe_task("tests.ok_task"):
        raise TaskRetry

    after = scrape()
    for outcome in ("success", "failure", "retry"):
        assert after.value(runs, task="tests.ok_task", outcome=outcome) == (
            before.value(runs, task="tests.ok_task", outcome=outcome) + 1
        )
    assert after.value("skillpath_task_duration_seconds_count", task="tests.ok_task") == (
        before.value("skillpath_task_duration_seconds_count", task="tests.ok_task") + 3
    )


# --- Who may read it -----------------------------------------------------------------------


def test_a_server_with_nothing_configured_has_no_metrics_page(server):
    assert Client(REMOTE_ADDR="192.0.2.10").get("/metrics").status_code == 404
    # Not even from this machine: local mode is off.
    assert Client(HTTP_HOST="localhost").get("/metrics").status_code == 404


def test_a_server_with_a_token_wants_that_token(server):
    server.SKILLPATH_METRICS_TOKEN = TOKEN
    scraper = Client(REMOTE_ADDR="192.0.2.10")

    assert scraper.get("/metrics").status_code == 403
    assert scraper.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert scraper.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}x").status_code == 403
    assert scraper.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 403
    response = scraper.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert b"skillpath_http_request_duration_seconds" in response.content


def test_a_server_with_an_allow_list_wants_an_address_on_it(server):
    server.SKILLPATH_METRICS_ALLOW = ["10.0.0.0/8", "192.0.2.7"]

    assert Client(REMOTE_ADDR="10.42.0.9").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.7").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.8").get("/metrics").status_code == 403
    assert Client(REMOTE_ADDR="::ffff:10.1.2.3").get("/metrics").status_code == 200


def test_behind_a_proxy_the_allow_list_sees_the_clients_address(server):
    server.SKILLPATH_METRICS_ALLOW = ["10.0.0.0/8"]
    server.BEHIND_PROXY = True
    proxy = Client(REMOTE_ADDR="10.0.0.1")  # the proxy itself is on the list

    assert proxy.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 403
    assert proxy.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.5, 10.3.0.4").status_code == 200


def test_an_invalid_allow_list_entry_allows_nobody_and_is_reported(server):
    from skillpath.ops.checks import metrics_allow_list_is_valid

    server.SKILLPATH_METRICS_ALLOW = ["10.0.0.0/33"]

    assert Client(REMOTE_ADDR="10.0.0.1").get("/metrics").status_code == 403
    assert [e.id for e in metrics_allow_list_is_valid()] == ["skillpath.E003"]


def test_local_mode_opens_it_to_this_machine_only(local_browser, settings):
    settings.LOCAL_MODE = True

    assert local_browser.get("/metrics").status_code == 200
    # A page elsewhere resolving its own name to 127.0.0.1 (DNS rebinding) is not this machine.
    assert Client(HTTP_HOST="evil.example").get("/metrics").status_code in (400, 404)


# --- Several processes ---------------------------------------------------------------------

WORKER = textwrap.dedent(
    """
    import django
    django.setup()
    from django.test import Client
    for _ in range({requests}):
        assert Client(HTTP_HOST="localhost").get("/health/live").status_code == 200
    {then}
    """
)


def _process(code: str, folder) -> str:
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "skillpath.config.settings",
        # A SQLite database of their own (never the PostgreSQL one of a test run): the
        # scrape's product gauges read it.
        "SKILLPATH_DATA_DIR": str(folder / "data"),
        "PROMETHEUS_MULTIPROC_DIR": str(folder / "metrics"),
        "SKILLPATH_LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_with_a_multiprocess_folder_a_scrape_adds_up_every_process(tmp_path):
    # Two worker processes answer probes; a third answers the scrape, as behind a server
    # with several workers, where any worker may get Prometheus' request.
    (tmp_path / "metrics").mkdir()
    _process(WORKER.format(requests=2, then=""), tmp_path)
    _process(WORKER.format(requests=3, then=""), tmp_path)
    text = _process(
        WORKER.format(
            requests=0,
            then="from django.core.management import call_command; "
            "call_command('migrate', verbosity=0); "
            "from skillpath.ops import metrics; print(metrics.render()[0].decode())",
        ),
        tmp_path,
    )

    found = Scrape(text)
    assert found.value(f"{LATENCY}_count", view="ops:live", method="GET", status="2xx") == 5
    assert found.value("skillpath_active_learners") == 0  # the product gauges are there too
