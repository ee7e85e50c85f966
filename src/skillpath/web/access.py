"""Access to a learner's own objects from a request: every helper filters by
`request.user`, so another learner's object is a 404 (its existence is not revealed)."""

from __future__ import annotations

import zoneinfo
from datetime import date
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from skillpath.checks import selectors as checks
from skillpath.checks.models import CheckRun
from skillpath.core.bounds import MAX_ID
from skillpath.people.selectors import time_zone_of
from skillpath.planning import selectors as planning
from skillpath.planning.models import Enrolment
from skillpath.tracking import selectors as tracking
from skillpath.tracking.models import StudySession, Timer


def learner_required(view: Any) -> Any:
    """`login_required` that sends anonymous visitors to the learner sign-in page, and
    renders the page in the learner's time zone."""
    return login_required(in_learners_zone(view))


def in_learners_zone(view: Any) -> Any:
    """Render the page in the signed-in learner's time zone (a visitor sees the server's)."""

    @wraps(view)
    def zoned(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with timezone.override(zone_of(request)):
            return view(request, *args, **kwargs)

    return zoned


def zone_of(request: HttpRequest) -> zoneinfo.ZoneInfo:
    """The signed-in learner's time zone, read once per request."""
    if not hasattr(request, "_sp_zone"):
        request._sp_zone = time_zone_of(request.user)  # type: ignore[attr-defined]
    return request._sp_zone  # type: ignore[attr-defined,no-any-return]


def local_today(request: HttpRequest) -> date:
    """Today's date where the learner is."""
    return timezone.now().astimezone(zone_of(request)).date()


def current_enrolment(request: HttpRequest) -> Enrolment | None:
    """The signed-in learner's current enrolment (None when not enrolled)."""
    return planning.current_enrolment(request.user)


def enrolment_for(request: HttpRequest, enrolment_id: int) -> Enrolment:
    """One of the signed-in learner's enrolments, or 404."""
    return planning.enrolment_for(request.user, enrolment_id)


def session_for(request: HttpRequest, session_id: int) -> StudySession:
    """One of the signed-in learner's study sessions, or 404."""
    session = tracking.session_for(request.user, session_id)
    if session is None:
        raise Http404("No such session")
    return session


def check_run_for(request: HttpRequest, run_id: int) -> CheckRun:
    """One of the signed-in learner's check runs, or 404."""
    # A number past the largest id in a URL is simply not found.
    if run_id > MAX_ID:
        raise Http404("No such check run")
    run = checks.check_run_for(learner=request.user, run_id=run_id)
    if run is None:
        raise Http404("No such check run")
    return run


_UNSET = object()


def running_timer(request: HttpRequest) -> Timer | None:
    """The learner's running timer, read at most once per request (the navbar shows it)."""
    cached = getattr(request, "_sp_timer", _UNSET)
    if cached is _UNSET:
        user = getattr(request, "user", None)
        cached = tracking.timer_of(user) if user is not None and user.is_authenticated else None
        request._sp_timer = cached  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]


def remember_timer(request: HttpRequest, timer: Timer | None) -> None:
    """Hand a timer a selector already read to the navbar, saving it a query."""
    request._sp_timer = timer  # type: ignore[attr-defined]


def next_or(request: HttpRequest, fallback: str) -> str:
    """The form's `next` when it is a path on this site, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path, not a relative URL: `redirect()` reads "a b" or "0" as the name of a view
    # (NoReverseMatch, a 500), and the forms only ever send a path.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
