"""The blog-api suite's stages about single posts: create, read, validate, edit, comment on
and delete a post, and find it all again after a restart."""

from __future__ import annotations

import time

from skillpath.checks.context import WORDS, Context
from skillpath.checks.expect import describe_response, expect, expect_json, expect_status
from skillpath.checks.i18n import gettext as _
from skillpath.checks.suites.blog_api.data import missing_slug, new_post, new_title
from skillpath.checks.suites.blog_api.service import (
    create_post,
    expect_slug,
    free_slug,
    patch_post,
    post_path,
)
from skillpath.checks.suites.blog_api.shapes import (
    COMMENT_FIELDS,
    PAGE_EXAMPLE,
    POST_FIELDS,
    comment_fields,
    fields_of,
    parse_timestamp,
    show,
    slugify,
    timestamp_wanted,
)


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


def create(ctx: Context) -> None:
    first, second, third = ctx.random.sample(WORDS, 3)
    # Spaces at the ends of the title: the slug drops them, the title keeps them.
    sent = new_post(ctx, title=f"  {new_title(ctx)} ", tags=[second, first, second, third])
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
            hint=_(
                "Tags come back without repeats, sorted as Python's sorted() sorts strings "
                '(by code point: "Z" before "a", Latin letters before Cyrillic ones).'
            )
            if name == "tags"
            else _(
                "Return the title and the body exactly as they were sent, spaces at the ends "
                "included: only the slug drops them."
            ),
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
        hint=_(
            "When no post has the slug, answer 404. The checks look only at the status "
            'code; a JSON body like {"error": "..."} is recommended.'
        ),
    )


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
        "non-empty strings. Otherwise answer 400. The checks look only at the status code; a "
        'JSON body like {"error": "..."} is recommended.'
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
    for sent, what in (([], _("that is a JSON array")), ("x", _("that is a JSON string"))):
        response = ctx.http.post("/posts", json=sent)
        expect_status(
            response,
            (400, 422),
            _("POST /posts with a body %(what)s, not an object, must be rejected") % {"what": what},
            hint=_(
                "Check that the parsed body is a JSON object (a dict) before you read its "
                "fields; anything else is a 400, never a 500."
            ),
        )
    # The spec leaves null in an optional field to the learner: as if left out, or a 400.
    for name in ("tags", "slug"):
        response = ctx.http.post("/posts", json=new_post(ctx, **{name: None}))
        expect_status(
            response,
            (201, 400, 422),
            _('POST /posts with "%(field)s": null must answer 201 or 400, never 500')
            % {"field": name},
            hint=_(
                "Treat null in an optional field as if it were left out, or reject it with "
                "400; either is fine, a crash is not."
            ),
        )


def update_post(ctx: Context) -> None:
    post = ctx.state["post"]
    path = post_path(post["slug"])
    # The new updated_at must differ from the old one: let the clock pass the precision of
    # the timestamps (whole seconds, when they have no fraction).
    gap = 0.02 if "." in post["updated_at"] else 1.05
    time.sleep(max(0.0, ctx.state["post_created"] + gap - time.monotonic()))
    title = new_title(ctx)
    edited = patch_post(ctx, path, {"title": title}, {**post, "title": title})
    before, after = parse_timestamp(post["updated_at"]), parse_timestamp(edited["updated_at"])
    # Both posts passed post_problem, which parses their timestamps.
    assert before is not None and after is not None
    expect(
        after > before,
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
    response = ctx.http.patch(post_path(missing_slug(ctx)), json={"title": ""})
    expect_status(
        response,
        404,
        _(
            "PATCH of a post that does not exist must answer 404 Not Found, even with an "
            "invalid body"
        ),
        hint=_(
            "Look the post up by its slug before you validate the changes: an unknown slug is "
            "a 404 whatever the body holds. (In FastAPI, find the post in a dependency: it "
            "runs before the body's model is checked.)"
        ),
    )
    response = ctx.http.patch(path, json={"title": ""})
    expect_status(
        response,
        (400, 422),
        _("PATCH with an empty title must be rejected"),
        hint=_("An edit follows the rules of a new post: a title is a non-empty string."),
    )
    nothing: dict[str, str]
    for nothing in ({}, {"slug": f"{post['slug']}-new", "colour": "red"}):
        response = ctx.http.patch(path, json=nothing)
        expect_status(
            response,
            (400, 422),
            _("PATCH with %(changes)s, none of title, body and tags, must be rejected")
            % {"changes": show(nothing)},
            hint=_(
                'An edit needs at least one of "title", "body" and "tags"; other fields '
                '("slug" too) are ignored, so a body with none of the three changes nothing '
                "and is a 400."
            ),
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
            expected=_(
                '"id": a whole number; "author": %(author)s; "body": %(body)s; %(created_at)s'
            )
            % {
                "author": show(sent["author"]),
                "body": show(sent["body"]),
                "created_at": timestamp_wanted("created_at"),
            },
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
    # The post is looked up before the comment is validated. (A body that is not JSON at all
    # is not sent: FastAPI refuses it before any of the learner's code runs.)
    response = ctx.http.post(missing, json={"author": "", "body": ctx.words(4)})
    expect_status(
        response,
        404,
        _(
            "an invalid comment on a post that does not exist must be refused with 404 Not "
            "Found: the post is looked up first"
        ),
        hint=_(
            "Look the post up before you validate the comment: an unknown slug is a 404 "
            "whatever the body holds, and nothing is stored. (In FastAPI, find the post in a "
            "dependency: it runs before the body's model is checked.)"
        ),
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
    created, response = create_post(ctx, new_post(ctx))
    expect(
        created["id"] != post["id"],
        _("a new post got the id %(id)s of the post just deleted: ids are never reused")
        % {"id": post["id"]},
        expected=_("an id other than %(id)s") % {"id": post["id"]},
        actual=describe_response(response),
        hint=_(
            "Declare the id INTEGER PRIMARY KEY AUTOINCREMENT: without AUTOINCREMENT, SQLite "
            "gives the highest id again once its post is deleted."
        ),
    )


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
    # ctx.restart() skipped the stage with --url: here the checker started the service.
    assert ctx.service is not None
    data_dir = ctx.service.data_dir
    ctx.last_request = None  # what follows looks at files, not at an answer
    expect(
        any(data_dir.iterdir()),
        _("the directory named by DATA_DIR is empty: the data is kept somewhere else"),
        expected=_("your database file (such as blog.db) in %(dir)s") % {"dir": data_dir},
        actual=_("an empty directory"),
        hint=_(
            'Open the database at os.path.join(os.environ.get("DATA_DIR", "."), "blog.db"), '
            "not at a fixed path: the checker gives every run a fresh DATA_DIR."
        ),
    )
