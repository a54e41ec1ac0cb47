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


def test_officer_registers_a_household_with_one_member_by_typing(demo_site: Any, page: Any) -> None:
    """The form as a person fills it: only the first of the seven member rows, the rest left untouched."""
    page.goto(f"{demo_site.url}/inloggen/")
    page.fill("#id_username", "heemstede")
    page.fill("#id_password", "heemstede-demo-2025")
    page.click("button[type=submit]")
    page.wait_for_url("**/gemeente/GM0397/")
    page.goto(f"{demo_site.url}/gemeente/GM0397/huishoudens/")
    page.click("#household-new")
    page.wait_for_url("**/huishoudens/nieuw/")
    assert page.locator("#members tbody tr").count() > 1  # empty rows stay on the page, as a person sees them
    page.fill("#id_reference", "OEK-E2E-1")
    page.fill("#id_registered_on", "2025-11-10")
    page.fill("#id_lid-0-year_of_birth", "1979")
    page.select_option("#id_lid-0-sex", "F")
    page.fill("#id_lid-0-income", "1250")
    page.select_option("#id_lid-0-income_source", "work")
    page.click("#household-form button[type=submit]")
    page.wait_for_url("**/huishoudens/OEK-E2E-1/")
    assert "OEK-E2E-1" in page.inner_text("main")
    assert "Huishouden OEK-E2E-1 geregistreerd." in page.content()
