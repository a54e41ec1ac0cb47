"""The Heemstede officer reads why 169 places are full, makes a proposal with moves and confirms it."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_makes_and_confirms_a_placement_proposal(demo_site: Any, page: Any) -> None:
    page.goto(f"{demo_site.url}/inloggen/")
    page.fill("#id_username", "heemstede")
    page.fill("#id_password", "heemstede-demo-2025")
    page.click("button[type=submit]")
    page.wait_for_url("**/gemeente/GM0397/")
    assert "lege kamers voor gezinnen" in page.inner_text("#usable-summary")
    page.click("#placement-link")
    page.wait_for_url("**/plaatsing/")
    explanation = page.inner_text("#usable-explanation")
    assert "169 plekken en 115 personen, 5 bruikbare vrije plekken. In de kamers zijn 54 bedden vrij." in explanation
    assert "Met 2 verhuizingen van bewoners kunnen 5 personen" in page.inner_text("#consolidation")
    page.fill("#id_max_moves", "3")
    page.click("#proposal-form button[type=submit]")
    page.wait_for_url("**/plaatsing/voorstel/*/")
    page.locator("#proposal-rooms").wait_for()
    assert "5 van 5 wachtende personen geplaatst" in page.inner_text("#proposal-summary")
    assert page.locator("#moves li").count() == 2
    page.click("#confirm-button")
    page.get_by_text("Het voorstel is bevestigd").wait_for()
    assert page.locator("#confirm-button").count() == 0
    page.goto(f"{demo_site.url}/gemeente/GM0397/wachtlijst/")
    assert "OEK-2025-W001" not in page.inner_text("main")
