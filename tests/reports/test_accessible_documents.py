"""The council letter and the provincial overview as accessible documents: Word on A4 in Dutch by the
municipality with tables sized to their content, PDF tagged (PDF/UA-1) with language and title."""

from __future__ import annotations

import pytest

from opvangregie.areas.models import Municipality, Province
from opvangregie.core.periods import Quarter
from opvangregie.reports.documents import council_letter_docx, council_letter_pdf
from opvangregie.reports.selectors import council_letter
from opvangregie.ui.word import column_widths, text_width_cm
from tests.documents import assert_a4_dutch_docx, assert_sized_table, assert_tagged_pdf, column_widths_cm

# the form of the files; their figures are checked on both engines
pytestmark = [pytest.mark.django_db, pytest.mark.engine_agnostic]
TITLE = "Raadsinformatiebericht gemeente Heemstede 2025-Q4"


def letter(users: dict):  # type: ignore[no-untyped-def]
    heemstede = Municipality.objects.get(code="GM0397")
    return council_letter(actor=users["heemstede"], municipality=heemstede, quarter=Quarter(2025, 4))


def test_the_word_letter_is_a4_dutch_and_by_the_municipality(users: dict) -> None:
    document = assert_a4_dutch_docx(council_letter_docx(letter(users)), author="Gemeente Heemstede", title=TITLE)
    header, ukrainian, amv, ledger, _forward = document.tables
    assert_sized_table(document, header, numeric=[])
    assert_sized_table(document, ukrainian, numeric=[1, 2])
    assert_sized_table(document, amv, numeric=[1, 2])
    assert_sized_table(document, ledger, numeric=[1, 2, 3, 4, 5])
    label, places, persons = column_widths_cm(ukrainian)
    assert label > 2 * places
    assert max(places, persons) < 3  # "Plekken" and "Personen": just room for their header word


def test_the_pdf_letter_is_tagged_with_language_and_title(users: dict) -> None:
    assert_tagged_pdf(council_letter_pdf(letter(users)), title=TITLE, author="Gemeente Heemstede")


def test_the_provincial_overview_pdf_is_tagged_with_language_and_title(login) -> None:
    province = Province.objects.get(name="Noord-Holland")
    response = login("noordholland").get(f"/provincie/{province.code}/overzicht/", {"export": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert_tagged_pdf(response.content, title="Provinciaal overzicht Noord-Holland", author="Provincie Noord-Holland")


def test_columns_fit_their_content_and_only_long_text_wraps() -> None:
    headers = ["Locatie", "Plekken", "Gerealiseerd"]
    short = [["Kerklaan", "70", "21"]]
    widths = column_widths(headers, short, 17.0)
    assert sum(widths) < 10  # as narrow as the content, not the page
    assert widths[2] > text_width_cm("Gerealiseerd", bold=True)
    long = [["Glipperweg, buiten gebruik wegens sloop vanaf 27 oktober 2025 " * 3, "70", "21"]]
    wrapped = column_widths(headers, long, 17.0)
    assert sum(wrapped) == pytest.approx(17.0, abs=0.01)  # the long text wraps within the page
    assert wrapped[1:] == widths[1:]  # the numeric columns keep the room for their header word
    crowded = column_widths(["Taakstelling"] * 10, [], 17.0)
    assert sum(crowded) == pytest.approx(17.0)  # more columns than fit: shrunk alike, never wider than the page
    assert len(set(crowded)) == 1
