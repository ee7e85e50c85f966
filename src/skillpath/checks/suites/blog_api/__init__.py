"""`blog-api` — project 2: a REST API for a blog with SQLite (content/projects/blog-api/).

The stages never assume an empty service: with --url the learner's database may hold posts
of earlier runs. So the slug a new post must get is found by asking the service which of
"slug", "slug-2", ... exist (GET /posts/<slug>), and lists are checked by what must and must
not be in them, not by their exact contents. The posts a stage creates are the newest, so
they lead the newest-first list.
"""

from __future__ import annotations

import json
import math
import re
import time
from datetime import datetime
from typing import Any
from urllib.parse import quote

import httpx
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import WORDS, Context
from skillpath.checks.expect import describe_response, expect, expect_json, expect_status
from skillpath.checks.suite import Suite

suite = Suite(
    slug="blog-api",
    kind="http",
    title=_l("REST API for a blog with SQLite"),
    subject=("project", "personal-blog-api"),
)

POST_FIELDS = ("id", "slug", "title", "body", "tags", "created_at", "updated_at")
COMMENT_FIELDS = ("id", "author", "body", "created_at")
PAGE_FIELDS = ("page", "per_page", "total", "pages")
DEFAULT_PER_PAGE = 10
# The search stage changes the case of its word: SQLite folds only A-Z, so Latin words.
LATIN_WORDS = tuple(word for word in WORDS if word.isascii())
CYRILLIC_WORDS = tuple(word for word in WORDS if not word.isascii())
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
# How many taken slugs ("x", "x-2", ...) free_slug looks past before giving up.
MAX_SLUG_PROBES = 30
POST_EXAMPLE = (
    '{"id": 1, "slug": "hello-world", "title": "Hello, world", "body": "...", "tags": [],'
    ' "created_at": "2026-11-27T10:00:00.000000+00:00", "updated_at": "..."}'
)
COMMENT_EXAMPLE = (
    '{"id": 1, "author": "Ann", "body": "...", "created_at": "2026-11-27T10:00:00+00:00"}'
)
PAGE_EXAMPLE = '{"items": [...], "page": 1, "per_page": 10, "total": 42, "pages": 5}'


# --- pure helpers -------------------------------------------------------------------------


def slugify(title: str) -> str:
    """The spec's rule: lowercase; each run of characters other than letters (of any
    alphabet) and digits becomes one "-"; no "-" at the ends; "post" if nothing is left."""
    return re.sub(r"[\W_]+", "-", title.lower()).strip("-") or "post"


def parse_timestamp(value: Any) -> datetime | None:
    """An ISO 8601 date and time with a time zone (2026-11-27T10:00:00.5+00:00, or Z)."""
    if not isinstance(value, str) or not TIMESTAMP.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def show(value: Any) -> str:
    """A value as JSON, the way a learner sees it on the wire."""
    return json.dumps(value, ensure_ascii=False)


def post_problem(post: Any) -> str | None:
    """What is wrong with the shape of a post in an answer, or None."""
    if not isinstance(post, dict):
        return _("a post must be a JSON object, not %(value)s") % {"value": show(post)}
    missing = [name for name in POST_FIELDS if name not in post]
    if missing:
        return _("the post has no %(fields)s") % {"fields": ", ".join(map(show, missing))}
    if type(post["id"]) is not int:
        return _('"id" must be a whole number, not %(value)s') % {"value": show(post["id"])}
    if not isinstance(post["tags"], list):
        return _('"tags" must be a JSON array, not %(value)s') % {"value": show(post["tags"])}
    for name in ("created_at", "updated_at"):
        if parse_timestamp(post[name]) is None:
            return _(
                '"%(field)s" must be an ISO 8601 date and time with a time zone, not %(value)s'
            ) % {"field": name, "value": show(post[name])}
    return None


def page_size(total: int, page: int, per_page: int) -> int:
    """How many items page `page` holds when `total` posts match."""
    return max(0, min(per_page, total - (page - 1) * per_page))


