"""One address of a link: an evidence link is kept as its canonical form, so the same page
written two ways (`https://GitHub.com/me/repo`, `https://github.com:443/me/repo`) is saved
once per topic (the `tracking_evidence_once` constraint compares the stored form).

Only what RFC 3986 says never changes the resource is rewritten: the scheme's and host's
case (§6.2.2.1), a default or empty port and an empty path (§6.2.3). A path's case, a
trailing slash, the query and the fragment stay as written — a server may tell them apart.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

DEFAULT_PORTS = {"http": "80", "https": "443"}
# The host (a bracketed IPv6 address or a name) and the port after the last colon.
_HOST_PORT = re.compile(r"(?P<host>\[[^\]]*\]|[^:]*)(?::(?P<port>[0-9]*))?")


def canonical_url(url: str) -> str:
    """`url` with its scheme and host in lowercase, without a default port, and with "/"
    for an empty path; a URL it cannot read is returned as given (stripped)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    userinfo, at, host_port = parts.netloc.rpartition("@")
    found = _HOST_PORT.fullmatch(host_port)
    if not scheme or found is None:
        return url
    port = found["port"] or ""
    netloc = userinfo + at + found["host"].lower()
    if port and port != DEFAULT_PORTS.get(scheme):
        netloc += ":" + port
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, parts.query, parts.fragment))
