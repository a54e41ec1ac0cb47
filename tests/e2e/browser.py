"""What every browser test shares: axe-core checks after each navigation, logging in, the two widths."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

AXE = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


PHONE = {"width": 390, "height": 844}


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2.x A and AA and axe's best practices)."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run 'npm ci'.")
    for frame in page.frames:  # the main document and its iframes (the council letter's preview)
        if not frame.evaluate("typeof window.axe !== 'undefined'"):
            # evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
            # (a <script> tag with axe's source would be inline script, which the policy rightly refuses)
            frame.evaluate(f"() => {{ {_axe_source()} }}")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = [line.strip() for line in (node.get("failureSummary") or "").splitlines()]
            problems = [line for line in summary if line and not line.startswith("Fix ")]
            lines.append(f"    {node['target']}: {problems[0] if problems else ''}")
    return "\n".join(lines)


def assert_accessible(page: Any) -> None:
    """Fail with each violation's rule id, impact, target selectors and help when axe finds any."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(f"axe-core: {len(violations)} violation(s) on {page.url}\n{describe(violations)}", pytrace=False)


class CheckedPage:
    """A Playwright page that runs :func:`assert_accessible` once after every navigation of its main frame.

    The check runs when the next page method returns (``goto``, ``click``, ``wait_for_url``, ...) and when
    the test ends, so a navigation started by a click is checked once its page has loaded.
    """

    def __init__(self, page: Any) -> None:
        self._page = page
        self._navigations = 0
        self._checked = 0
        self.checked_urls: list[str] = []
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame: Any) -> None:
        if frame == self._page.main_frame:
            self._navigations += 1

    def check(self) -> None:
        """Check now if the page navigated since the last check."""
        if self._navigations == self._checked:
            return
        self._page.wait_for_load_state()
        self._checked = self._navigations
        self.checked_urls.append(self._page.url)
        assert_accessible(self._page)

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._page, name)
        if not callable(attribute) or name.startswith("expect_") or name in ("on", "once", "remove_listener"):
            return attribute

        def checked(*args: Any, **kwargs: Any) -> Any:
            result = attribute(*args, **kwargs)
            self.check()
            return result

        return checked


def log_in(page: Any, base_url: str, username: str) -> None:
    """Log in as a demo user (password '<user>-demo-2025') and wait for the start page."""
    page.goto(f"{base_url}/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-demo-2025")
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.check()
