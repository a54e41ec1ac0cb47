"""The map as people use it (issue 17): the Heemstede officer opens the municipality's map and clicks a
candidate site through to its page; the province switches the choropleth and reads the same figures in the
table beside it; the map fits a phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import PHONE, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _problems(page: Any) -> list[str]:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    return problems


def test_the_officer_opens_the_map_and_clicks_a_site(demo_site: Any, page: Any) -> None:
    problems = _problems(page)
    log_in(page, demo_site.url, "heemstede")
    page.click("#map-link")
    page.wait_for_url("**/gemeente/GM0397/kaart/")
    expect(page.locator("#map[data-map-ready=true]")).to_be_visible(timeout=15_000)
    # Heemstede's eight locations on their streets and its three sites (two public, one confidential idea).
    expect(page.locator("path.opvang-map-location")).to_have_count(8)
    expect(page.locator("path.opvang-map-site")).to_have_count(3)
    # The constraint layers are on: Natura 2000 (Kennemerland-Zuid borders Heemstede) and the demo BPL.
    expect(page.locator("#map-overlays")).to_contain_text("Natura 2000")
    expect(page.locator("path.opvang-map-constraint").first).to_be_attached()
    page.uncheck("#map-overlay-locations")
    expect(page.locator("path.opvang-map-location")).to_have_count(0)
    page.locator("#map-overlay-locations").check()
    expect(page.locator("path.opvang-map-location")).to_have_count(8)
    # Click the site markers until the SEIN terrain's popup opens, as one looks for a site on the map.
    popup = page.locator(".leaflet-popup-content")
    for marker in page.locator("path.opvang-map-site").all():
        marker.click()
        expect(popup).to_be_visible()
        if "SEIN-terrein" in popup.inner_text():
            break
    expect(popup).to_contain_text("SEIN-terrein")
    expect(popup).to_contain_text("positie bij benadering")
    popup.get_by_role("link", name="Naar de kandidaatlocatie").click()
    page.wait_for_url("**/kandidaatlocatie/**")
    expect(page.locator("h1")).to_contain_text("SEIN-terrein")
    assert problems == []


def test_the_province_colours_its_municipalities_and_reads_them_in_the_table(demo_site: Any, page: Any) -> None:
    problems = _problems(page)
    log_in(page, demo_site.url, "noordholland")
    page.goto(f"{demo_site.url}/provincie/PV27/?datum=2025-11-11")
    expect(page.locator("#map[data-map-ready=true]")).to_be_visible(timeout=15_000)
    municipalities = page.locator("#map path.leaflet-interactive:not(.opvang-map-location):not(.opvang-map-site)")
    expect(municipalities).to_have_count(44)
    expect(page.locator("[data-map-legend=ukrainian]")).to_be_visible()
    page.select_option("#map-measure", "quota")
    expect(page.locator("[data-map-legend=quota]")).to_be_visible()
    expect(page.locator("[data-map-legend=ukrainian]")).to_be_hidden()
    # Heemstede's colour is the one the legend gives its class in the table.
    heemstede_class = page.locator("#map-table tr[data-code=GM0397] td").nth(1).get_attribute("data-class")
    settings = page.evaluate("JSON.parse(document.getElementById('map-settings').textContent)")
    colour = settings["measures"]["quota"]["colours"][heemstede_class]
    fills = page.evaluate(
        "Array.from(document.querySelectorAll('#map path.leaflet-interactive')).map(p => p.getAttribute('fill'))"
    )
    assert colour in fills
    assert problems == []


def test_the_map_fits_a_phone(demo_site: Any, new_page: Any) -> None:
    page = new_page(viewport=PHONE)
    log_in(page, demo_site.url, "heemstede")
    page.goto(f"{demo_site.url}/gemeente/GM0397/kaart/")
    expect(page.locator("#map[data-map-ready=true]")).to_be_visible(timeout=15_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the map page scrolls sideways on a phone: {width}px"


def test_the_officer_enters_a_new_site_by_clicking_on_the_map(demo_site: Any, page: Any) -> None:
    problems = _problems(page)
    log_in(page, demo_site.url, "heemstede")
    page.goto(f"{demo_site.url}/gemeente/GM0397/kandidaatlocaties/")
    expect(page.locator("#map[data-map-ready=true]")).to_be_visible(timeout=15_000)
    # The constraint layers are drawn for the officer to see where not to look.
    expect(page.locator("#map-overlays")).to_contain_text("Natura 2000")
    expect(page.locator("#map-overlays")).to_contain_text("Bijzonder Provinciaal Landschap (demo)")
    box = page.locator("#map").bounding_box()
    page.locator("#map").click(position={"x": box["width"] * 0.6, "y": box["height"] * 0.3})
    rd_x = float(page.input_value("#id_rd_x"))
    rd_y = float(page.input_value("#id_rd_y"))
    assert 100_000 < rd_x < 106_000, rd_x  # Heemstede lies around x 102,000 and y 484,000 in RD New
    assert 481_000 < rd_y < 488_000, rd_y
    expect(page.locator("path.opvang-map-picked")).to_have_count(1)
    page.fill("#id_name", "Leegstaand pand op de kaart")
    page.select_option("#id_owner", "private")
    page.select_option("#id_kind", "vacant_building")
    page.fill("#id_estimated_places", "25")
    page.click("#site-form button[type=submit]")
    page.wait_for_url("**/kandidaatlocatie/**")
    expect(page.locator("h1")).to_contain_text("Leegstaand pand op de kaart")
    assert problems == []
