"""The blog-api suite's stages about lists of posts: pages newest first, the tag filter and
the search in titles and bodies."""

from __future__ import annotations

import math
from typing import Any

from skillpath.checks.context import WORDS, Context
from skillpath.checks.expect import expect, expect_status
from skillpath.checks.i18n import gettext as _
from skillpath.checks.suites.blog_api.data import CYRILLIC_WORDS, LATIN_WORDS, new_post
from skillpath.checks.suites.blog_api.service import create_post, get_page, list_path
from skillpath.checks.suites.blog_api.shapes import PAGE_FIELDS, fields_of, page_size, show

DEFAULT_PER_PAGE = 10
HIGHEST_PAGE = 1_000_000_000


def pagination(ctx: Context) -> None:
    per_page = 2
    before, _slugs = get_page(ctx, per_page=per_page)
    # An odd total, so that the last page is only partly filled.
    count = 5 + before["total"] % 2
    newest = [create_post(ctx, new_post(ctx))[0]["slug"] for _number in range(count)][::-1]
    total = before["total"] + count
    pages = math.ceil(total / per_page)
    for number in (1, 2, 3, pages):
        page, slugs = get_page(ctx, page=number, per_page=per_page)
        path = list_path(page=number, per_page=per_page)
        wanted = {"page": number, "per_page": per_page, "total": total, "pages": pages}
        for name, value in wanted.items():
            expect(
                page[name] == value,
                _('"%(field)s" of GET %(path)s is wrong') % {"field": name, "path": path},
                expected=show(value),
                actual=show(fields_of(page, PAGE_FIELDS)),
                hint=_(
                    "total counts every post that matches; pages is total / per_page rounded "
                    "up; page and per_page repeat the query."
                ),
            )
        start = (number - 1) * per_page
        mine = newest[start : start + per_page]
        expect(
            slugs[: len(mine)] == mine and len(slugs) == page_size(total, number, per_page),
            _("GET %(path)s holds the wrong posts") % {"path": path},
            expected=show(mine)
            if len(mine) == per_page
            else _("%(slugs)s first") % {"slugs": show(mine)},
            actual=show(slugs),
            hint=_(
                "Posts come newest first; page N skips (N - 1) × per_page posts and holds "
                "up to per_page of them."
            ),
        )
    page, slugs = get_page(ctx, page=pages + 1, per_page=per_page)
    expect(
        slugs == [],
        _("a page after the last one must answer 200 with no items"),
        expected='{"items": [], ...}',
        actual=show(slugs),
    )
    page, slugs = get_page(ctx)
    expect(
        page["per_page"] == DEFAULT_PER_PAGE and page["page"] == 1 and slugs[:count] == newest,
        _("GET /posts without page and per_page must give page 1 of %(count)s posts")
        % {"count": DEFAULT_PER_PAGE},
        expected=show({"page": 1, "per_page": DEFAULT_PER_PAGE}),
        actual=show(fields_of(page, PAGE_FIELDS)),
    )
    for params in (
        {"page": 0},
        {"per_page": 0},
        {"per_page": 101},
        {"page": "two"},
        {"page": HIGHEST_PAGE + 1},
    ):
        expect_status(
            ctx.http.get("/posts", params=params),
            (400, 422),
            _("GET %(path)s must be rejected") % {"path": list_path(**params)},
            hint=_(
                "page is a whole number from 1 to 1000000000; per_page from 1 to 100; else "
                "answer 400."
            ),
        )


def tag_filter(ctx: Context) -> None:
    number = ctx.random.randint(100, 999)
    both = f"{ctx.random.choice(LATIN_WORDS)}-{number}"
    shared = f"{ctx.random.choice(CYRILLIC_WORDS)}-{number}"
    alone = f"{ctx.random.choice(LATIN_WORDS)}-{number}-x"
    first = create_post(ctx, new_post(ctx, tags=[both, shared]))[0]["slug"]
    second = create_post(ctx, new_post(ctx, tags=[shared]))[0]["slug"]
    third = create_post(ctx, new_post(ctx, tags=[alone]))[0]["slug"]
    for tag, inside, outside in ((shared, [second, first], [third]), (both, [first], [second])):
        page, slugs = get_page(ctx, tag=tag, per_page=100)
        strangers = [item.get("slug") for item in page["items"] if tag not in item.get("tags", [])]
        expect(
            all(slug in slugs for slug in inside)
            and not any(slug in slugs for slug in outside)
            and not strangers,
            _('GET %(path)s must list exactly the posts tagged "%(tag)s"')
            % {"path": list_path(tag=tag, per_page=100), "tag": tag},
            expected=_("%(inside)s among them, none of %(outside)s")
            % {"inside": show(inside), "outside": show(outside)},
            actual=show(slugs),
            hint=_("Keep only the posts whose tags include the tag, exactly as it is written."),
        )
    unused = f"{alone}-none"
    page, slugs = get_page(ctx, tag=unused)
    expect(
        slugs == [] and page["total"] == 0,
        _("GET %(path)s must give an empty page: no post has that tag")
        % {"path": list_path(tag=unused)},
        expected='{"items": [], "total": 0, ...}',
        actual=show(fields_of(page, ("items", "total"))),
        hint=_(
            "Filter both the posts of the page and the count behind total by the tag: a tag "
            'no post has gives "items": [] and "total": 0.'
        ),
    )


