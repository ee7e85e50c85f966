"""The check suites, one module each; `all_suites()` lists them in the plan's order."""

from __future__ import annotations

import importlib
from functools import cache

from skillpath.checks.suite import Suite

# In the order the plan reaches them: months 1-3 practices, then the Phase 1 projects.
MODULES = ("text_cli", "web_scraper", "todo_api", "task_cli", "blog_api", "url_shortener")


@cache
def all_suites() -> tuple[Suite, ...]:
    return tuple(importlib.import_module(f"{__name__}.{name}").suite for name in MODULES)


def suite_by_slug(slug: str) -> Suite | None:
    return next((suite for suite in all_suites() if suite.slug == slug), None)
