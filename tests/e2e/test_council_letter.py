"""The Heemstede officer opens the council letter from the dashboard, makes it as .docx and .pdf and
downloads both."""

from __future__ import annotations

from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_downloads_the_q4_2025_letter(demo_site: Any, page: Any, tmp_path: Any) -> None:
    page.goto(f"{demo_site.url}/inloggen/")
    page.fill("#id_username", "heemstede")
    page.fill("#id_password", "heemstede-demo-2025")
    page.click("button[type=submit]")
    page.wait_for_url("**/gemeente/GM0397/")
    page.click("#letter-link")
    page.fill("#kwartaal", "2025-Q4")
    page.click("text=Toon")
    page.wait_for_url("**kwartaal=2025-Q4**")
    page.click("#generate-docx")
    link = page.locator("#documents-table a", has_text="raadsinformatiebericht-GM0397-2025-Q4.docx")
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "brief.docx"
    download_info.value.save_as(path)
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in Document(str(path)).tables]
    assert tables[1][-2] == ["Totaal Heemstede", "169", "115"]
    assert tables[3][1:] == [["2025-H1", "22", "7", "29", "21", "8"], ["2025-H2", "21", "8", "29", "18", "11"]]
    assert tables[-1][0][0] == "Doelgroep"  # "Verwachting komende kwartalen" follows the ledger
    page.click("#generate-pdf")
    link = page.locator("#documents-table a", has_text="raadsinformatiebericht-GM0397-2025-Q4.pdf")
    with page.expect_download() as download_info:
        link.click()
    pdf = tmp_path / "brief.pdf"
    download_info.value.save_as(pdf)
    pages = [p.extract_text() for p in PdfReader(str(pdf)).pages]
    assert "Totaal Heemstede 169 115" in "\n".join(pages)
    assert f"pagina {len(pages)} van {len(pages)}" in pages[-1]
    assert "beleidsmedewerker Heemstede" in page.inner_text("#documents-table")
