"""Commitments as people record them (issue 18): the Heemstede officer records a letter to residents with its
delivery problem and finds it on the location's timeline, lists an attachment in the council letter, and adds an
agreement with a condition to Heemsteedse Dreef — typing into the forms and clicking, as a person does."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_officer_records_a_letter_and_finds_it_on_the_timeline(demo_site: Any, page: Any, tmp_path: Any) -> None:
    log_in(page, demo_site.url, "heemstede")
    page.click("#communication-link")
    page.wait_for_url("**/gemeente/GM0397/communicatie/")
    expect(page.locator("#sounding-board")).to_contain_text("12 leden")
    page.select_option("#id_communication-channel", label="brief")
    page.select_option("#id_communication-audience", label="buurtbewoners")
    page.fill("#id_communication-audience_detail", "Kerklaan 50-80")
    page.fill("#id_communication-subject", "Uitnodiging inloopavond")
    page.fill("#id_communication-sent_on", "2025-11-05")
    page.select_option("#id_communication-delivery", label="problemen met bezorging")
    page.locator("#communication-form").get_by_role("checkbox", name="Kerklaan", exact=True).check()
    page.click("text=Communicatie opslaan")
    row = page.locator("#communications tr", has_text="Uitnodiging inloopavond")
    expect(row).to_contain_text("problemen met bezorging")
    row.get_by_role("link", name="Kerklaan").click()
    page.wait_for_url("**/locatie/**")
    expect(page.locator("#timeline")).to_contain_text("5 november 2025 · brief: Uitnodiging inloopavond")
    expect(page.locator("#timeline")).to_contain_text("Voor: buurtbewoners (Kerklaan 50-80)")

    page.goto(f"{demo_site.url}/gemeente/GM0397/raadsinformatiebericht/?kwartaal=2025-Q4")
    attachment = tmp_path / "verslag.pdf"
    attachment.write_bytes(b"%PDF-1.4 verslag")
    page.fill("#attachment-form input[name=title]", "Verslag klankbordgroep")
    page.set_input_files("#attachment-form input[name=file]", str(attachment))
    page.click("text=Bijlage toevoegen")
    expect(page.locator("#attachment-list")).to_contain_text("Verslag klankbordgroep")


def test_the_officer_adds_an_agreement_and_a_condition(demo_site: Any, page: Any) -> None:
    log_in(page, demo_site.url, "heemstede")
    page.goto(f"{demo_site.url}/gemeente/GM0397/")
    page.click("#agreements-link")
    page.get_by_role("link", name="Kerklaan").first.click()
    page.wait_for_url("**/afspraken/")
    page.select_option("#id_agreement-kind", label="huurovereenkomst")
    page.fill("#id_agreement-title", "Huur Kerklaan 61")
    page.fill("#id_agreement-parties", "Gemeente Heemstede, Elan Wonen")
    page.fill("#id_agreement-in_force_from", "2025-01-01")
    page.click("text=Afspraak opslaan")
    expect(page.locator("h2", has_text="Huur Kerklaan 61")).to_be_visible()
    page.select_option("#id_condition-agreement_id", label="Huur Kerklaan 61")
    page.select_option("#id_condition-kind", label="maximaal aantal plekken")
    page.fill("#id_condition-valid_from", "2025-01-01")
    page.fill("#id_condition-quantity", "60")
    page.click("text=Voorwaarde opslaan")
    section = page.locator("section.opvang-agreement", has_text="Huur Kerklaan 61")
    expect(section).to_contain_text("60")
    expect(section.locator(".opvang-badge--alert")).to_contain_text("niet nagekomen")  # Kerklaan has 70 places
