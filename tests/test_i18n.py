"""Russian and English ship complete: every catalog entry translated, none fuzzy, and the
compiled catalog (.mo) in step with its source (.po)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "src" / "skillpath" / "locale"


def _entries(po: Path) -> list[dict[str, str]]:
    """(msgid, msgstr...) pairs of a .po file: enough of the format for these checks."""
    entries, current, key = [], {}, None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, key = {}, None
        elif line.startswith("#,"):
            current["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += _unquote(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = _unquote(value)
    return [e for e in entries if e.get("msgid")]


def _unquote(text: str) -> str:
    return (
        text.strip()[1:-1]
        .encode("utf-8")
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def test_the_russian_catalog_is_complete():
    entries = _entries(LOCALE / "ru/LC_MESSAGES/django.po")

    assert len(entries) > 100
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", "")]
    empty = [
        e["msgid"] for e in entries if not any(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert fuzzy == []
    assert empty == []


def test_placeholders_survive_translation():
    for entry in _entries(LOCALE / "ru/LC_MESSAGES/django.po"):
        wanted = set(re.findall(r"%\(\w+\)[sd]", entry["msgid"] + entry.get("msgid_plural", "")))
        for key, value in entry.items():
            if key.startswith("msgstr") and value:
                found = set(re.findall(r"%\(\w+\)[sd]", value))
                # A plural form may leave the number out ("одна тема"), never invent one.
                assert found <= wanted, (entry["msgid"], value)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_compiled_catalog_matches_its_source(language):
    po = _entries(LOCALE / language / "LC_MESSAGES/django.po")
    with (LOCALE / language / "LC_MESSAGES/django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]

    for entry in po:
        if "msgid_plural" in entry or not entry.get("msgstr"):
            continue
        assert compiled.get(entry["msgid"]) == entry["msgstr"], (
            f"{language}: run `make messages` to recompile the catalog"
        )


@pytest.mark.django_db
def test_pages_speak_russian(builtin):
    client = Client()
    client.cookies["django_language"] = "ru"

    body = client.get("/c/backend/").content.decode()

    with translation.override("ru"):
        assert translation.gettext("Roadmap") != "Roadmap"
        assert translation.gettext("Roadmap") in body
