"""Bilingual model fields: `title_ru` and `title_en` columns, read as `obj.title`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


class Translated:
    """Reads `<name>_<active language>`, falling back to the other language.

    Declared on a model as `title = Translated()` beside `title_ru` and `title_en` fields.
    """

    name: str

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        language = (get_language() or "ru")[:2]
        first, second = ("en", "ru") if language == "en" else ("ru", "en")
        return getattr(obj, f"{self.name}_{first}") or getattr(obj, f"{self.name}_{second}")
