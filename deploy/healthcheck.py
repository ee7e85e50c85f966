"""The container's health check: exit 0 when `/health/live` answers 200, 1 otherwise.

Docker runs it inside the container (the Dockerfile's HEALTHCHECK, compose's healthcheck).
Django answers 400 to a Host header that SKILLPATH_ALLOWED_HOSTS does not list, so the
request names the first host listed there rather than 127.0.0.1. Standard library only: the
slim image has no curl.

    python healthcheck.py [URL]      # default http://127.0.0.1:8000/health/live
"""

from __future__ import annotations

import http.client
import os
import sys
from urllib.parse import urlsplit

DEFAULT_URL = "http://127.0.0.1:8000/health/live"
TIMEOUT_SECONDS = 4.0  # under the HEALTHCHECK's --timeout, so a hung server reads as a failure


def host_header(allowed_hosts: str) -> str:
    """The first host of SKILLPATH_ALLOWED_HOSTS that names one host ('.example.org' stands
    for example.org and its subdomains; '*' for any), else localhost."""
    for entry in allowed_hosts.split(","):
        host = entry.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def check(url: str, allowed_hosts: str) -> bool:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1", parts.port or 80, timeout=TIMEOUT_SECONDS
    )
    try:
        connection.request("GET", parts.path or "/", headers={"Host": host_header(allowed_hosts)})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_URL
    sys.exit(0 if check(url, os.environ.get("SKILLPATH_ALLOWED_HOSTS", "")) else 1)
