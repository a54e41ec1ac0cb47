"""Journeys as people make them, typing and clicking: a location registered and taken through its lifecycle,
counts imported from the downloaded template, and COA registering an asylum location elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Any, site: Any, username: str) -> None:
    page.goto(f"{site.url}/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-demo-2025")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_officer_registers_a_location_and_takes_it_through_its_lifecycle(demo_site: Any, page: Any) -> None:
    log_in(page, demo_site, "heemstede")
    page.wait_for_url("**/gemeente/GM0397/")
    page.click("#location-new")
    page.fill("#id_name", "Raadhuisplein 1")
    page.select_option("#id_target_group", "ukrainian")
    page.fill("#id_address", "Raadhuisplein 1, Heemstede")
    page.select_option("#id_status", "planned")
    page.fill("#id_status_date", "2025-06-01")
    page.fill("#id_places", "24")
    page.click("form.opvang-form button[type=submit]")
    page.wait_for_url("**/locatie/*/")
    assert "Raadhuisplein 1" in page.inner_text("h1")
    for status, day in [("decided", "2025-07-01"), ("permit", "2025-08-01"), ("in_use", "2025-09-01")]:
        page.select_option("#status_status", status)
        page.fill("#status_effective_date", day)
        page.click("#status-form button[type=submit]")
        page.wait_for_load_state()
        assert "Opgeslagen." in page.inner_text("main")
    assert page.inner_text("#location-status") == "in gebruik"
    assert page.locator("#lifecycle li").count() == 4
    page.fill("#snapshot_date", "2025-10-01")
    page.fill("#snapshot_persons", "18")
    page.click("#snapshot-form button[type=submit]")
    page.wait_for_load_state()
    assert "Opgeslagen." in page.inner_text("main")
    page.select_option("#status_status", "planned")  # not allowed after "in use": a clear Dutch message
    page.fill("#status_effective_date", "2025-10-02")
    page.click("#status-form button[type=submit]")
    page.wait_for_load_state()
    assert "Van 'in gebruik' naar 'gepland' is geen toegestane overgang." in page.inner_text("main")


def test_officer_imports_counts_from_the_downloaded_template(demo_site: Any, page: Any, tmp_path: Path) -> None:
    log_in(page, demo_site, "heemstede")
    page.goto(f"{demo_site.url}/gemeente/GM0397/?datum=2025-11-01")
    page.click("#counts-import")
    page.wait_for_url("**/import/")
    with page.expect_download() as download_info:
        page.click("#import-template")
    template = tmp_path / "sjabloon.xlsx"
    download_info.value.save_as(template)
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    values = {"locatie": "Ringvaartlaan", "datum": "2025-11-06", "personen": 19, "huishoudens": 9}
    sheet.append([values.get(name) for name in header])
    filled = tmp_path / "tellingen.xlsx"
    workbook.save(filled)
    page.set_input_files("input[type=file]", str(filled))
    page.click("form.opvang-form button[type=submit]")
    page.wait_for_url("**/gemeente/GM0397/")
    assert "1 telling ingelezen." in page.inner_text("main")


def test_coa_registers_an_asylum_location_in_another_municipality(demo_site: Any, page: Any) -> None:
    log_in(page, demo_site, "coa")
    page.select_option("#coa-municipality", label="Bloemendaal")
    page.click("#coa-register button[type=submit]")
    page.wait_for_url("**/gemeente/GM0377/locatie/nieuw/")
    assert page.locator("#id_target_group option").count() == 2  # asylum and AMV only
    page.fill("#id_name", "AZC Bloemendaal (test)")
    page.select_option("#id_target_group", "asylum")
    page.fill("#id_status_date", "2025-11-01")
    page.click("form.opvang-form button[type=submit]")
    page.wait_for_url("**/locatie/*/")
    assert "AZC Bloemendaal (test)" in page.inner_text("h1")
    assert page.locator('a[href^="/gemeente/"]').count() == 0  # no links to dashboards COA may not open
