"""`blog-api` — project 2: a REST API for a blog with SQLite (content/projects/blog-api/).

The stages never assume an empty service: with --url the learner's database may hold posts
of earlier runs. So the slug a new post must get is found by asking the service which of
"slug", "slug-2", ... exist (GET /posts/<slug>), and lists are checked by what must and must
not be in them, not by their exact contents. The posts a stage creates are the newest, so
they lead the newest-first list.

This module holds the suite and its stages, in order; posts.py, slugs.py and listing.py the
stages' code, service.py the requests they send, shapes.py what the answers must look like,
data.py the posts they make up.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _l

from skillpath.checks.suite import Suite
from skillpath.checks.suites.blog_api import listing, posts, slugs

suite = Suite(
    slug="blog-api",
    kind="http",
    title=_l("REST API for a blog with SQLite"),
    subject=("project", "personal-blog-api"),
)

suite.stage("answers", _l("The service answers GET /posts"))(posts.answers)
suite.stage("create-post", _l("Create a post"))(posts.create)
suite.stage("get-post", _l("Read a post by its slug; 404 for a missing one"))(posts.get_post)
suite.stage("validation", _l("Invalid posts are rejected with 400"))(posts.validation)
suite.stage("unique-slugs", _l("Slugs come from titles and are unique"))(slugs.unique_slugs)
suite.stage("slug-conflict", _l("A chosen slug; 409 when it is taken"))(slugs.slug_conflict)
suite.stage("update-post", _l("Edit a post; updated_at changes"))(posts.update_post)
suite.stage("comments", _l("Comments on a post"))(posts.comments)
suite.stage("delete-post", _l("Delete a post: 204, then 404"))(posts.delete_post)
suite.stage("pagination", _l("Pages of posts, newest first"))(listing.pagination)
suite.stage("tag-filter", _l("Filter posts by tag"))(listing.tag_filter)
suite.stage("search", _l("Search in titles and bodies, ignoring case"))(listing.search)
suite.stage("restart", _l("Posts survive a restart, kept under DATA_DIR"), timeout=30)(
    posts.restart
)
