"""Where a request comes from: the visitor's address, whether a proxy passed it on, and
whether an address or a host name means this machine."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

from django.conf import settings
from django.http.request import split_domain_port

# Headers that only a proxy (or someone pretending to be one) sends. A request carrying
# any of them reached us through something else, even when it connects from loopback.
PROXY_HEADERS = (
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_SERVER",
    "HTTP_X_REAL_IP",
    "HTTP_X_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_VIA",
)


def client_address(meta: Mapping[str, str]) -> str | None:
    """The visitor's address: behind a trusted reverse proxy (SKILLPATH_BEHIND_PROXY), the
    last X-Forwarded-For entry — the one our proxy added; earlier entries are the client's
    own claims — else REMOTE_ADDR."""
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded:
        return forwarded.split(",")[-1].strip() or None
    return meta.get("REMOTE_ADDR") or None


def came_through_proxy(meta: Mapping[str, str]) -> bool:
    """Whether the request carries a header that a proxy adds."""
    return any(meta.get(header) for header in PROXY_HEADERS)


def is_loopback_address(address: str | None) -> bool:
    """127.0.0.0/8, ::1, or an IPv4 loopback address written as IPv6 (::ffff:127.0.0.1)."""
    try:
        ip = ipaddress.ip_address((address or "").strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


def is_loopback_host(host: str) -> bool:
    """Whether a Host header (or a listening address) names this machine: `localhost`,
    a name under `.localhost` (RFC 6761 keeps them on loopback), or a loopback address.
    Any other name may be a DNS rebinding: a stranger's site resolving to 127.0.0.1."""
    domain, _port = split_domain_port(host)
    if not domain:  # split_domain_port refuses a bare IPv6 address such as ::1
        domain = host.strip().lower()
    return domain == "localhost" or domain.endswith(".localhost") or is_loopback_address(domain)
