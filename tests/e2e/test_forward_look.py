"""The Heemstede officer plans Princehof's places and dates by typing into the location page, then looks
ahead with a scenario and subscribes to the agenda, as a person does it in the browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_plans_places_and_looks_ahead(demo_site: Any, page: Any) -> None:
    page.goto(f"{demo_site.url}/inloggen/")
    page.fill("#id_username", "heemstede")
    page.fill("#id_password", "heemstede-demo-2025")
    page.click("button[type=submit]")
    page.wait_for_url("**/gemeente/GM0397/")
    expect(page.locator("#forward-ukrainian tr[data-quarter='2027-Q2']")).to_contain_text("217")
    page.click("#register a:text('Princehof')")
    page.wait_for_url("**/locatie/**")
    page.fill("#capacity_effective_date", "2027-09-01")
    page.fill("#capacity_places", "52")
    page.fill("#capacity_reason", "vierde verdieping")
    page.click("#capacity-form button[type=submit]")
    expect(page.locator("#capacity")).to_contain_text("vierde verdieping")
    page.select_option("#expected_status", "out_of_use")
    page.fill("#expected_expected_date", "2032-06-01")
    page.click("#expected-form button[type=submit]")
    expect(page.locator("#expected")).to_contain_text("1 juni 2032")

    page.goto(f"{demo_site.url}/gemeente/GM0397/verwachting/?datum=2025-11-11")
    expect(page.locator("#forward-ukrainian tr[data-quarter='2027-Q3']")).to_contain_text("221")
    page.select_option("#id_locatie", label="Princehof")
    page.fill("#id_verschuif", "3")
    page.click("#scenario-form button[type=submit]")
    expect(page.locator("#scenario-name")).to_contain_text("Princehof: 3 maanden later")
    expect(page.locator("#forward-ukrainian tr[data-quarter='2027-Q2']")).to_contain_text("-48")

    page.goto(f"{demo_site.url}/gemeente/GM0397/agenda/")
    page.click("#feed-form button[type=submit]")
    expect(page.locator("#new-feed")).to_contain_text(".ics")


def test_the_forward_pages_fit_a_phone(demo_site: Any, new_page: Any) -> None:
    from tests.e2e.browser import PHONE, log_in

    page = new_page(viewport=PHONE)
    log_in(page, demo_site.url, "noordholland")
    for path in (
        "/gemeente/GM0397/verwachting/?datum=2025-11-11",
        "/provincie/PV27/verwachting/?datum=2025-11-11",
        "/provincie/PV27/agenda/?datum=2025-11-11",
        "/regio/kennemerland/agenda/?datum=2025-11-11",
    ):
        page.goto(f"{demo_site.url}{path}")  # axe runs after every navigation
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} scrolls sideways on a phone: {width}px"
