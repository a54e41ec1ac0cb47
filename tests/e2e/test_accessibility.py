"""Every demo role's start page and the pages of its main navigation pass axe-core, on a desktop and on a
phone, and on a phone the main navigation collapses behind "Menu"."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.browser import DESKTOP, PHONE, assert_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = ["heemstede", "raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk"]


def navigation_links(page: Any) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("nav.opvang-nav a", "links => links.map(link => link.href)")
    assert hrefs, "the main navigation has no links"
    return hrefs


def assert_no_sideways_scrolling(page: Any, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width}px on a {width}px screen"


def tour(page: Any, base_url: str, username: str, viewport: dict[str, int]) -> None:
    """Log in, check the start page and every page of the main navigation (axe runs after each navigation)."""
    log_in(page, base_url, username)
    start = page.url
    assert page.locator("h1").count() == 1
    if viewport is PHONE:
        assert page.is_visible(".opvang-menu__toggle")
        assert not page.is_visible("nav.opvang-nav"), "the navigation is not collapsed on a phone"
        page.click(".opvang-menu__toggle")
        assert page.is_visible("nav.opvang-nav")
        assert_accessible(page)  # with the menu open
    else:
        assert page.is_visible("nav.opvang-nav")
        assert not page.is_visible(".opvang-menu__toggle")
    links = navigation_links(page)
    for href in [start, *links]:
        page.goto(href)
        assert_no_sideways_scrolling(page, viewport["width"])
    assert len(page.checked_urls) >= len(links) + 1


@pytest.mark.parametrize("username", ROLES)
def test_every_role_start_page_and_navigation_are_accessible(demo_site: Any, new_page: Any, username: str) -> None:
    """One test per role, so the workers share the tours; both widths' failures are reported, not only the first."""
    problems: list[str] = []
    for viewport in (DESKTOP, PHONE):
        try:
            tour(new_page(viewport=viewport), demo_site.url, username, viewport)
        except (AssertionError, pytest.fail.Exception) as error:
            problems.append(f"{username} at {viewport['width']} px: {error}")
    assert not problems, "\n\n".join(problems)


def test_skip_link_appears_only_on_focus(demo_site: Any, page: Any) -> None:
    log_in(page, demo_site.url, "heemstede")
    skip = page.locator(".utrecht-skip-link")
    assert not skip.is_visible() or skip.bounding_box()["y"] < 0
    page.keyboard.press("Tab")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
