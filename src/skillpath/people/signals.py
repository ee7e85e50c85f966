"""Receivers of Django's own authentication signals.

Signals here are framework plumbing, not domain flow: `user_logged_in` is the one place
that sees every way of signing in (the learner's page, the admin, local mode, a test
client), so the session's sign-in stamp is set here and nowhere else. `PeopleConfig.ready`
connects them.
"""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest

from skillpath.people import sessions
from skillpath.people.addresses import client_address


def stamp_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Remember when, from where and in what browser the session signed in."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[sessions.SIGNED_IN_AT] = now
    request.session[sessions.SEEN_AT] = now
    agent = request.META.get("HTTP_USER_AGENT", "")
    request.session[sessions.AGENT] = agent[: sessions.AGENT_LENGTH]
    request.session[sessions.ADDRESS] = client_address(request.META) or ""
