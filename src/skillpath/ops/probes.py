"""The paths that probes and scrapers call, answered without a sign-in or a session.

Local mode would sign a probe from this machine in as the local learner, writing a session
row for every probe; these paths are left out of it (people.middleware). Plain HTTP is not
redirected to HTTPS for them either (SECURE_REDIRECT_EXEMPT in the settings): inside a
cluster, the kubelet and Prometheus reach the pod directly, without TLS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the settings import this module: it imports nothing of Django's
    from django.http import HttpRequest

LIVE = "/health/live"
READY = "/health/ready"
METRICS = "/metrics"
PATHS = frozenset({LIVE, READY, METRICS})
# SECURE_REDIRECT_EXEMPT's regular expressions (matched against the path without its
# leading slash).
REDIRECT_EXEMPT = [rf"^{path.lstrip('/')}$" for path in sorted(PATHS)]


def is_probe(request: HttpRequest) -> bool:
    """Whether the request is for one of the probe paths."""
    return request.path_info in PATHS
