"""The Heemstede officer opens the households, the waiting list with its clock and the month's totals."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_follows_households_waiting_list_and_leefgeld(demo_site: Any, page: Any) -> None:
    page.goto(f"{demo_site.url}/inloggen/")
    page.fill("#id_username", "heemstede")
    page.fill("#id_password", "heemstede-demo-2025")
    page.click("button[type=submit]")
    page.wait_for_url("**/gemeente/GM0397/")
    page.goto(f"{demo_site.url}/gemeente/GM0397/?datum=2025-10-01")
    assert "127 Oekraïners" in page.inner_text("#ukrainian-households")
    page.click("#households-link")
    page.wait_for_url("**/huishoudens/**")
    assert page.locator("#households tbody tr").count() == 64
    page.click("text=Wachtlijst")
    page.wait_for_url("**/wachtlijst/")
    assert "aanbod op tijd gedaan" in page.inner_text("#waiting-list")
    page.click("text=OEK-2025-W002")
    page.fill("#step-form #id_note", "Hotel in Haarlem")
    page.select_option("#step-form #id_kind", "offer_hotel")
    page.click("#step-form button[type=submit]")
    page.locator("#steps").get_by_text("Hotel in Haarlem").wait_for()
    assert "aanbod op tijd gedaan" not in page.inner_text("#clock")
    page.goto(f"{demo_site.url}/gemeente/GM0397/leefgeld/?maand=2025-10")
    counts = page.inner_text("#counts")
    assert "112" in counts
    assert "47" in counts
