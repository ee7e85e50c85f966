"""Turn the bytes of a plan file into clean text, saying what was found and what was mended.

Plans reach us in UTF-8 (with or without a BOM), in legacy Cyrillic code pages, with CRLF
line ends, and as mojibake: UTF-8 that was once decoded with a wrong code page and saved
again (the seed itself arrived as UTF-8 read as Mac Roman). Repair happens on the whole
text *before* lines are split: latin-1 mojibake of Cyrillic holds U+0085, which
`str.splitlines` takes for a line break.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

# Code pages a Russian or English plan is realistically saved in, most likely first.
LEGACY_ENCODINGS = ("cp1251", "koi8_r", "mac_cyrillic", "cp866", "iso8859_5")
CYRILLIC_LOWER = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
CYRILLIC = CYRILLIC_LOWER | {c.upper() for c in CYRILLIC_LOWER}


class UnreadableError(ValueError):
    """The bytes are not a text plan; `line` is where the problem was seen (1-based)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    had_bom: bool
    line_endings: str  # "LF", "CRLF", "CR" or "mixed"
    repaired: str | None  # e.g. "mojibake: UTF-8 read as macroman", None when untouched

    def report(self) -> dict[str, object]:
        return {
            "detected": self.encoding,
            "bom": self.had_bom,
            "line_endings": self.line_endings,
            "repaired": self.repaired,
        }


def decode_plan(data: bytes) -> DecodedText:
    """Decode, repair and normalise the bytes of a plan file; raise `UnreadableError`."""
    if not data.strip():
        raise UnreadableError("expected a plan, found an empty file")
    _refuse_binary(data)
    had_bom = data.startswith(codecs.BOM_UTF8)
    if had_bom:
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data)
    text, repaired = _repair_mojibake(text)
    line_endings = _line_endings(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text, encoding, had_bom, line_endings, repaired)


def _refuse_binary(data: bytes) -> None:
    # NUL bytes never occur in a text plan in any code page we read (UTF-16 is not one).
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise UnreadableError("expected a text file, found binary data (a NUL byte)", line)
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(data) // 100):
        raise UnreadableError("expected a text file, found binary data (control bytes)")


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Pick the legacy code page whose reading looks most like Russian or English text."""
    candidates: dict[str, str] = {}
    for encoding in LEGACY_ENCODINGS:
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    guess = best.encoding if best is not None and best.encoding in candidates else ""
    # charset-normalizer alone mistakes cp1251 for koi8-r on short texts; prefer the
    # reading where Cyrillic letters are mostly lower case, as running text is.
    ranked = sorted(
        candidates,
        key=lambda enc: (
            _russian_score(candidates[enc]),
            enc == guess,
            -LEGACY_ENCODINGS.index(enc),
        ),
    )
    if not ranked:
        raise UnreadableError("expected UTF-8 or a Cyrillic code page, found undecodable bytes")
    encoding = ranked[-1]
    return candidates[encoding], encoding


def _russian_score(text: str) -> float:
    """Higher for text that reads like Russian: lower-case letters, common letters, and
    few non-ASCII characters that are not Cyrillic letters at all."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 0.0
    lower = sum(1 for c in non_ascii if c in CYRILLIC_LOWER)
    common = sum(1 for c in non_ascii if c.lower() in "оеаинтсрвлкм")
    return (lower + common) / len(non_ascii)


def _repair_mojibake(text: str) -> tuple[str, str | None]:
    fixed, steps = ftfy.fix_encoding_and_explain(text)
    if fixed == text or not steps:
        return text, None
    wrong = next((arg for op, arg in steps if op == "encode"), "a legacy code page")
    return fixed, f"mojibake: UTF-8 read as {wrong}"


def _line_endings(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if len(kinds) > 1:
        return "mixed"
    return kinds[0] if kinds else "LF"
