"""Log in as the Heemstede editor, see 169 / 115 / 164, record a count, see the total change."""

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_heemstede_editor_records_a_count(demo_site: Any, page: Any, tmp_path: Any) -> None:
    page.goto(f"{demo_site.url}/inloggen/")
    page.fill("#id_username", "heemstede")
    page.fill("#id_password", "heemstede-demo-2025")
    page.click("button[type=submit]")
    page.wait_for_url("**/gemeente/GM0397/")

    page.fill("#datum", "2025-11-01")
    page.click("text=Toon")
    page.wait_for_url("**datum=2025-11-01**")
    assert page.inner_text("#total-places") == "169"
    assert page.inner_text("#total-persons") == "115"
    assert page.inner_text("#target") == "164"
    assert page.inner_text("#total-free") == "5"  # usable free places from the rooms: beds for singles at Herenweg
    assert not page.is_visible("#full-notice")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    page.select_option("#id_location", label="Kerklaan")
    page.fill("#id_date", "2025-11-01")
    page.fill("#id_persons", "52")
    page.fill("#id_households", "22")
    page.click("#snapshot-form button[type=submit]")
    expect(page.locator("#total-persons")).to_have_text("119")
    assert page.inner_text("#total-places") == "169"
    assert "Opgeslagen" in page.inner_text("#saved-notice")  # the officer sees that the count was saved

    page.select_option("#id_location", label="Kerklaan")
    assert page.input_value("#id_date") == "2025-11-01"
    page.fill("#id_persons", "80")
    page.click("#snapshot-form button[type=submit]")
    page.wait_for_selector("text=meer dan de 70 plekken")
    assert page.inner_text("#total-persons") == "119"


def test_phone_layout_shows_the_table(demo_site: Any, new_page: Any) -> None:
    page = new_page(viewport=PHONE)
    page.goto(f"{demo_site.url}/inloggen/")
    page.fill("#id_username", "raadslid")
    page.fill("#id_password", "raadslid-demo-2025")
    page.click("button[type=submit]")
    page.goto(f"{demo_site.url}/gemeente/GM0397/?datum=2025-11-01")
    assert page.inner_text("#total-places") == "169"
    assert page.locator("#snapshot-form").count() == 0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 420, f"page scrolls sideways on a phone: {width}px"
