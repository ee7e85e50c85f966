"""The text the text-cli stages feed the program, generated from the run's seeded random
source: word pools, lines with uneven spacing, sentences with capitals and punctuation, and the
text of the `top` stage with its known word counts.
"""

from __future__ import annotations

from collections import Counter

from skillpath.checks.context import WORDS, Context

LATIN = tuple(word for word in WORDS if word.isascii())
CYRILLIC = tuple(word for word in WORDS if not word.isascii())
# Text around words: punctuation that is not part of a word, for `top` and `replace`.
PUNCTUATION = ("", "", "", ",", ".", "!", "?", ";", ":")


def plain_lines(ctx: Context, count: int, words: tuple[str, ...] = WORDS) -> list[str]:
    """Lines of words with uneven spacing (runs of spaces, tabs) and some empty lines."""
    lines = []
    for _n in range(count):
        spaces = [ctx.random.choice((" ", " ", "  ", "\t", " \t ")) for _w in range(7)]
        line = "".join(
            ctx.random.choice(words) + spaces[i] for i in range(ctx.random.randint(0, 6))
        )
        lines.append(ctx.random.choice(("", " ", "\t")) + line.rstrip(" \t"))
    return lines


def joined(lines: list[str], *, final_newline: bool = True) -> str:
    return "\n".join(lines) + ("\n" if final_newline else "")


def mixed_text(ctx: Context, *, lines: int, words: int) -> str:
    """Lines of Latin and Cyrillic words with capitals and punctuation, each ending in "\\n"."""
    return joined([sentence(ctx, ctx.words(words).split()) for _n in range(lines)])


def sentence(ctx: Context, words: list[str]) -> str:
    """Words with random capitals and punctuation: "Apple, «река» — STONE!"."""
    forms = [ctx.random.choice((word, word.capitalize(), word.upper())) for word in words]
    return decorate(ctx, forms)


def decorate(ctx: Context, words: list[str]) -> str:
    """Words joined with spaces and punctuation that is not part of them."""
    parts = []
    for word in words:
        if ctx.random.random() < 0.2:
            word = ctx.random.choice(("«%s»", "(%s)", '"%s"')) % word
        parts.append(word + ctx.random.choice(PUNCTUATION))
        if ctx.random.random() < 0.1:
            parts.append("—")
    return " ".join(parts)


def top_text(ctx: Context) -> tuple[str, Counter]:
    """A text whose word counts have ties, in mixed case and with punctuation, and one word
    with digits and "_": the alphabetically later word of the top tie comes first in the
    text, so counting ties in the order of first appearance gives a wrong answer for every
    seed."""
    words = ctx.random.sample(WORDS, 8)
    high, tied, middle, low = ctx.random.randint(8, 9), ctx.random.randint(6, 7), 5, 3
    counts = Counter(dict(zip(words, (high, tied, tied, middle, low, low, 2, 1), strict=True)))
    # Digits and "_" are part of a word: "river_2" is one word, not "river".
    counts[f"{ctx.random.choice(LATIN)}_{ctx.random.randint(2, 99)}"] = 4
    occurrences = []
    for word, times in counts.items():
        # Every case form of a word occurs, so counting without lower-casing fails.
        occurrences += [(word, word.capitalize(), word.upper())[i % 3] for i in range(times)]
    ctx.random.shuffle(occurrences)
    later = max(words[1], words[2])
    occurrences.remove(later.capitalize())
    occurrences.insert(0, later.capitalize())
    lines, start = [], 0
    while start < len(occurrences):
        size = ctx.random.randint(2, 6)
        lines.append(decorate(ctx, occurrences[start : start + size]))
        start += size
    return joined(lines), counts
