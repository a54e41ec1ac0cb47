"""Status-holder pages: Heemstede's ledger on its dashboard, recording and importing realisations,
the province's supervision with filters, Excel and the .docx letters, and who may not."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from opvangregie.quotas.models import Realisation

pytestmark = pytest.mark.django_db


def ledger_rows(html: str) -> dict[str, tuple[str, str, str]]:
    rows = {}
    for period, body in re.findall(r'data-period="([^"]+)">(.*?)</tr>', html, re.S):
        cells = dict(re.findall(r'data-field="(\w+)">([^<]*)<', body))
        rows[period] = (cells["demand"], cells["realised"], cells["remaining"].strip())
    return rows


def test_heemstede_dashboard_shows_the_ledger_of_the_council_letter(login) -> None:
    html = login("raadslid").get("/gemeente/GM0397/", {"datum": "2025-11-04"}).content.decode()
    assert ledger_rows(html) == {"2025-H1": ("29", "21", "8"), "2025-H2": ("29", "18", "11")}
    assert 'id="early-warning"' in html
    assert "huisvesting worden gevonden voor 6 personen" in html


def test_the_status_holder_page_records_a_realisation(login) -> None:
    client = login("heemstede")
    page = client.get("/gemeente/GM0397/statushouders/", {"datum": "2025-11-04"})
    assert 'id="realisation-form"' in page.content.decode()
    response = client.post(
        "/gemeente/GM0397/statushouders/?datum=2025-11-04",
        {"date": "2025-11-03", "persons": "2", "household_ref": "H-901"},
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert ledger_rows(html)["2025-H2"] == ("29", "20", "9")
    assert "H-901" in html


def test_a_refused_realisation_is_explained(login) -> None:
    before = Realisation.objects.count()
    response = login("heemstede").post("/gemeente/GM0397/statushouders/", {"date": "2099-01-01", "persons": "2"})
    assert response.status_code == 422
    assert "toekomst" in response.content.decode()
    assert Realisation.objects.count() == before


def test_council_member_reads_but_cannot_record_and_haarlem_cannot_see(login) -> None:
    before = Realisation.objects.count()
    html = login("raadslid").get("/gemeente/GM0397/statushouders/").content.decode()
    assert 'id="realisation-form"' not in html
    assert (
        login("raadslid").post("/gemeente/GM0397/statushouders/", {"date": "2025-11-03", "persons": "2"}).status_code
        == 404
    )
    assert login("haarlem").get("/gemeente/GM0397/statushouders/").status_code == 404
    assert login("haarlem").get("/gemeente/GM0397/statushouders/export.xlsx").status_code == 404
    assert Realisation.objects.count() == before


def test_realisations_import_page_reports_rows_and_saves_nothing(login) -> None:
    before = Realisation.objects.count()
    bad = io.BytesIO(b"datum,personen\n2025-11-01,2\n2025-11-02,nul\n")
    bad.name = "realisaties.csv"
    response = login("heemstede").post("/gemeente/GM0397/statushouders/import/", {"file": bad})
    assert response.status_code == 422
    assert "regel" in response.content.decode() or "line" in response.content.decode()
    assert Realisation.objects.count() == before
    good = io.BytesIO(b"datum,personen\n2025-11-01,2\n")
    good.name = "realisaties.csv"
    assert login("heemstede").post("/gemeente/GM0397/statushouders/import/", {"file": good}).status_code == 302
    assert Realisation.objects.count() == before + 1


def test_ledger_excel_export_opens_again(login) -> None:
    response = login("heemstede").get("/gemeente/GM0397/statushouders/export.xlsx", {"datum": "2025-11-04"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[0] in ("2025-H1", "2025-H2")]
    assert [(r[0], r[1], r[2], r[4], r[5], r[6], r[7], r[8]) for r in values] == [
        ("2025-H1", 24, 22, 22, 7, 29, 21, -8),
        ("2025-H2", 20, 21, 21, 8, 29, 18, -11),
    ]
    assert sheet["A2"].value == "Peildatum"


def test_province_supervision_page_with_filter_and_sort(login) -> None:
    client = login("noordholland")
    html = client.get("/provincie/PV27/toezicht/", {"periode": "2025-H1", "datum": "2025-11-04"}).content.decode()
    assert "36 van 44 gemeenten lopen achter" in html
    behind = client.get(
        "/provincie/PV27/toezicht/", {"periode": "2025-H1", "datum": "2025-11-04", "status": "behind", "sort": "saldo"}
    ).content.decode()
    codes = re.findall(r'data-code="(GM\d{4})"', behind)
    assert len(codes) == 36
    assert "GM0361" not in codes  # Alkmaar met its quota
    balances = [int(b) for b in re.findall(r'data-field="balance">([-+\d]+)<', behind)]
    assert balances == sorted(balances)


def test_supervision_excel_and_letters(login) -> None:
    client = login("noordholland")
    params = {"periode": "2025-H1", "datum": "2025-11-04"}
    sheet = load_workbook(
        io.BytesIO(client.get("/provincie/PV27/toezicht/", {**params, "export": "xlsx"}).content)
    ).active
    heemstede = next(row for row in sheet.iter_rows(values_only=True) if row and row[0] == "GM0397")
    assert heemstede[2:7] == (22, 7, 29, 21, -8)
    letter = client.get("/provincie/PV27/toezicht/brief/GM0397.docx", params)
    assert letter["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(letter.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "gemeente Heemstede" in text
    assert "2025-H1" in text
    table = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert (table["Taakstelling"], table["Opgave inclusief achterstand"], table["Gehuisvest"]) == ("22", "29", "21")
    assert table["Achterstand aan het eind van het halfjaar"] == "8"
    archive = zipfile.ZipFile(io.BytesIO(client.get("/provincie/PV27/toezicht/brieven.zip", params).content))
    assert len(archive.namelist()) == 36
    assert client.get("/provincie/PV27/toezicht/brief/GM0361.docx", params).status_code == 404  # Alkmaar is not behind


def test_who_may_not_open_the_supervision(login) -> None:
    for username in ("heemstede", "haarlem", "kennemerland", "coa"):
        assert login(username).get("/provincie/PV27/toezicht/").status_code == 404
        assert (
            login(username).get("/provincie/PV27/toezicht/brief/GM0397.docx", {"periode": "2025-H1"}).status_code == 404
        )
    assert login("rijk").get("/provincie/PV27/toezicht/", {"periode": "2025-H1"}).status_code == 200
