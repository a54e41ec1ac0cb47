"""The province's supervisor filters the municipalities behind and downloads Heemstede's letter."""

from __future__ import annotations

from typing import Any

import pytest
from docx import Document

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_supervisor_downloads_the_letter_to_heemstede(demo_site: Any, page: Any, tmp_path: Any) -> None:
    page.goto(f"{demo_site.url}/inloggen/")
    page.fill("#id_username", "noordholland")
    page.fill("#id_password", "noordholland-demo-2025")
    page.click("button[type=submit]")
    page.goto(f"{demo_site.url}/provincie/PV27/")
    page.click("#supervision-link")
    page.select_option("#periode", "2025-H1")
    page.fill("#datum", "2025-11-04")
    page.select_option("#status", "behind")
    page.select_option("#sort", "saldo")
    page.click("text=Toon")
    page.wait_for_url("**status=behind**")
    assert "36 van 44 gemeenten lopen achter" in page.inner_text("#behind-summary")
    assert page.locator("#supervision-table tbody tr").count() == 36
    with page.expect_download() as download_info:
        page.click("tr[data-code=GM0397] >> text=.docx")
    path = tmp_path / "brief.docx"
    download_info.value.save_as(path)
    table = {row.cells[0].text: row.cells[1].text for row in Document(str(path)).tables[0].rows}
    assert (table["Opgave inclusief achterstand"], table["Gehuisvest"]) == ("29", "21")
