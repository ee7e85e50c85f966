"""How a stage says what went wrong: `CheckFailed` and small `expect*` helpers.

A failure always carries what a learner needs to fix it — what was sent, what was
expected, what came back and a hint — never a bare "assertion failed".
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import httpx
from django.utils.formats import number_format

from skillpath.checks.i18n import each_language, ngettext
from skillpath.checks.i18n import gettext as _

# Bodies and outputs shown in a message are cut to this many characters.
SHOWN_CHARS = 600


class CheckFailed(Exception):
    """The learner's program did not do what the spec asks."""

    def __init__(
        self,
        message: str,
        *,
        request: str | None = None,
        expected: str | None = None,
        actual: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        # Texts stay Texts (str() would keep the run's language only): see checks.i18n.
        self.message = _text(message)
        self.request = None if request is None else _text(request)
        self.expected = None if expected is None else _text(expected)
        self.actual = None if actual is None else _text(actual)
        self.hint = None if hint is None else _text(hint)


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value)


class StageSkipped(Exception):
    """The stage cannot run against this target (for example a restart with --url)."""


def decimal(value: float, places: int) -> str:
    """A number as the learner's language writes it (0.25 in English, 0,25 in Russian)."""
    return each_language(lambda: number_format(round(value, places), places))


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """The text, cut to `limit` characters with a note of how much was left out."""
    if len(text) <= limit:
        return text
    left = len(text) - limit
    return text[:limit] + ngettext(
        "… (%(count)s more character)", "… (%(count)s more characters)", left
    ) % {"count": left}


def describe_response(response: httpx.Response) -> str:
    """'status 404, body: {...}' — how a response is shown in a message."""
    body = response.text.strip()
    # Cyrillic in JSON reads better as letters than as \u escapes.
    with contextlib.suppress(ValueError, RecursionError):
        body = json.dumps(json.loads(body), ensure_ascii=False)
    if not body:
        return _("status %(status)s, empty body") % {"status": response.status_code}
    return _("status %(status)s, body: %(body)s") % {
        "status": response.status_code,
        "body": shorten(body),
    }


def expect(
    condition: object,
    message: str,
    *,
    expected: object = None,
    actual: object = None,
    hint: str | None = None,
    request: str | None = None,
) -> None:
    """Fail the stage with `message` unless `condition` holds."""
    if not condition:
        raise CheckFailed(
            message,
            expected=None if expected is None else _text(expected),
            actual=None if actual is None else _text(actual),
            hint=hint,
            request=request,
        )


def expect_status(
    response: httpx.Response,
    status: int | tuple[int, ...] | set[int],
    message: str,
    *,
    hint: str | None = None,
) -> None:
    """Fail unless the response has `status` (one of them, when several are allowed)."""
    allowed = (status,) if isinstance(status, int) else tuple(sorted(status))
    if response.status_code in allowed:
        return
    raise CheckFailed(
        message,
        expected=_("status %(status)s") % {"status": _(" or ").join(map(str, allowed))},
        actual=describe_response(response),
        hint=hint,
    )


def expect_json(response: httpx.Response, type_: type | None = None) -> Any:
    """The response body parsed as JSON (of `type_`, when given); fails otherwise."""
    try:
        body = response.json()
    except RecursionError:  # arrays nested deeper than Python's parser goes
        raise CheckFailed(
            _("the response body is JSON nested too deep to read"),
            expected=_("a JSON body"),
            actual=describe_response(response),
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise CheckFailed(
            _("the response body is not JSON"),
            expected=_("a JSON body"),
            actual=describe_response(response),
            hint=_("Send JSON with the header Content-Type: application/json."),
        ) from None
    if type_ is not None and not isinstance(body, type_):
        kinds: dict[type, str] = {dict: _("a JSON object"), list: _("a JSON array")}
        raise CheckFailed(
            _("the response body is JSON of the wrong kind"),
            expected=kinds.get(type_, type_.__name__),
            actual=describe_response(response),
        )
    return body