def fields_of(item: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: item.get(name) for name in names}


def comment_fields(comments: list[Any]) -> list[Any]:
    """The comments of a list, each cut to the spec's fields (anything else left as it is)."""
    return [fields_of(c, COMMENT_FIELDS) if isinstance(c, dict) else c for c in comments]


# --- talking to the service ---------------------------------------------------------------


def post_path(slug: str, *rest: str) -> str:
    """/posts/<slug>[/rest]. A slug of letters, digits and "-" is left as it is, so that a
    message shows it readably (httpx percent-encodes Cyrillic letters when it sends)."""
    shown = slug if re.fullmatch(r"[\w-]+", slug) else quote(slug, safe="")
    return "/".join(("/posts", shown, *rest))


def list_path(**params: Any) -> str:
    """/posts?name=value&...; the values are words, digits and "-", so none needs quoting."""
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return f"/posts?{query}" if query else "/posts"


def new_title(ctx: Context) -> str:
    return f"{ctx.words(3).capitalize()} {ctx.random.randint(2, 999)}"


def new_post(ctx: Context, **fields: Any) -> dict[str, Any]:
    """The body of a POST /posts with a random title and body, and `fields` over them."""
    return {"title": new_title(ctx), "body": ctx.words(8).capitalize() + ".", **fields}


def missing_slug(ctx: Context) -> str:
    return f"no-such-post-{ctx.random.randint(100_000, 999_999)}"


def free_slug(ctx: Context, base: str) -> str:
    """The first of base, base-2, base-3, ... that no post has, as the service tells."""
    slug = base
    for number in range(2, MAX_SLUG_PROBES + 2):
        if ctx.http.get(post_path(slug)).status_code == 404:
            return slug
        slug = f"{base}-{number}"
    return base  # a service that finds every slug: the create that follows will fail


def create_post(
    ctx: Context, body: dict[str, Any], message: str | None = None, hint: str | None = None
) -> tuple[dict[str, Any], httpx.Response]:
    """POST /posts that must succeed; the created post, checked for its shape."""
    response = ctx.http.post("/posts", json=body)
    expect_status(
        response,
        201,
        message or _("POST /posts with a valid post must create it and answer 201 Created"),
        hint=hint
        or _("Answer 201 with the created post as a JSON object; the spec lists its fields."),
    )
    post = expect_json(response, dict)
    problem = post_problem(post)
    expect(
        problem is None,
        problem,
        expected=POST_EXAMPLE,
        actual=describe_response(response),
        hint=_("The spec lists the fields of a post and their formats."),
    )
    return post, response


def expect_slug(post: dict[str, Any], slug: str, response: httpx.Response, message: str) -> None:
    expect(
        post["slug"] == slug,
        message,
        expected=show(slug),
        actual=describe_response(response),
        hint=_(
            "The slug is the title in lowercase, each run of characters other than letters "
            'and digits replaced by one "-", with no "-" at the ends. If a post has that '
            'slug already, add "-2", "-3", ...: the first one no post has.'
        ),
    )


def get_page(ctx: Context, **params: Any) -> tuple[dict[str, Any], list[str]]:
    """GET /posts with the query; the page (checked for its shape) and its slugs."""
    path = list_path(**params)
    response = ctx.http.get(path)
    expect_status(
        response,
        200,
        _("GET %(path)s must answer 200 OK with a page of posts") % {"path": path},
        hint=_('The list answers 200 even when no post matches: then "items" is [].'),
    )
    page = expect_json(response, dict)
    for name in ("items", *PAGE_FIELDS):
        kind = list if name == "items" else int
        expect(
            type(page.get(name)) is kind,
            _('"%(field)s" of the page of posts is missing or is not %(kind)s')
            % {"field": name, "kind": _("an array") if kind is list else _("a whole number")},
            expected=PAGE_EXAMPLE,
            actual=describe_response(response),
            hint=_('GET /posts answers a JSON object with the posts in "items"; see the spec.'),
        )
    for item in page["items"]:
        problem = post_problem(item)
        expect(
            problem is None,
            _("an item of GET %(path)s is not a post: %(problem)s")
            % {"path": path, "problem": problem},
            expected=PAGE_EXAMPLE,
            actual=describe_response(response),
            hint=_(
                'Every item of "items" is a whole post, with the same fields as GET /posts/<slug>.'
            ),
        )
    return page, [item["slug"] for item in page["items"]]


