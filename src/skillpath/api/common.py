"""What the learner routers share: authentication, error bodies, bounded input types, and
one access helper per object, each filtering by the signed-in learner.

Another learner's object is a 404, never a 403: an outsider must not learn that it exists.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.validators import slug_re
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Schema
from ninja.errors import HttpError
from ninja.security import SessionAuth
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    WithJsonSchema,
)

from skillpath.core.bounds import (
    DAY_PATTERN,
    FIRST_DAY,
    LAST_DAY,
    MAX_ID,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    is_within_bounds,
)
from skillpath.curriculum import selectors as curricula
from skillpath.curriculum.models import Topic
from skillpath.people.selectors import time_zone_of
from skillpath.planning import selectors as planning
from skillpath.planning.models import Enrolment
from skillpath.tracking import selectors as tracking
from skillpath.tracking.models import StudySession

# --- Error bodies ------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, for a person to read.")


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        description="One entry per invalid field: `loc` (where), `msg` (what is wrong), `type`."
    )


# Every learner endpoint can answer 401; writes also 400 (a rule of the domain said no, with
# its message, or the body cannot be read), 403 (the CSRF check failed), 413 (the body is too
# big to read) and 422 (the request does not fit the schema).
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    413: ErrorOut,
    422: ValidationErrorOut,
}


# --- Authentication ----------------------------------------------------------------------


class LearnerAuth(SessionAuth):
    """Django's session cookie, as Ninja's `django_auth`, with CSRF enforced on unsafe methods.

    An anonymous call gets 401 before the CSRF check runs: without a session there is nothing
    to forge, and the client learns that it must sign in rather than fix a token.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        # The CSRF check reads a POST's form fields, which consumes a multipart body; read as
        # bytes first, the body is still there for the operation (else RawPostDataException).
        # A body too big to read raises RequestDataTooBig here: a 413 (see `api.main`).
        request.body  # noqa: B018
        return super().__call__(request)


learner_auth = LearnerAuth()


def learner(request: HttpRequest) -> AbstractBaseUser:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def now() -> datetime:
    return timezone.now()


def local_today(user: AbstractBaseUser) -> date:
    """Today in the learner's time zone (as `skillpath` on the command line counts it)."""
    return now().astimezone(time_zone_of(user)).date()


# --- Bounded input types -----------------------------------------------------------------


def _within_years(value: datetime) -> datetime:
    # The date as written (in its own offset), as the schema's pattern reads it.
    if not is_within_bounds(value.date()):
        raise ValueError(f"must fall between {FIRST_DAY} and {LAST_DAY}")
    return value


# Pydantic would also read a number as a Unix timestamp (`?week=0` as 1970-01-01): dates and
# times come as ISO 8601 text only.
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _iso(pattern: re.Pattern[str], example: str) -> Any:
    def check(value: Any) -> Any:
        if (isinstance(value, str) and not pattern.match(value)) or isinstance(value, int | float):
            raise ValueError(f"write it in ISO 8601, like {example}")
        return value

    return BeforeValidator(check)


# The schema states the bounds as a pattern of the years (JSON Schema has no minimum for a
# date), so that clients and schemathesis know them, not only the validators.
_YEARS = f"between {FIRST_DAY} and {LAST_DAY}"
DAY_SCHEMA = {"type": "string", "format": "date", "pattern": f"^{DAY_PATTERN}$"}
MOMENT_SCHEMA = {
    "type": "string",
    "format": "date-time",
    "pattern": f"^{DAY_PATTERN}[Tt ]",
}
Day = Annotated[
    date,
    _iso(ISO_DAY, "2026-01-31"),
    Field(ge=FIRST_DAY, le=LAST_DAY),
    WithJsonSchema({**DAY_SCHEMA, "description": f"A date {_YEARS}."}),
]
Moment = Annotated[
    AwareDatetime,
    _iso(ISO_MOMENT, "2026-01-31T18:30:00+03:00"),
    AfterValidator(_within_years),
    WithJsonSchema({**MOMENT_SCHEMA, "description": f"A time with its offset, {_YEARS}."}),
]


