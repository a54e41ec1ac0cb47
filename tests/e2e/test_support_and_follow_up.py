"""Browser journeys of issue 18 items 3 and 4, typing and clicking: Heemstede's officer adds a support programme,
enters a quarter's figures and imports figures from the downloaded template; the province records the letter it
sent; Heemstede records its reply with a planned measure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from opvangregie.quotas.models import ReplyStatus, SupervisionLetter, SupervisionReply
from opvangregie.support.models import Programme, QuarterFigures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Any, site: Any, username: str) -> None:
    page.goto(f"{site.url}/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-demo-2025")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_officer_adds_a_programme_and_enters_its_figures(demo_site: Any, page: Any) -> None:
    log_in(page, demo_site, "heemstede")
    page.goto(f"{demo_site.url}/gemeente/GM0397/")
    page.click("#programmes-link")
    page.wait_for_url("**/gemeente/GM0397/programmas/")
    page.fill("#id_name", "Taalmaatjes")
    page.select_option("#id_kind", "language")
    page.fill("#id_partner", "Bibliotheek Heemstede")
    page.fill("#id_starts_on", "2025-09-01")
    page.select_option("#id_target_group", "ukrainian")
    page.click("#id_for_municipal_residents")
    page.select_option("#id_letter_section", "work_income")
    page.click("#programme-form button[type=submit]")
    page.wait_for_url("**/gemeente/GM0397/programmas/*/")
    assert page.inner_text("h1") == "Taalmaatjes"
    page.select_option("#id_quarter", "2025-Q4")
    page.fill("#id_participants", "9")
    page.fill("#id_note", "eerste groep")
    page.click("#figures-form button[type=submit]")
    page.wait_for_load_state()
    row = page.locator('#figures tr[data-quarter="2025-Q4"]')
    assert "9" in row.inner_text()
    programme = Programme.objects.get(name="Taalmaatjes")
    assert programme.for_municipal_residents
    assert QuarterFigures.objects.get(programme=programme, quarter="2025-Q4").participants == 9


def test_officer_imports_figures_from_the_template(demo_site: Any, page: Any, tmp_path: Path) -> None:
    log_in(page, demo_site, "heemstede")
    page.goto(f"{demo_site.url}/gemeente/GM0397/programmas/")
    page.click("#import-link")
    page.wait_for_url("**/programmas/import/")
    with page.expect_download() as download_info:
        page.click("#import-template")
    template = tmp_path / "sjabloon.xlsx"
    download_info.value.save_as(template)
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for values in (
        {"programma": "Circles of Change", "kwartaal": "2025-Q2", "deelnemers": 7},
        {"programma": "Work4Ukraine", "kwartaal": "2025-Q4", "intakes": 31},
    ):
        sheet.append([values.get(h) for h in headers])
    workbook.save(template)
    page.set_input_files("#id_file", str(template))
    page.click("form.opvang-form button[type=submit]")
    page.wait_for_url("**/gemeente/GM0397/programmas/")
    work4ukraine = Programme.objects.get(name="Work4Ukraine")
    assert QuarterFigures.objects.get(programme=work4ukraine, quarter="2025-Q4").intakes == 31
    assert "31" in page.inner_text(f"#latest-{work4ukraine.pk}")


def test_province_records_the_letter_it_sent(demo_site: Any, page: Any) -> None:
    log_in(page, demo_site, "beheerder")  # the demo's province user only reads: the administrator records here
    page.goto(f"{demo_site.url}/provincie/PV27/toezicht/?periode=2025-H1&status=behind")
    page.click('tr[data-code="GM0392"] [data-action="record-letter"]')  # Haarlem
    page.wait_for_url("**/toezicht/verzonden/GM0392/**")
    page.select_option("#id_period", "2025-H1")
    page.fill("#id_sent_on", "2025-08-01")
    page.fill("#id_document_reference", "2025-0815")
    page.click("#letter-form button[type=submit]")
    page.wait_for_url("**/provincie/PV27/toezicht/?periode=2025-H1")
    cell = page.locator('tr[data-code="GM0392"] [data-field="follow-up"]')
    assert cell.locator("[data-follow-up]").get_attribute("data-follow-up") in ("awaiting", "overdue")
    assert (
        SupervisionLetter.objects.get(municipality__code="GM0392", period="2025-H1").document_reference == "2025-0815"
    )


def test_heemstede_records_its_reply_with_a_planned_measure(demo_site: Any, page: Any) -> None:
    officer = page
    log_in(officer, demo_site, "heemstede")
    officer.goto(f"{demo_site.url}/gemeente/GM0397/statushouders/")
    officer.select_option("#id_reply-2025-H1-status", "received")
    officer.fill("#id_reply-2025-H1-received_on", "2025-11-10")
    officer.fill("#id_reply-2025-H1-summary", "Plan van aanpak met extra doorstroomwoningen.")
    officer.fill("#id_reply-2025-H1-measures-0-description", "Tien extra doorstroomwoningen")
    officer.fill("#id_reply-2025-H1-measures-0-target_date", "2026-06-30")
    officer.click("#reply-form button[type=submit]")
    officer.wait_for_url("**/gemeente/GM0397/statushouders/")
    assert officer.locator('#supervision-letters [data-follow-up="received"]').count() == 1
    assert "Tien extra doorstroomwoningen" in officer.inner_text("#supervision-letters")
    reply = SupervisionReply.objects.get(letter__municipality__code="GM0397", letter__period="2025-H1")
    assert reply.status == ReplyStatus.RECEIVED
