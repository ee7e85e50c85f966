"""The seed imports the same whatever the encoding it was saved in, mojibake included."""

from __future__ import annotations

import codecs

import pytest

from skillpath.curriculum.encoding import UnreadableError, decode_plan
from skillpath.curriculum.importers.loader import parse_plan_bytes
from tests.seed import SEED_COUNTS


def _lossy(text: str, encoding: str) -> str:
    """The seed as it reads after a round trip through a code page without emoji."""
    return text.encode(encoding, "replace").decode(encoding)


def test_the_original_and_the_decoded_seed_give_the_same_curriculum(seed_original, seed_ru):
    original = parse_plan_bytes(seed_original.read_bytes())
    decoded = parse_plan_bytes(seed_ru.read_bytes())

    assert original.doc.counts() == SEED_COUNTS
    assert original.doc == decoded.doc
    assert original.decoded.repaired == "mojibake: UTF-8 read as macroman"
    assert decoded.decoded.repaired is None


@pytest.mark.parametrize(
    ("name", "encode", "detected", "repaired"),
    [
        ("cp1251", lambda t: t.encode("cp1251", "replace"), "cp1251", None),
        ("koi8-r", lambda t: t.encode("koi8_r", "replace"), "koi8_r", None),
        (
            "utf-8 with BOM and CRLF",
            lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode(),
            "utf-8",
            None,
        ),
        (
            "latin-1 mojibake",
            lambda t: t.encode("utf-8").decode("latin-1").encode("utf-8"),
            "utf-8",
            "mojibake: UTF-8 read as latin-1",
        ),
        (
            "mac roman mojibake",
            lambda t: t.encode("utf-8").decode("mac_roman").encode("utf-8"),
            "utf-8",
            "mojibake: UTF-8 read as macroman",
        ),
    ],
)
def test_the_seed_reencoded_imports_the_same(seed_ru, name, encode, detected, repaired):
    text = seed_ru.read_text(encoding="utf-8")
    reference = parse_plan_bytes(text.encode())

    parsed = parse_plan_bytes(encode(text))

    assert parsed.decoded.encoding == detected
    assert parsed.decoded.repaired == repaired
    assert parsed.doc.counts() == SEED_COUNTS
    if name in ("cp1251", "koi8-r"):
        # Emoji do not exist in these code pages; everything else must survive.
        lossy = parse_plan_bytes(_lossy(text, "cp1251").encode())
        assert parsed.doc == lossy.doc
        assert parsed.doc.topics == reference.doc.topics
    else:
        assert parsed.doc == reference.doc


def test_latin1_mojibake_is_repaired_before_lines_are_split(seed_ru):
    # "х" is D1 85 in UTF-8; read as latin-1, 0x85 becomes U+0085, a line break to splitlines.
    broken = seed_ru.read_text(encoding="utf-8").encode().decode("latin-1")
    assert "\x85" in broken

    decoded = decode_plan(broken.encode("utf-8"))

    assert decoded.text == seed_ru.read_text(encoding="utf-8")


def test_line_endings_and_bom_are_reported():
    decoded = decode_plan(codecs.BOM_UTF8 + b"# T\r\n## PHASE 1: A\r\n")

    assert decoded.report() == {
        "detected": "utf-8",
        "bom": True,
        "line_endings": "CRLF",
        "repaired": None,
    }
    assert "\r" not in decoded.text


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "empty file", 1),
        (b"  \n\n \t\n", "empty file", 1),
        (b"# Plan\nline two\n\x00\x01\x02binary", "binary data", 3),
        (bytes(range(0, 32)) * 20, "binary data", 1),
    ],
)
def test_it_refuses_empty_and_binary_files(data, message, line):
    with pytest.raises(UnreadableError, match=message) as error:
        decode_plan(data)
    assert error.value.line == line
