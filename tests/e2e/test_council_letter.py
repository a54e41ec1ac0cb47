"""The Heemstede officer opens the council letter from the dashboard and downloads the .docx."""

from __future__ import annotations

from typing import Any

import pytest
from docx import Document

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
    with page.expect_download() as download_info:
        page.click("#letter-docx")
    path = tmp_path / "brief.docx"
    download_info.value.save_as(path)
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in Document(str(path)).tables]
    assert tables[1][-2] == ["Totaal Heemstede", "169", "115"]
    assert tables[-1][1:] == [["2025-H1", "22", "7", "29", "21", "8"], ["2025-H2", "21", "8", "29", "18", "11"]]
