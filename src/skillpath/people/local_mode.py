"""Local mode's rule: who is signed in as the local learner without a password.

Only the browser on this machine: a request that connects from a loopback address, names
this machine in its Host header, and did not come through a proxy. A proxy on this machine
would connect from loopback on behalf of anyone (so no forwarding headers, and never with
SKILLPATH_BEHIND_PROXY), and a Host other than a loopback name may be a stranger's web page
resolving its own name to 127.0.0.1 (DNS rebinding).

For the same reason local mode refuses to serve on an address other machines can reach,
or behind a proxy: `skillpath serve` exits, Django's system checks report an error, and
the web application does not start (see `LocalModeMiddleware`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from skillpath.people.addresses import came_through_proxy, is_loopback_address, is_loopback_host

BEHIND_PROXY_ERROR = (
    "SKILLPATH_LOCAL_MODE is on behind a reverse proxy (SKILLPATH_BEHIND_PROXY): every "
    "visitor would arrive from this machine. Set SKILLPATH_LOCAL_MODE=false on a server."
)


def is_from_this_machine(request: HttpRequest) -> bool:
    """Whether local mode may sign this request in (see the module's docstring)."""
    return (
        not settings.BEHIND_PROXY
        and is_loopback_address(request.META.get("REMOTE_ADDR"))
        and not came_through_proxy(request.META)
        and is_loopback_host(request.get_host())
    )


def configuration_error() -> str | None:
    """What is wrong with running local mode in these settings, or None."""
    if settings.LOCAL_MODE and settings.BEHIND_PROXY:
        return BEHIND_PROXY_ERROR
    return None


def serving_error(*, host: str) -> str | None:
    """Why the server must not listen on `host` in these settings, or None (a message for
    the person starting it)."""
    if not settings.LOCAL_MODE:
        return None
    if settings.BEHIND_PROXY:
        return _(
            "local mode cannot run behind a reverse proxy (SKILLPATH_BEHIND_PROXY): every "
            "visitor would be signed in; set SKILLPATH_LOCAL_MODE=false on a server"
        )
    if not is_loopback_host(host):
        return _(
            "local mode signs in everyone who reaches it, so it serves only on this machine "
            "(127.0.0.1, ::1, localhost); to serve on %(host)s, set SKILLPATH_LOCAL_MODE=false"
        ) % {"host": host}
    return None
