"""Helpers of the operations tests: a port nothing listens on, and the metrics of a scrape
read back with prometheus-client's own parser."""

from __future__ import annotations

import socket

import pytest
from prometheus_client.parser import text_string_to_metric_families

from skillpath.ops import metrics


def unused_port() -> int:
    """A TCP port on loopback that nothing listens on (it was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reachable(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


class Scrape:
    """The samples of one scrape: `value(name, **labels)`, `labels(name, label)`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.samples = [
            s for family in text_string_to_metric_families(text) for s in family.samples
        ]

    def value(self, name: str, **labels: str) -> float:
        found = [
            s.value for s in self.samples if s.name == name and labels.items() <= s.labels.items()
        ]
        return sum(found)

    def labels(self, name: str, label: str) -> set[str]:
        return {s.labels[label] for s in self.samples if s.name == name and label in s.labels}


def scrape() -> Scrape:
    body, _content_type = metrics.render()
    return Scrape(body.decode())


@pytest.fixture
def server(settings):
    """A server (local mode off), nothing configured for /metrics."""
    settings.LOCAL_MODE = False
    settings.SKILLPATH_METRICS_TOKEN = ""
    settings.SKILLPATH_METRICS_ALLOW = []
    return settings
