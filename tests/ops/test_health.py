"""/health/live and /health/ready: their bodies and status codes, against real
dependencies — the test database, a database with a migration rolled back, a Redis at an
unreachable port, and the Redis and RabbitMQ servers of this machine."""

from __future__ import annotations

import json
import socketserver
import threading

import pytest
from django.core.management import call_command
from django.test import override_settings

from skillpath.ops.health import Check, overall
from tests.conftest import need
from tests.ops.conftest import reachable, unused_port

pytestmark = pytest.mark.django_db

REDIS_PORT, AMQP_PORT = 6379, 5672


def test_live_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {}}
    assert "no-cache" in response["Cache-Control"]


def test_ready_reports_each_check_and_its_time(client):
    response = client.get("/health/ready")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "migrations", "cache"}  # no broker configured
    for check in body["checks"].values():
        assert check["status"] == "ok"
        assert isinstance(check["ms"], float) and check["ms"] >= 0
    assert body["checks"]["migrations"]["pending"] == 0


def test_ready_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    client.get("/health/ready")  # the first request of a process imports the migrations

    # SELECT 1, whether the migrations table exists, which migrations it records; no session
    # or user query (a probe sends no cookie).
    with django_assert_num_queries(3):
        assert client.get("/health/ready").status_code == 200


def test_probes_only_answer_get_and_head(client):
    assert client.post("/health/ready").status_code == 405
    assert client.head("/health/live").status_code == 200


def test_a_probe_from_this_machine_is_not_signed_in_in_local_mode(local_browser, settings):
    from skillpath.people.sessions import SessionStore

    settings.LOCAL_MODE = True
    Session = SessionStore.get_model_class()

    for path in ("/health/live", "/health/ready", "/metrics"):
        response = local_browser.get(path)
        assert response.status_code == 200, path
        assert "sessionid" not in response.cookies, path
    assert Session.objects.count() == 0
    # The pages still sign the local learner in.
    assert local_browser.get("/today/").status_code == 200
    assert Session.objects.count() == 1


def test_probes_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/health/live").status_code == 200
    assert client.get("/health/ready").status_code == 200
    assert client.get("/today/").status_code == 301  # the pages are


def test_probes_need_no_sign_in_on_a_server(client, settings):
    settings.LOCAL_MODE = False

    assert client.get("/health/live", REMOTE_ADDR="192.0.2.10").status_code == 200
    assert client.get("/health/ready", REMOTE_ADDR="192.0.2.10").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_ready_fails_while_a_migration_is_not_applied(client):
    # For real: the test database loses its last migration of people (a column goes away),
    # as a database does before `migrate` runs during an upgrade.
    call_command("migrate", "people", "0002_session", verbosity=0)
    try:
        response = client.get("/health/ready")
    finally:
        call_command("migrate", "people", verbosity=0)

    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["checks"]["migrations"]["status"] == "fail"
    assert body["checks"]["migrations"]["pending"] >= 1
    assert body["checks"]["database"]["status"] == "ok"
    assert client.get("/health/ready").status_code == 200  # migrated again


def test_an_unreachable_cache_makes_ready_degraded_not_failed(client):
    port = unused_port()
    unreachable = {
        "default": {
            "BACKEND": "skillpath.ops.cache.RedisCache",
            "LOCATION": f"redis://user:s3cret-pass@127.0.0.1:{port}/0",
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/health/ready")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "fail"
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert body["checks"]["database"]["status"] == "ok"
    # Never a secret, an address or a traceback in the body.
    assert "s3cret" not in response.content.decode()
    assert str(port) not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_ready_reads_a_redis_cache_through_djangos_caches(client):
    need(reachable(REDIS_PORT), "no Redis server on 127.0.0.1:6379")
    redis = {
        "default": {
            "BACKEND": "skillpath.ops.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{REDIS_PORT}/7",
        }
    }
    with override_settings(CACHES=redis):
        response = client.get("/health/ready")

    assert response.json()["checks"]["cache"]["status"] == "ok"
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize(
    ("url", "port"),
    [
        (f"redis://127.0.0.1:{REDIS_PORT}/7", REDIS_PORT),
        (f"amqp://guest:guest@127.0.0.1:{AMQP_PORT}//", AMQP_PORT),
    ],
)
def test_ready_checks_a_configured_broker(client, settings, url, port):
    need(reachable(port), f"no broker on 127.0.0.1:{port}")
    settings.BROKER_URL = url

    response = client.get("/health/ready")

    assert response.json()["checks"]["broker"]["status"] == "ok"
    assert response.json()["status"] == "ok"
    assert "guest" not in response.content.decode()


def test_an_unreachable_broker_makes_ready_degraded(client, settings):
    settings.BROKER_URL = f"amqp://guest:guest@127.0.0.1:{unused_port()}//"

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["broker"] == {
        "status": "fail",
        "ms": response.json()["checks"]["broker"]["ms"],
        "error": "ConnectionRefusedError",
    }


@pytest.fixture
def not_a_broker():
    """A server on loopback that answers whatever it is sent with an HTTP error, as a web
    server at the broker's address would."""
    with socketserver.TCPServer(("127.0.0.1", 0), _HttpLike) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server.server_address[1]
        server.shutdown()


class _HttpLike(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.recv(64)
        self.request.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")


@pytest.mark.parametrize("scheme", ["redis", "amqp"])
def test_a_server_that_is_not_the_broker_fails_the_broker_check(
    client, settings, not_a_broker, scheme
):
    settings.BROKER_URL = f"{scheme}://127.0.0.1:{not_a_broker}/0"

    body = client.get("/health/ready").json()

    assert body["status"] == "degraded"
    assert body["checks"]["broker"]["status"] == "fail"
    assert body["checks"]["broker"]["error"] == "UnexpectedAnswer"


def test_the_overall_status_fails_only_for_a_required_check():
    ok, failed = Check("ok", 1.0), Check("fail", 1.0)
    required = frozenset({"database"})

    assert overall({"database": ok, "cache": ok}, required=required) == "ok"
    assert overall({"database": ok, "cache": failed}, required=required) == "degraded"
    assert overall({"database": failed, "cache": ok}, required=required) == "fail"
    assert overall({"database": failed, "cache": failed}, required=required) == "fail"


def test_the_bodies_are_json_objects(client):
    for path in ("/health/live", "/health/ready"):
        response = client.get(path)
        assert response["Content-Type"] == "application/json"
        assert isinstance(json.loads(response.content), dict)
