"""The blog-api suite's stages about slugs: made from titles and unique, or chosen by the
client and refused with 409 when taken."""

from __future__ import annotations

from skillpath.checks.context import Context
from skillpath.checks.expect import describe_response, expect, expect_json, expect_status
from skillpath.checks.i18n import gettext as _
from skillpath.checks.suites.blog_api.data import CYRILLIC_WORDS, LATIN_WORDS, new_post
from skillpath.checks.suites.blog_api.service import create_post, expect_slug, free_slug, post_path
from skillpath.checks.suites.blog_api.shapes import show, slugify


def unique_slugs(ctx: Context) -> None:
    words = f"{ctx.words(3)} {ctx.random.randint(2, 999)}"
    # Three titles that differ only in case, spaces and punctuation: one slug for all three.
    titles = [words.capitalize(), words.upper().replace(" ", ", ") + "!", f"  {words}?  "]
    base = slugify(titles[0])
    made = []
    for number, title in enumerate(titles, start=1):
        slug = free_slug(ctx, base)
        sent = new_post(ctx, title=title, body=f"{ctx.words(6)} #{number}")
        post, response = create_post(
            ctx,
            sent,
            None
            if number == 1
            else _("POST /posts with a title whose slug is taken must create the post as %(slug)s")
            % {"slug": slug},
            _('Make the slug unique: add "-2", "-3", ... until no post has it.'),
        )
        expect_slug(post, slug, response, _("the post has the wrong slug for its title"))
        made.append((slug, sent["body"]))
    for slug, body in made:
        response = ctx.http.get(post_path(slug))
        got = expect_json(response, dict) if response.status_code == 200 else {}
        expect(
            got.get("body") == body,
            _("GET /posts/%(slug)s must return the post that got this slug") % {"slug": slug},
            expected=_('status 200 and "body": %(body)s') % {"body": show(body)},
            actual=describe_response(response),
            hint=_("Each post keeps its own slug; posts with one title are still separate posts."),
        )
    first, second = ctx.random.sample(CYRILLIC_WORDS, 2)
    title = f"{first.capitalize()}, {second}: {ctx.random.choice(LATIN_WORDS)}!"
    slug = free_slug(ctx, slugify(title))
    post, response = create_post(ctx, new_post(ctx, title=title))
    expect_slug(post, slug, response, _("the slug must keep the letters of every alphabet"))
    ctx.state["slug_title"] = titles[0]


def slug_conflict(ctx: Context) -> None:
    first, second = ctx.random.sample(LATIN_WORDS, 2)
    slug = free_slug(ctx, f"{first}-{second}-{ctx.random.randint(2, 999)}")
    post, response = create_post(
        ctx,
        new_post(ctx, slug=slug),
        _('POST /posts with a "slug" no post has must create the post'),
        _('A "slug" sent with a new post is used as it is when no post has it.'),
    )
    expect(
        post["slug"] == slug,
        _('a post created with a "slug" must get exactly that slug'),
        expected=show(slug),
        actual=describe_response(response),
        hint=_('Use the "slug" that was sent instead of making one from the title.'),
    )
    response = ctx.http.post("/posts", json=new_post(ctx, slug=slug))
    expect_status(
        response,
        409,
        _('POST /posts with a "slug" another post has must answer 409 Conflict'),
        hint=_(
            "A chosen slug is never changed: when a post has it, create nothing and answer "
            "409. The checks look only at the status code; a JSON body like "
            '{"error": "..."} is recommended.'
        ),
    )
    for bad in ("Hello World", "-hello", "hello-", "hello--world"):
        response = ctx.http.post("/posts", json=new_post(ctx, slug=bad))
        expect_status(
            response,
            (400, 422),
            _('POST /posts with "slug": %(slug)s must be rejected') % {"slug": show(bad)},
            hint=_(
                "A chosen slug is a string: groups of lowercase letters a-z and digits, joined "
                'by single "-" (no "-" at the ends, no "--").'
            ),
        )
    # A title that makes the chosen slug: the generated slug must step past it.
    expected = free_slug(ctx, slug)
    post, response = create_post(ctx, new_post(ctx, title=slug.replace("-", " ").title()))
    expect_slug(post, expected, response, _("a slug made from a title must not take a chosen slug"))