# --- stages -------------------------------------------------------------------------------


@suite.stage("answers", _l("The service answers GET /posts"))
def answers(ctx: Context) -> None:
    response = ctx.http.get("/posts")
    expect_status(
        response,
        200,
        _("GET /posts must answer 200 OK with the list of posts"),
        hint=_('Add the route GET /posts; with no posts yet it answers {"items": [], ...}.'),
    )
    page = expect_json(response, dict)
    expect(
        isinstance(page.get("items"), list),
        _('the answer of GET /posts has no "items" array'),
        expected=PAGE_EXAMPLE,
        actual=describe_response(response),
        hint=_('GET /posts answers a JSON object with the posts in "items"; see the spec.'),
    )


@suite.stage("create-post", _l("Create a post"))
def create(ctx: Context) -> None:
    first, second, third = ctx.random.sample(WORDS, 3)
    sent = new_post(ctx, tags=[second, first, second, third])
    slug = free_slug(ctx, slugify(sent["title"]))
    post, response = create_post(ctx, sent)
    expect_slug(post, slug, response, _("the new post has the wrong slug"))
    wanted = {"title": sent["title"], "body": sent["body"], "tags": sorted(set(sent["tags"]))}
    for name, value in wanted.items():
        expect(
            post[name] == value,
            _('the new post has the wrong "%(field)s"') % {"field": name},
            expected=show(value),
            actual=describe_response(response),
            hint=_("Tags come back without repeats, sorted alphabetically.")
            if name == "tags"
            else _("Return the title and the body exactly as they were sent."),
        )
    expect(
        post["created_at"] == post["updated_at"],
        _('a new post must have "updated_at" equal to "created_at"'),
        expected=show(post["created_at"]),
        actual=show(post["updated_at"]),
        hint=_("Both are the moment the post was created; only an edit changes updated_at."),
    )
    ctx.state["post"] = post
    ctx.state["post_created"] = time.monotonic()


@suite.stage("get-post", _l("Read a post by its slug; 404 for a missing one"))
def get_post(ctx: Context) -> None:
    post = ctx.state["post"]
    response = ctx.http.get(post_path(post["slug"]))
    expect_status(
        response,
        200,
        _("GET /posts/<slug> of a post that exists must answer 200 OK"),
        hint=_("Look the post up by its slug and return it as JSON."),
    )
    got = expect_json(response, dict)
    expect(
        fields_of(got, POST_FIELDS) == fields_of(post, POST_FIELDS),
        _("GET /posts/<slug> must return the post as POST /posts created it"),
        expected=show(fields_of(post, POST_FIELDS)),
        actual=describe_response(response),
        hint=_("Read every field back from the database, tags included."),
    )
    response = ctx.http.get(post_path(missing_slug(ctx)))
    expect_status(
        response,
        404,
        _("GET /posts/<slug> of a post that does not exist must answer 404 Not Found"),
        hint=_('When no post has the slug, answer 404 with a JSON body like {"error": "..."}.'),
    )


