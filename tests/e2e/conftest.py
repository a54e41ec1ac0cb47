"""Browser tests: headless Debian Chromium (/usr/bin/chromium) driven by Playwright; no browser downloads.

Every page a test opens is checked with axe-core (the npm package, injected from node_modules): the
``page`` fixture runs :func:`assert_accessible` after each navigation, and a test fails on any violation.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from opvangregie.demo import load_demo
from tests.e2e.browser import DESKTOP, CheckedPage

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'make system-packages'.")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_site(live_server: Any) -> Any:
    """The live server with the demo data (reloaded when an earlier browser test flushed the database)."""
    load_demo()
    return live_server


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., CheckedPage]]:
    """Opens checked pages in fresh browser contexts (``new_page(viewport=PHONE)``); closes them afterwards."""
    contexts: list[Any] = []
    pages: list[CheckedPage] = []

    def open_page(viewport: dict[str, int] | None = None) -> CheckedPage:
        context = browser.new_context(viewport=viewport or DESKTOP, locale="nl-NL")
        contexts.append(context)
        page = CheckedPage(context.new_page())
        page.set_default_timeout(15_000)
        pages.append(page)
        return page

    yield open_page
    try:
        for page in pages:
            page.check()
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(new_page: Callable[..., CheckedPage]) -> CheckedPage:
    return new_page()
