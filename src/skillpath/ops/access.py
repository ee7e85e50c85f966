"""Who may read /metrics: the rule, apart from the view.

On a server the metrics say how many learners there are and how busy the site is: only
the scraper may read them, by a bearer token (`SKILLPATH_METRICS_TOKEN`) or from an
address of the allow-list (`SKILLPATH_METRICS_ALLOW`). A server with neither configured
does not serve them at all (404). In local mode the browser on this machine reads them.
"""

from __future__ import annotations

import enum
import hmac
import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

from skillpath.people.addresses import client_address
from skillpath.people.local_mode import is_from_this_machine

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class Access(enum.Enum):
    ALLOWED = "allowed"
    REFUSED = "refused"  # configured, but this request has neither the token nor the address
    HIDDEN = "hidden"  # nothing configured on a server: the page does not exist


def parse_network(entry: str) -> Network | None:
    """An allow-list entry as a network (an address alone is a /32 or /128), or None when
    it is neither an address nor a CIDR range."""
    try:
        return ipaddress.ip_network(entry.strip(), strict=False)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def allowed_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The allow-list's valid networks. An invalid entry allows nobody (fail closed); the
    system check `skillpath.E003` reports it."""
    return tuple(n for n in map(parse_network, entries) if n is not None)


def _address_allowed(request: HttpRequest, entries: tuple[str, ...]) -> bool:
    address = client_address(request.META)
    try:
        ip = ipaddress.ip_address((address or "").strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in network for network in allowed_networks(entries))


def _token_matches(request: HttpRequest, token: str) -> bool:
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    # In constant time: a comparison that stops at the first wrong character tells an
    # attacker, by its timing, how much of a guess was right.
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


def metrics_access(request: HttpRequest) -> Access:
    """Whether this request may read /metrics (see the module's docstring)."""
    if settings.LOCAL_MODE and is_from_this_machine(request):
        return Access.ALLOWED
    token: str = settings.SKILLPATH_METRICS_TOKEN
    entries = tuple(settings.SKILLPATH_METRICS_ALLOW)
    if not token and not entries:
        return Access.HIDDEN
    if token and _token_matches(request, token):
        return Access.ALLOWED
    if entries and _address_allowed(request, entries):
        return Access.ALLOWED
    return Access.REFUSED