@suite.stage("validation", _l("Invalid posts are rejected with 400"))
def validation(ctx: Context) -> None:
    title, body = new_title(ctx), ctx.words(5)
    cases = [
        ({"body": body}, _("without a title")),
        ({"title": "   ", "body": body}, _("with a title of only spaces")),
        ({"title": 42, "body": body}, _("with a title that is a number")),
        ({"title": title}, _("without a body")),
        ({"title": title, "body": body, "tags": "news"}, _("with tags that are not a list")),
        ({"title": title, "body": body, "tags": ["news", ""]}, _("with an empty tag")),
    ]
    hint = _(
        'A title and a body are required non-empty strings; "tags", when sent, is a list of '
        'non-empty strings. Otherwise answer 400 with a JSON body like {"error": "..."}.'
    )
    for sent, what in cases:
        response = ctx.http.post("/posts", json=sent)
        expect_status(
            response,
            (400, 422),
            _("POST /posts %(what)s must be rejected") % {"what": what},
            hint=hint,
        )
    response = ctx.http.post(
        "/posts", content=b'{"title": "Hello', headers={"Content-Type": "application/json"}
    )
    expect_status(
        response,
        (400, 422),
        _("POST /posts with a body that is not valid JSON must be rejected"),
        hint=_("When the body cannot be parsed as JSON, answer 400, not 500."),
    )


@suite.stage("unique-slugs", _l("Slugs come from titles and are unique"))
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


@suite.stage("slug-conflict", _l("A chosen slug; 409 when it is taken"))
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
            '409 with a JSON body like {"error": "..."}.'
        ),
    )
    for bad in ("Hello World", "-hello"):
        response = ctx.http.post("/posts", json=new_post(ctx, slug=bad))
        expect_status(
            response,
            (400, 422),
            _("POST /posts with the slug %(slug)s must be rejected") % {"slug": show(bad)},
            hint=_('A chosen slug is lowercase letters a-z and digits, joined by single "-".'),
        )
    # A title that makes the chosen slug: the generated slug must step past it.
    expected = free_slug(ctx, slug)
    post, response = create_post(ctx, new_post(ctx, title=slug.replace("-", " ").title()))
    expect_slug(post, expected, response, _("a slug made from a title must not take a chosen slug"))


def patch_post(
    ctx: Context, path: str, changes: dict[str, Any], wanted: dict[str, Any]
) -> dict[str, Any]:
    """PATCH that must succeed; the edited post, checked against `wanted`."""
    response = ctx.http.patch(path, json=changes)
    expect_status(
        response,
        200,
        _("PATCH /posts/<slug> must change the post and answer 200 OK with it"),
        hint=_("Change the fields that were sent and return the whole post."),
    )
    edited = expect_json(response, dict)
    problem = post_problem(edited)
    expect(problem is None, problem, expected=POST_EXAMPLE, actual=describe_response(response))
    hints = {
        "slug": _("The slug never changes, not even with the title: links must keep working."),
        "created_at": _("created_at is when the post was created; an edit never changes it."),
    }
    for name in ("id", "slug", "title", "body", "tags", "created_at"):
        expect(
            edited[name] == wanted[name],
            _('after PATCH with %(changes)s, "%(field)s" is wrong')
            % {"changes": show(changes), "field": name},
            expected=show(wanted[name]),
            actual=describe_response(response),
            hint=hints.get(name, _("An edit changes only the fields it sends.")),
        )
    return edited


@suite.stage("update-post", _l("Edit a post; updated_at changes"))
def update_post(ctx: Context) -> None:
    post = ctx.state["post"]
    path = post_path(post["slug"])
    # The new updated_at must differ from the old one: let the clock pass the precision of
    # the timestamps (whole seconds, when they have no fraction).
    gap = 0.02 if "." in post["updated_at"] else 1.05
    time.sleep(max(0.0, ctx.state["post_created"] + gap - time.monotonic()))
    title = new_title(ctx)
    edited = patch_post(ctx, path, {"title": title}, {**post, "title": title})
    expect(
        parse_timestamp(edited["updated_at"]) > parse_timestamp(post["updated_at"]),
        _('after an edit, "updated_at" must be later than before'),
        expected=_("later than %(time)s") % {"time": post["updated_at"]},
        actual=show(edited["updated_at"]),
        hint=_("Set updated_at to the current time on every edit, and keep created_at."),
    )
    body, tags = ctx.words(10), ctx.random.sample(WORDS, 2)
    changes = {"body": body, "tags": tags}
    edited = patch_post(ctx, path, changes, {**edited, "body": body, "tags": sorted(tags)})
    response = ctx.http.patch(post_path(missing_slug(ctx)), json={"title": title})
    expect_status(
        response,
        404,
        _("PATCH of a post that does not exist must answer 404 Not Found"),
        hint=_("Look the post up by its slug first; when there is none, answer 404."),
    )
    response = ctx.http.patch(path, json={"title": ""})
    expect_status(
        response,
        (400, 422),
        _("PATCH with an empty title must be rejected"),
        hint=_("An edit follows the rules of a new post: a title is a non-empty string."),
    )
    response = ctx.http.get(path)
    expect(
        response.status_code == 200
        and fields_of(expect_json(response, dict), POST_FIELDS) == fields_of(edited, POST_FIELDS),
        _("GET /posts/<slug> must show the post as the last successful edit left it"),
        expected=show(fields_of(edited, POST_FIELDS)),
        actual=describe_response(response),
        hint=_("Save every edit in the database; a rejected edit changes nothing."),
    )
    ctx.state["post"] = edited


