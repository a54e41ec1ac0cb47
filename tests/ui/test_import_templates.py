"""Every import page hands out an empty template with exactly the columns its importer reads; a filled-in
template imports; readers get neither the page nor the template."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from opvangregie.households.importers import HOUSEHOLD_COLUMNS, HOUSEHOLD_OPTIONAL, INCOME_COLUMNS, INCOME_OPTIONAL
from opvangregie.locations.importers import OPTIONAL, REQUIRED
from opvangregie.locations.models import OccupancySnapshot
from opvangregie.quotas.services import REALISATION_COLUMNS, REALISATION_OPTIONAL

pytestmark = pytest.mark.django_db

PAGES = [
    ("/gemeente/GM0397/import/", (*REQUIRED, *OPTIONAL)),
    ("/gemeente/GM0397/huishoudens/import/", (*HOUSEHOLD_COLUMNS, *HOUSEHOLD_OPTIONAL)),
    ("/gemeente/GM0397/huishoudens/inkomens/", (*INCOME_COLUMNS, *INCOME_OPTIONAL)),
    ("/gemeente/GM0397/statushouders/import/", (*REALISATION_COLUMNS, *REALISATION_OPTIONAL)),
]


@pytest.mark.parametrize(("url", "columns"), PAGES)
def test_the_template_has_the_importers_columns(login, url: str, columns: tuple[str, ...]) -> None:
    client = login("heemstede")
    assert 'id="import-template"' in client.get(url).content.decode()
    response = client.get(url, {"sjabloon": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-sjabloon.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    data = workbook.worksheets[0]
    assert [cell.value for cell in data[1]] == list(columns)
    assert data.max_row == 1  # no example rows that would be imported as data
    required = {row[0] for row in workbook["Toelichting"].iter_rows(min_row=2, values_only=True) if row[1] == "ja"}
    assert required <= set(columns)
    assert required


def test_a_filled_in_template_imports(login) -> None:
    client = login("heemstede")
    workbook = load_workbook(io.BytesIO(client.get("/gemeente/GM0397/import/", {"sjabloon": "xlsx"}).content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = dict.fromkeys(header, None) | {"locatie": "Kerklaan", "datum": "2025-11-05", "personen": 47}
    sheet.append([row[name] for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("tellingen.xlsx", buffer.getvalue())
    response = client.post("/gemeente/GM0397/import/", {"file": upload})
    assert response.status_code == 302
    assert OccupancySnapshot.objects.filter(location__name="Kerklaan", date="2025-11-05", persons=47).exists()


@pytest.mark.parametrize(("username", "status"), [("raadslid", 403), ("kennemerland", 403), ("haarlem", 404)])
@pytest.mark.parametrize("url", ["/gemeente/GM0397/import/", "/gemeente/GM0397/statushouders/import/"])
def test_readers_get_no_import_page_nor_template(login, username: str, status: int, url: str) -> None:
    client = login(username)
    assert client.get(url).status_code == status
    assert client.get(url, {"sjabloon": "xlsx"}).status_code == status
