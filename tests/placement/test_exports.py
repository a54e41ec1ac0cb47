"""Excel exports of the waiting list and the usable places, opened again: numbers, reference date, source,
and no household references for readers who may not see them."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from opvangregie.households.models import ReceptionRequest, RequestStatus

pytestmark = pytest.mark.django_db


def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def table(rows: list[tuple], first_header: str) -> tuple[tuple, list[tuple]]:
    start = next(i for i, row in enumerate(rows) if row[0] == first_header)
    return rows[start], rows[start + 1 :]


def test_waiting_list_export_has_every_open_request_with_its_clock(login) -> None:
    response = login("heemstede").get("/gemeente/GM0397/wachtlijst/", {"formaat": "xlsx"})
    assert response["Content-Disposition"].startswith('attachment; filename="wachtlijst-GM0397-')
    rows = sheet_rows(response.content)
    assert rows[2][0] == "Bron"
    header, body = table(rows, "Gemeente")
    assert header[-1] == "Uren over (uur)"
    open_requests = ReceptionRequest.objects.filter(municipality__code="GM0397", status=RequestStatus.OPEN)
    assert sorted(row[1] for row in body) == sorted(r.household.reference for r in open_requests)
    assert all(row[7] in {"loopt", "te laat", "op tijd aangeboden", "te laat aangeboden"} for row in body)


def test_council_members_export_the_waiting_list_without_references(login) -> None:
    response = login("raadslid").get("/gemeente/GM0397/wachtlijst/", {"formaat": "xlsx"})
    _, body = table(sheet_rows(response.content), "Gemeente")
    assert body
    assert all(row[1] is None for row in body)


def test_usable_places_export_adds_up_to_the_page(login) -> None:
    response = login("heemstede").get("/gemeente/GM0397/plaatsing/", {"formaat": "xlsx"})
    header, body = table(sheet_rows(response.content), "Locatie")
    assert header[1:8] == ("Plekken (plekken)", "Personen (personen)", "Bruikbare vrije plekken (plekken)",
                           "Bedden (bedden)", "Bewoners in kamers (personen)", "Vrije bedden (bedden)",
                           "Niet bruikbaar (bedden)")  # fmt: skip
    total = body[-1]
    assert total[:8] == ("Totaal Heemstede", 169, 115, 5, 169, 115, 54, 49)
    assert total[3] == total[6] - total[7]  # usable free places = free beds minus the beds nobody new may use
    for column in range(2, len(header)):
        assert total[column] == sum(row[column] for row in body[:-1])


def test_other_municipalities_cannot_export_heemstedes_tables(login) -> None:
    client = login("haarlem")
    assert client.get("/gemeente/GM0397/wachtlijst/", {"formaat": "xlsx"}).status_code == 404
    assert client.get("/gemeente/GM0397/plaatsing/", {"formaat": "xlsx"}).status_code == 404
