"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

The browser is found through SKILLPATH_CHROMIUM or `chromium` on PATH; without it (or
without Playwright) the tests skip, and fail under SKILLPATH_REQUIRE_ALL=1.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from importlib.util import find_spec

import pytest

from tests.conftest import need

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("SKILLPATH_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium per test module."""
    need(find_spec("playwright") is not None, "Playwright for Python is not installed")
    executable = chromium_path()
    need(executable and os.path.exists(executable), "Chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread, which makes Django refuse
    # ORM calls from the test itself (fixtures, assertions) unless told it is safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class BrowserErrors(list):
    """Console errors and uncaught page errors seen while a test ran."""

    def watch(self, page) -> None:
        def on_console(message) -> None:
            if message.type == "error":
                self.append(f"console: {message.text} at {message.location.get('url', '')}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.append(f"pageerror: {exc}"))


@pytest.fixture
def errors() -> BrowserErrors:
    return BrowserErrors()


@pytest.fixture
def new_page(browser, live_server, errors):
    """Open a page in a fresh context: `new_page(locale="ru-RU", width=1280)`."""
    contexts = []

    def open_page(*, locale: str = "ru-RU", width: int = 1280, height: int = 900):
        context = browser.new_context(
            base_url=live_server.url, locale=locale, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        errors.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def open_page(browser, live_server):
    """`open_page(locale=..., width=..., height=...)`: a page in a context shared by every
    page of that locale and size, for the tests that walk every page (tests/e2e/pages.py).
    Its Content-Security-Policy lets an injected script in (axe's; other tests check CSP).
    The pages do not depend on the database engine, so the SQLite pass alone walks them."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the pages do not depend on the database: the SQLite pass checks them")
    contexts: dict[tuple[str, int, int], object] = {}

    def open_one(*, locale: str, width: int = 1280, height: int = 900):
        key = (locale, width, height)
        if key not in contexts:
            context = browser.new_context(
                base_url=live_server.url,
                locale=locale,
                bypass_csp=True,
                viewport={"width": width, "height": height},
            )
            context.set_default_timeout(15_000)
            contexts[key] = context
        return contexts[key].new_page()  # type: ignore[attr-defined]

    yield open_one
    for context in contexts.values():
        context.close()  # type: ignore[attr-defined]
