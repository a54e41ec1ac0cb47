"""Browser tests: headless Debian Chromium (/usr/bin/chromium) driven by Playwright; no browser downloads.

Every page a test opens is checked with axe-core (the npm package, injected from node_modules): the
``page`` fixture runs :func:`assert_accessible` after each navigation, and a test fails on any violation.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread, TransactionTestCase
from playwright.sync_api import expect

from opvangregie.demo import load_demo
from tests.e2e.browser import DESKTOP, CheckedPage


class SerialWSGIServer(WSGIServer):
    """The live server answering one request at a time. Its threads would share the test's in-memory SQLite
    connection (Django hands it to every request thread), and two requests of one page using it at once
    collide ("cannot start a transaction within a transaction" when both save the session). A server that is
    not threaded answers with ``Connection: close``, so the browser's other requests wait their turn."""

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = SerialWSGIServer  # type: ignore[assignment]

_copy_back_after_test: list[sqlite3.Connection] = []  # the demo snapshot, once the test's ``demo_site`` was made
_flush = TransactionTestCase._fixture_teardown


def _copy_back_or_flush(self: TransactionTestCase) -> None:
    """After a browser test the demo is copied back from its snapshot (milliseconds) instead of emptied by
    Django's flush (a DELETE per table and the content types and permissions made again: about a second), so
    the next test, of whatever kind, finds the database as ``django_db_setup`` left it."""
    if _copy_back_after_test:
        _copy_back(_copy_back_after_test.pop())
    else:
        _flush(self)


TransactionTestCase._fixture_teardown = _copy_back_or_flush  # type: ignore[method-assign]


def _copy_back(snapshot: sqlite3.Connection) -> None:
    connection.ensure_connection()
    snapshot.backup(connection.connection)
    ContentType.objects.clear_cache()  # cached ids may belong to rows the test made


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


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup: None, django_db_blocker: Any) -> Iterator[sqlite3.Connection | None]:
    """A copy of the test database as ``django_db_setup`` left it: migrated, with the demo data set loaded
    (None on other databases than the in-memory SQLite one of ``make test-e2e``)."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield None
        return
    snapshot = sqlite3.connect(":memory:")
    with django_db_blocker.unblock():
        connection.ensure_connection()
        connection.connection.backup(snapshot)
    yield snapshot
    snapshot.close()


@pytest.fixture
def demo_site(demo_snapshot: sqlite3.Connection | None, live_server: Any) -> Any:
    """The live server with the demo data, exactly as loaded: copied back from the snapshot (SQLite's backup
    API: milliseconds, not a reload) before the test, in case an earlier test emptied the database, and after
    it, instead of the flush."""
    if demo_snapshot is None:
        load_demo()  # reloaded when an earlier browser test flushed the database
        return live_server
    _copy_back(demo_snapshot)
    _copy_back_after_test.append(demo_snapshot)
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
        # CI shares two cores between Chromium, the live server and the PostgreSQL run: a page that takes a
        # second alone (a PDF made in the request, a dashboard re-rendered after a count) may take many more.
        page.set_default_timeout(30_000)
        pages.append(page)
        return page

    yield open_page
    try:
        for page in pages:
            page.check()
    finally:
        for context in contexts:
            context.close()


expect.set_options(timeout=15_000)


@pytest.fixture
def page(new_page: Callable[..., CheckedPage]) -> CheckedPage:
    return new_page()
