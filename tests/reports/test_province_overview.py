"""The provincial overview: every municipality's status per reception duty from the database, sortable,
as .xlsx and .pdf opened again; only the province and national users see it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from opvangregie.areas.models import Municipality, Province
from opvangregie.core.ledger import PaceStatus
from opvangregie.locations.models import OccupancySnapshot
from opvangregie.reports.province import ProvinceRow, province_programmes, sorted_rows

ON = date(2025, 11, 1)


def noord_holland() -> Province:
    return Province.objects.get(name="Noord-Holland")


def url() -> str:
    return f"/provincie/{noord_holland().code}/overzicht/"


@pytest.mark.django_db
def test_heemstede_row_and_province_totals_come_from_the_selectors(users: dict) -> None:
    programmes = province_programmes(actor=users["noordholland"], province=noord_holland(), on=ON)
    assert len(programmes.rows) == 44
    heemstede = next(row for row in programmes.rows if row.municipality.code == "GM0397")
    assert (heemstede.ukrainian_target, heemstede.ukrainian_places, heemstede.ukrainian_persons) == (164, 169, 115)
    assert heemstede.ukrainian_gap == 5
    assert (heemstede.quota_demand, heemstede.quota_realised, heemstede.quota_balance) == (29, 18, -11)
    assert programmes.run is not None
    assert heemstede.asylum_task is not None
    assert heemstede.asylum_gap == (heemstede.asylum_counted or 0) - heemstede.asylum_task
    assert programmes.total("ukrainian_places") == sum(row.ukrainian_places for row in programmes.rows)
    assert programmes.total("quota_balance") == sum(row.quota_balance or 0 for row in programmes.rows)
    assert programmes.total("periods_behind") is None


@pytest.mark.django_db
def test_a_changed_count_changes_the_overview(users: dict) -> None:
    kerklaan = Municipality.objects.get(code="GM0397").locations.get(name="Kerklaan")
    OccupancySnapshot.objects.filter(location=kerklaan, date=ON).update(persons=50)
    programmes = province_programmes(actor=users["noordholland"], province=noord_holland(), on=ON)
    heemstede = next(row for row in programmes.rows if row.municipality.code == "GM0397")
    assert heemstede.ukrainian_persons == 117


def row(name: str, balance: int | None) -> ProvinceRow:
    return ProvinceRow(
        municipality=Municipality(name=name),
        ukrainian_target=None,
        ukrainian_places=0,
        ukrainian_persons=0,
        quota_demand=None if balance is None else 100,
        quota_realised=None if balance is None else 100 + balance,
        quota_status=PaceStatus.NO_DATA,
        periods_behind=0,
        asylum_task=None,
        asylum_counted=None,
    )


@given(
    st.lists(st.tuples(st.text(min_size=1, max_size=5), st.none() | st.integers(-50, 50)), max_size=30),
    st.booleans(),
)
def test_sorting_keeps_every_row_and_puts_unknown_values_last(items: list, descending: bool) -> None:
    rows = [row(name, balance) for name, balance in items]
    result = sorted_rows(rows, "quota_balance", descending=descending)
    assert sorted(id(r) for r in result) == sorted(id(r) for r in rows)
    known = [r.quota_balance for r in result if r.quota_balance is not None]
    assert known == sorted(known, reverse=descending)
    first_unknown = next((i for i, r in enumerate(result) if r.quota_balance is None), len(result))
    assert all(r.quota_balance is None for r in result[first_unknown:])


@pytest.mark.django_db
def test_the_page_sorts_by_a_column_heading(login) -> None:
    client = login("noordholland")
    page = client.get(url(), {"datum": "2025-11-01", "sorteer": "quota_balance", "richting": "oplopend"})
    html = page.content.decode()
    assert 'aria-sort="ascending" data-key="quota_balance"' in html
    rows = page.context["rows"]
    balances = [r.quota_balance for r in rows if r.quota_balance is not None]
    assert balances == sorted(balances)
    assert "richting=aflopend" in html  # clicking the current column again reverses it
    reverse = client.get(url(), {"datum": "2025-11-01", "sorteer": "quota_balance", "richting": "aflopend"})
    assert reverse.context["rows"][0].quota_balance == max(balances)
    assert client.get(url(), {"sorteer": "bogus", "richting": "x"}).status_code == 200


@pytest.mark.django_db
def test_excel_export_has_the_rows_totals_reference_date_and_source(login) -> None:
    response = login("noordholland").get(url(), {"datum": "2025-11-01", "export": "xlsx"})
    assert response["Content-Disposition"].endswith('provinciaal-overzicht-PV27-2025-11-01.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][:2] == ("Peildatum", values[1][1])
    assert values[1][1].date() == ON
    assert values[2][0] == "Bron"
    header = next(i for i, v in enumerate(values) if v[0] == "Gemeente")
    assert values[header][1] == "Oekraïense ontheemden: Taakstelling (plekken)"
    heemstede = next(v for v in values if v[0] == "Heemstede")
    assert heemstede[1:8] == (164, 169, 115, 5, 29, 18, -11)
    total = values[-1]
    assert total[0] == "Totaal Noord-Holland"
    assert total[2] == sum(v[2] for v in values[header + 1 : -1])


@pytest.mark.django_db
def test_pdf_export_lists_every_municipality_on_numbered_landscape_pages(login) -> None:
    response = login("noordholland").get(url(), {"datum": "2025-11-01", "export": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    for number, text in enumerate(pages, start=1):
        assert f"Noord-Holland · 1 november 2025 · {number} / {len(pages)}" in text
    text = "\n".join(pages)
    assert "Heemstede 164 169 115 +5 29 18 -11" in text
    assert all(name in text for name in ("Aalsmeer", "Zaanstad", "Totaal Noord-Holland"))


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["heemstede", "haarlem", "raadslid", "kennemerland"])
def test_municipalities_and_regions_do_not_see_the_provincial_overview(login, username: str) -> None:
    client = login(username)
    assert client.get(url()).status_code == 404
    assert client.get(url(), {"export": "xlsx"}).status_code == 404
    assert client.get(url(), {"export": "pdf"}).status_code == 404


@pytest.mark.django_db
def test_national_users_see_it_and_the_province_page_links_to_it(login) -> None:
    assert login("rijk").get(url()).status_code == 200
    province_page = login("noordholland").get(f"/provincie/{noord_holland().code}/").content.decode()
    assert 'id="province-overview-link"' in province_page
