"""Stable, readable identifiers for curriculum items, made from their titles."""

from __future__ import annotations

import re

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "h",
            "ts",
            "ch",
            "sh",
            "sch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)
MAX_LENGTH = 60


def slugify(text: str, *, fallback: str = "item") -> str:
    """ASCII slug of `text`: Cyrillic transliterated, words joined by '-', at most 60 chars."""
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    return slug or fallback


class Slugger:
    """Hands out slugs unique within one scope, suffixing repeats with -2, -3, ..."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def take(self, base: str) -> str:
        slug, n = base, 1
        while slug in self._used:
            n += 1
            slug = f"{base}-{n}"
        self._used.add(slug)
        return slug
