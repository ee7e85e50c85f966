"""Template filters for the curriculum pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()


@register.filter
def as_list(value: Iterable[Any]) -> list[Any]:
    """A prefetched queryset as a list, so `|last` works (querysets refuse negative indexing)."""
    return list(value)