def expect_search(
    ctx: Context, params: dict[str, Any], inside: list[str], message: str, hint: str
) -> list[str]:
    """GET /posts with the search; fails with `message` unless `inside` are all listed."""
    page, slugs = get_page(ctx, per_page=100, **params)
    expect(
        all(slug in slugs for slug in inside),
        message,
        expected=_("%(slugs)s among the posts") % {"slugs": show(inside)},
        actual=show(slugs),
        hint=hint,
    )
    text = str(params["q"]).lower()
    strangers = [
        item.get("slug")
        for item in page["items"]
        if text not in f"{item.get('title')}\n{item.get('body')}".lower()
    ]
    expect(
        not strangers,
        _("the search for %(q)s found posts without that text") % {"q": show(params["q"])},
        expected=_("only posts whose title or body contains it"),
        actual=show(strangers),
        hint=hint,
    )
    return slugs


def search(ctx: Context) -> None:
    word = ctx.random.choice(LATIN_WORDS)
    others = [other for other in WORDS if other != word]

    def text(count: int) -> str:
        return " ".join(ctx.random.choice(others) for _number in range(count))

    tag = f"{word}-{ctx.random.randint(100, 999)}"
    in_title = create_post(
        ctx,
        new_post(ctx, title=f"{text(2).capitalize()} {word} {text(1)}", body=text(8), tags=[tag]),
    )[0]["slug"]
    in_body = create_post(
        ctx, new_post(ctx, title=text(3).capitalize(), body=f"{text(4)} {word} {text(3)}.")
    )[0]["slug"]
    neither = create_post(ctx, new_post(ctx, title=text(3).capitalize(), body=text(8), tags=[tag]))[
        0
    ]["slug"]
    hint = _("?q= keeps the posts whose title or body contains the text.")
    expect_search(ctx, {"q": word}, [in_title], _("?q= must find posts by their title"), hint)
    slugs = expect_search(
        ctx, {"q": word}, [in_body], _("?q= must find posts by their body too"), hint
    )
    expect(
        neither not in slugs,
        _("the search found a post without the text"),
        expected=_("%(slug)s not among the posts") % {"slug": show(neither)},
        actual=show(slugs),
        hint=hint,
    )
    expect_search(
        ctx,
        {"q": word.upper()},
        [in_title, in_body],
        _("the search must ignore case: %(upper)s must find %(lower)s")
        % {"upper": show(word.upper()), "lower": show(word)},
        _(
            "Compare in one case: lower() both the text and the columns (SQLite's lower() "
            "folds A-Z, enough for these checks)."
        ),
    )
    slugs = expect_search(
        ctx,
        {"q": word, "tag": tag},
        [in_title],
        _("?q= and ?tag= must work together"),
        _("Each filter narrows the list: a post must contain the text and have the tag."),
    )
    expect(
        in_body not in slugs,
        _("?q= and ?tag= must work together: a post without the tag was listed"),
        actual=show(slugs),
        hint=_("Each filter narrows the list: a post must contain the text and have the tag."),
    )
    # % and _ are plain characters; LIKE would read them as wildcards and find every post.
    literal = create_post(
        ctx, new_post(ctx, body=f"{text(3)} {ctx.random.randint(10, 99)}%_{text(1)}.")
    )[0]["slug"]
    for q in ("%", "_"):
        expect_search(
            ctx,
            {"q": q},
            [literal],
            _("?q=%(q)s must find the posts that contain %(text)s") % {"q": q, "text": show(q)},
            _(
                "?q= is plain text: every character, the percent sign and the underscore too, "
                "matches only itself. With LIKE those two are wildcards: escape them "
                "(LIKE ? ESCAPE '\\') or use instr()."
            ),
        )
