"""The blog-api suite's generated data: titles, bodies and tags of new posts, and slugs no
post has — all from the run's seeded random source."""

from __future__ import annotations

from typing import Any

from skillpath.checks.context import WORDS, Context

# The search stage changes the case of its word: SQLite folds only A-Z, so Latin words.
LATIN_WORDS = tuple(word for word in WORDS if word.isascii())
CYRILLIC_WORDS = tuple(word for word in WORDS if not word.isascii())


def new_title(ctx: Context) -> str:
    return f"{ctx.words(3).capitalize()} {ctx.random.randint(2, 999)}"


def new_post(ctx: Context, **fields: Any) -> dict[str, Any]:
    """The body of a POST /posts with a random title and body, and `fields` over them."""
    return {"title": new_title(ctx), "body": ctx.words(8).capitalize() + ".", **fields}


def missing_slug(ctx: Context) -> str:
    return f"no-such-post-{ctx.random.randint(100_000, 999_999)}"