@suite.stage("comments", _l("Comments on a post"))
def comments(ctx: Context) -> None:
    path = post_path(ctx.state["post"]["slug"], "comments")
    made = []
    for _number in range(2):
        sent = {"author": ctx.words(1).capitalize(), "body": ctx.words(6)}
        response = ctx.http.post(path, json=sent)
        expect_status(
            response,
            201,
            _("POST /posts/<slug>/comments must add the comment and answer 201 Created"),
            hint=_("Store the comment with its post and return it as a JSON object."),
        )
        comment = expect_json(response, dict)
        expect(
            type(comment.get("id")) is int
            and fields_of(comment, ("author", "body")) == sent
            and parse_timestamp(comment.get("created_at")) is not None,
            _(
                'a new comment must have a whole-number "id", the "author" and "body" that were '
                'sent, and "created_at"'
            ),
            expected=COMMENT_EXAMPLE,
            actual=describe_response(response),
        )
        made.append(fields_of(comment, COMMENT_FIELDS))
    response = ctx.http.get(path)
    expect_status(
        response, 200, _("GET /posts/<slug>/comments must answer 200 OK with the comments")
    )
    listed = expect_json(response, list)
    expect(
        comment_fields(listed) == made,
        _("GET /posts/<slug>/comments must list the post's comments, oldest first"),
        expected=show(made),
        actual=describe_response(response),
        hint=_("Answer a JSON array of this post's comments in the order they were added."),
    )
    missing = post_path(missing_slug(ctx), "comments")
    response = ctx.http.post(missing, json={"author": "Ann", "body": ctx.words(4)})
    expect_status(
        response,
        404,
        _("a comment on a post that does not exist must be refused with 404 Not Found"),
        hint=_("Look the post up first; when there is none, store nothing and answer 404."),
    )
    response = ctx.http.get(missing)
    expect_status(
        response,
        404,
        _("GET /posts/<slug>/comments of a post that does not exist must answer 404 Not Found"),
    )
    for sent, what in (
        ({"author": "", "body": ctx.words(4)}, _('with an empty "author"')),
        ({"author": "Ann"}, _('without a "body"')),
    ):
        response = ctx.http.post(path, json=sent)
        expect_status(
            response,
            (400, 422),
            _("POST /posts/<slug>/comments %(what)s must be rejected") % {"what": what},
            hint=_('"author" and "body" are required non-empty strings; otherwise answer 400.'),
        )
    ctx.state["comments"] = made


