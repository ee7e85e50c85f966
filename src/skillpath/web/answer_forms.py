"""A learner's answer, read from the quiz and review forms into the response shape that
`knowledge.presentation.grade` takes. The forms name options by the positions shown."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from skillpath.core.bounds import small_number
from skillpath.knowledge.presentation import BadResponse, Shown, parse_number


def _position(raw: str | None, count: int) -> int:
    value = small_number(raw, count)
    if value is None:
        raise BadResponse(_("Choose one of the options."))
    return value


def response_from(post: QueryDict, shown: Shown) -> dict[str, Any]:
    """The answer in `post` to the question `shown`; BadResponse says what is missing."""
    kind, options = shown.kind, len(shown.options)
    if kind == "single":
        return {"choice": _position(post.get("choice"), options)}
    if kind == "multiple":
        chosen = post.getlist("choices")
        if not chosen:
            raise BadResponse(_("Choose at least one option."))
        return {"choices": sorted({_position(c, options) for c in chosen})}
    if kind == "true_false":
        value = post.get("answer")
        if value not in ("true", "false"):
            raise BadResponse(_("Choose true or false."))
        return {"answer": value == "true"}
    if kind == "short":
        text = (post.get("text") or "").strip()
        if not text:
            raise BadResponse(_("Type your answer."))
        return {"text": text[:500]}
    if kind == "numeric":
        value = parse_number(post.get("value") or "")
        if value is None:
            raise BadResponse(_("Type a number, such as 42 or 0.5."))
        return {"value": value}
    if kind == "matching":
        return {
            "matches": [
                _position(post.get(f"match-{i}"), options) for i in range(len(shown.prompts))
            ]
        }
    if kind == "ordering":
        ranks = [small_number(post.get(f"rank-{i}")) for i in range(options)]
        if sorted(r or 0 for r in ranks) != list(range(1, options + 1)):
            raise BadResponse(
                _("Give each item a different place, from 1 to %(n)s.") % {"n": options}
            )
        # rank-i is where the learner puts shown item i; the answer lists shown items in order.
        return {"order": sorted(range(options), key=lambda i: ranks[i] or 0)}
    raise BadResponse(_("This question cannot be answered here."))