def _a_json_number(value: Any) -> Any:
    if isinstance(value, bool | str):
        raise ValueError("must be a JSON number")
    return value


def integer(*, ge: int, le: int) -> Any:
    """A whole number from `ge` to `le` as JSON Schema counts one: 6 or 6.0, but not `true` or
    "6" (which pydantic would take too) and not 6.5. StrictInt would refuse the 6.0 that the
    schema allows. The bounds come first, so the schema states them as minimum and maximum."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_a_json_number)]


# PostgreSQL refuses a NUL byte in text (a 500), so the schema says no strings hold one.
NO_NUL = r"^[^\x00]*$"
SLUG = r"^[-a-zA-Z0-9_]+$"
Slug = Annotated[str, Field(pattern=SLUG, max_length=100, examples=["git"])]


class Input(BaseModel):
    """A request body: a JSON object holding no field the schema does not name (a misspelt
    field is an error, not silently ignored)."""

    model_config = ConfigDict(extra="forbid")


def text(max_length: int, **kwargs: Any) -> Any:
    return Field(pattern=NO_NUL, max_length=max_length, **kwargs)


def id_param(description: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=description, examples=[1])


ENROLMENT_QUERY = Query(
    None, ge=1, le=MAX_ID, description="An enrolment's id (default: the current enrolment)."
)
PAGE_QUERY = Query(1, ge=1, le=MAX_PAGE, description="The page, from 1.")


def page_size_query(what: str) -> Any:
    return Query(20, ge=1, le=MAX_PAGE_SIZE, description=f"{what} per page.")


# --- Access helpers ----------------------------------------------------------------------


def enrolment_or_404(user: AbstractBaseUser, enrolment_id: int) -> Enrolment:
    try:
        return planning.enrolment_for(user, enrolment_id)
    except Http404:
        raise HttpError(404, _("You have no enrolment with the id %s.") % enrolment_id) from None


def current_or_404(user: AbstractBaseUser) -> Enrolment:
    enrolment = planning.current_enrolment(user)
    if enrolment is None:
        raise HttpError(404, _("You are not enrolled yet: enrol with POST /api/enrolments first."))
    return enrolment


def chosen_enrolment(user: AbstractBaseUser, enrolment_id: int | None) -> Enrolment:
    """The enrolment a `?enrolment=` parameter names, else the current one."""
    if enrolment_id is None:
        return current_or_404(user)
    return enrolment_or_404(user, enrolment_id)


def session_or_404(user: AbstractBaseUser, session_id: int) -> StudySession:
    session = tracking.session_for(user, session_id)
    if session is None:
        raise HttpError(404, _("You have no study session with the id %s.") % session_id)
    return session


def find_topic(enrolment: Enrolment, slug: str) -> Topic | None:
    """The topic with `slug` in the enrolment's curriculum, or None."""
    if not slug_re.match(slug):
        return None
    try:
        return curricula.topic_detail(enrolment.curriculum, slug)
    except Http404:
        return None


def no_topic_message(enrolment: Enrolment, slug: str) -> str:
    message = _("The curriculum “%(curriculum)s” has no topic with the slug “%(topic)s”.")
    return message % {"curriculum": enrolment.curriculum.slug, "topic": slug}


def topic_or_404(enrolment: Enrolment, slug: str) -> Topic:
    """A topic named in the path: an unknown one is a 404."""
    topic = find_topic(enrolment, slug)
    if topic is None:
        raise HttpError(404, no_topic_message(enrolment, slug))
    return topic


def topic_or_400(user: AbstractBaseUser, slug: str | None) -> Topic | None:
    """A topic named in a request body (of the current enrolment): an unknown one is a 400."""
    if slug is None:
        return None
    enrolment = planning.current_enrolment(user)
    if enrolment is None:
        raise HttpError(400, _("You are not enrolled yet, so no topic can be named."))
    topic = find_topic(enrolment, slug)
    if topic is None:
        raise HttpError(400, no_topic_message(enrolment, slug))
    return topic