@suite.stage("delete-post", _l("Delete a post: 204, then 404"))
def delete_post(ctx: Context) -> None:
    post, _response = create_post(ctx, new_post(ctx))
    path = post_path(post["slug"])
    response = ctx.http.post(f"{path}/comments", json={"author": "Ann", "body": ctx.words(4)})
    expect_status(
        response,
        201,
        _("POST /posts/<slug>/comments must add the comment and answer 201 Created"),
    )
    response = ctx.http.delete(path)
    expect_status(
        response,
        204,
        _("DELETE /posts/<slug> must answer 204 No Content"),
        hint=_("Delete the post with its tags and comments, and answer 204 with no body."),
    )
    expect(
        response.content == b"",
        _("an answer 204 No Content must have an empty body"),
        actual=describe_response(response),
        hint=_("Send the 204 status with nothing after the headers."),
    )
    gone = _("A deleted post is gone: every request about it answers 404.")
    for method, where, message in (
        ("GET", path, _("after DELETE, GET /posts/<slug> must answer 404 Not Found")),
        (
            "GET",
            f"{path}/comments",
            _("after DELETE, GET /posts/<slug>/comments must answer 404 Not Found"),
        ),
        ("DELETE", path, _("DELETE of a post that does not exist must answer 404 Not Found")),
    ):
        expect_status(ctx.http.request(method, where), 404, message, hint=gone)


@suite.stage("pagination", _l("Pages of posts, newest first"))
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
    for params in ({"page": 0}, {"per_page": 0}, {"per_page": 101}, {"page": "two"}):
        path = list_path(**params)
        expect_status(
            ctx.http.get(path),
            (400, 422),
            _("GET %(path)s must be rejected") % {"path": path},
            hint=_("page is a whole number from 1; per_page from 1 to 100; else answer 400."),
        )


@suite.stage("tag-filter", _l("Filter posts by tag"))
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
    page, slugs = get_page(ctx, tag=f"{alone}-none")
    expect(
        slugs == [] and page["total"] == 0,
        _("a tag no post has must give an empty page"),
        expected='{"items": [], "total": 0, ...}',
        actual=show(fields_of(page, ("items", "total"))),
    )


def expect_search(
    ctx: Context, params: dict[str, Any], inside: list[str], message: str, hint: str
) -> list[str]:
    """GET /posts with the search; fails with `message` unless `inside` are all listed."""
    page, slugs = get_page(ctx, per_page=100, **params)
    expect(
        all(slug in slugs for slug in inside),
        message,
        request=f"GET {ctx.http.base_url}{list_path(per_page=100, **params)}",
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


@suite.stage("search", _l("Search in titles and bodies, ignoring case"))
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
    expect_search(ctx, {"q": word}, [in_title], _("the search must look in titles"), hint)
    slugs = expect_search(
        ctx, {"q": word}, [in_body], _("the search must look in the body of posts too"), hint
    )
    expect(neither not in slugs, _("the search found a post without the text"), actual=neither)
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


@suite.stage("restart", _l("Posts survive a restart"), timeout=30)
def restart(ctx: Context) -> None:
    post = ctx.state["post"]
    ctx.restart()
    response = ctx.http.get(post_path(post["slug"]))
    keep = _("Keep the data in an SQLite file in the directory named by DATA_DIR, not in memory.")
    expect_status(
        response,
        200,
        _("after a restart, GET /posts/<slug> of a post created before must answer 200 OK"),
        hint=keep,
    )
    expect(
        fields_of(expect_json(response, dict), POST_FIELDS) == fields_of(post, POST_FIELDS),
        _("after a restart, the post must be as it was before"),
        expected=show(fields_of(post, POST_FIELDS)),
        actual=describe_response(response),
        hint=keep,
    )
    response = ctx.http.get(post_path(post["slug"], "comments"))
    expect_status(
        response, 200, _("GET /posts/<slug>/comments must answer 200 OK with the comments")
    )
    expect(
        comment_fields(expect_json(response, list)) == ctx.state["comments"],
        _("after a restart, the post's comments must be as they were before"),
        expected=show(ctx.state["comments"]),
        actual=describe_response(response),
        hint=keep,
    )
    # Slugs stay unique after a restart: they are looked up in the database, not in memory.
    title = ctx.state["slug_title"]
    slug = free_slug(ctx, slugify(title))
    created, response = create_post(ctx, new_post(ctx, title=title))
    expect_slug(created, slug, response, _("after a restart, a new post got a taken slug"))
