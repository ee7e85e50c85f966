"""Messages of a check run in every language at once, so that a run made in one language
reads in the other: a stage's message, expected, actual and hint are `Text`s.

A `Text` is the string in the run's language (so suites, tests and the terminal treat it as
the string it is), and it remembers its rendering in every shipped language. Suites write
`_("...") % {...}` as usual; `%`, `+` and `Text.join` keep every language. A Text that goes
through an f-string or `str.join` becomes plain text in the run's language only: use `+`,
`joined()` or `Text.join` for the parts of a message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.utils import translation


def languages() -> list[str]:
    """The languages a message is kept in: every one the interface ships."""
    return [code for code, _name in settings.LANGUAGES]


class Text(str):
    """A message in the current language, with its rendering in every shipped language."""

    translations: dict[str, str]

    def __new__(cls, text: str, translations: Mapping[str, str] | None = None) -> Text:
        made = super().__new__(cls, text)
        made.translations = dict(translations or {})
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        # copy.deepcopy (dataclasses.asdict) rebuilds a Text with its translations.
        return (Text, (str(self), self.translations))

    def in_language(self, language: str) -> str:
        return self.translations.get(language, str(self))

    def __mod__(self, params: Any) -> Text:
        return _each(lambda language: self.in_language(language) % _params_in(params, language))

    def __add__(self, other: object) -> Text:
        if not isinstance(other, str):
            return NotImplemented
        return _each(lambda language: self.in_language(language) + in_language(other, language))

    def __radd__(self, other: object) -> Text:
        if not isinstance(other, str):
            return NotImplemented
        return _each(lambda language: in_language(other, language) + self.in_language(language))

    def join(self, items: Iterable[str]) -> Text:  # type: ignore[override]
        parts = list(items)
        return _each(
            lambda language: self.in_language(language).join(
                in_language(part, language) for part in parts
            )
        )


def in_language(value: Any, language: str) -> Any:
    """`value` as it reads in `language`: a Text's rendering; anything else as it is."""
    return value.in_language(language) if isinstance(value, Text) else value


def _params_in(params: Any, language: str) -> Any:
    if isinstance(params, Mapping):
        return {key: in_language(value, language) for key, value in params.items()}
    if isinstance(params, tuple):
        return tuple(in_language(value, language) for value in params)
    return in_language(params, language)


def _each(render: Any) -> Text:
    """The Text `render(language)` makes in each language, read in the current one."""
    rendered = {}
    for language in languages():
        with translation.override(language):
            rendered[language] = render(language)
    current = translation.get_language() or settings.LANGUAGE_CODE
    return Text(rendered.get(current[:2], next(iter(rendered.values()))), rendered)


def gettext(message: str) -> Text:
    """`message` translated, in every shipped language."""
    return _each(lambda language: translation.gettext(message))


def ngettext(singular: str, plural: str, number: int) -> Text:
    """The form for `number`, translated, in every shipped language."""
    return _each(lambda language: translation.ngettext(singular, plural, number))


def joined(separator: str, parts: Iterable[str]) -> Text:
    """`separator.join(parts)`, keeping every language of the parts."""
    return Text(separator).join(parts)


def each_language(render: Any) -> Text:
    """A Text made by calling `render()` under each shipped language (a number written the
    way each language writes it, for example)."""
    return _each(lambda language: render())


def texts_by_language(values: Mapping[str, str | None], language: str) -> dict[str, dict[str, str]]:
    """Every other language's rendering of the `values` that read differently in it, by
    language then name — what a result document keeps beside its own language's text."""
    found: dict[str, dict[str, str]] = {}
    for other in languages():
        if other == language:
            continue
        differing = {
            name: value.in_language(other)
            for name, value in values.items()
            if isinstance(value, Text) and value.in_language(other) != str(value)
        }
        if differing:
            found[other] = differing
    return found
