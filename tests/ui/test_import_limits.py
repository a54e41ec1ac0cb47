"""Imports refuse what they cannot take with a clear 422 and nothing written: too large, too many rows, not
a spreadsheet, a zip bomb, an oversized field, impossible amounts; and they take CSV as Dutch Excel saves it."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from opvangregie.households.models import Household, Income
from opvangregie.locations.models import OccupancySnapshot

pytestmark = pytest.mark.django_db
COUNTS = "/gemeente/GM0397/import/"


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, url: str, name: str, content: bytes):
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def refused(response, text: str) -> None:
    assert response.status_code == 422
    assert text in response.content.decode()


def test_a_file_over_the_size_limit_is_refused_before_reading(login, settings) -> None:
    settings.IMPORT_MAX_BYTES = 1000
    before = OccupancySnapshot.objects.count()
    refused(upload(login("heemstede"), COUNTS, "groot.csv", b"locatie,datum,personen\n" + b"x" * 2000), "groter dan")
    assert OccupancySnapshot.objects.count() == before


def test_too_many_rows_are_refused(login, settings) -> None:
    settings.IMPORT_MAX_ROWS = 2
    rows = [["locatie", "datum", "personen"], *[["Kerklaan", f"2025-11-0{d}", 40] for d in range(2, 5)]]
    refused(upload(login("heemstede"), COUNTS, "rijen.xlsx", xlsx(rows)), "ten hoogste 2 tegelijk")


@pytest.mark.parametrize("content", [b"PK\x03\x04 not a zip at all", b"\x00" * 300])
def test_junk_named_xlsx_is_refused(login, content: bytes) -> None:
    refused(upload(login("heemstede"), COUNTS, "rommel.xlsx", content), "geen geldig Excel-bestand")


def test_a_zip_bomb_is_refused(login, settings) -> None:
    settings.IMPORT_MAX_BYTES = 100_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    refused(upload(login("heemstede"), COUNTS, "bom.xlsx", buffer.getvalue()), "uitgepakt te groot")


def test_an_oversized_csv_field_is_refused(login) -> None:
    content = b"locatie,datum,personen\n" + b'"' + b"x" * 140_000 + b'",2025-11-05,4\n'
    refused(upload(login("heemstede"), COUNTS, "veld.csv", content), "langer dan")


def test_a_huge_cell_gets_a_short_message(login) -> None:
    content = xlsx([["locatie", "datum", "personen"], ["Kerklaan", "2025-11-05", "9" * 20_000]])
    response = upload(login("heemstede"), COUNTS, "cel.xlsx", content)
    assert response.status_code == 422
    assert "9" * 101 not in response.content.decode()


def test_the_report_names_the_first_200_errors_and_counts_all(login) -> None:
    rows = [["locatie", "datum", "personen"], *[["Nergens", "2025-11-05", 1] for _ in range(250)]]
    response = upload(login("heemstede"), COUNTS, "fouten.xlsx", xlsx(rows))
    html = response.content.decode()
    assert response.status_code == 422
    assert "250 fouten gevonden" in html
    assert html.count("onbekende locatie") == 200


def test_csv_from_dutch_excel_in_windows_1252_with_semicolons_imports(login) -> None:
    content = "locatie;datum;personen;opmerking\nKerklaan;5-11-2025;47;telling door één medewerker\n".encode("cp1252")
    response = upload(login("heemstede"), COUNTS, "excel.csv", content)
    assert response.status_code == 302
    snapshot = OccupancySnapshot.objects.get(location__name="Kerklaan", date="2025-11-05")
    assert (snapshot.persons, snapshot.note) == (47, "telling door één medewerker")


@pytest.mark.parametrize(("amount", "why"), [("NaN", "getal"), ("Infinity", "getal"), ("10000000", "ten hoogste")])
def test_impossible_incomes_are_refused_everywhere(login, amount: str, why: str) -> None:
    before = Income.objects.count()
    reference = Household.objects.filter(municipality__code="GM0397", anonymised_on__isnull=True).first().reference
    content = f"kenmerk,lid,inkomen,vanaf\n{reference},1,{amount},2025-11-01\n".encode()
    refused(upload(login("heemstede"), "/gemeente/GM0397/huishoudens/inkomens/", "inkomens.csv", content), why)
    assert Income.objects.count() == before
