"""The council letter: every number from the database, reopened from .docx and HTML; who may produce it."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from pypdf import PdfReader

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import PermissionDenied
from opvangregie.core.periods import Quarter
from opvangregie.locations.models import OccupancySnapshot
from opvangregie.quotas.models import Realisation
from opvangregie.reports.documents import council_letter_docx, council_letter_html, council_letter_pdf
from opvangregie.reports.models import TextBlock
from opvangregie.reports.selectors import council_letter

pytestmark = pytest.mark.django_db
Q4 = Quarter(2025, 4)


def heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def tables(content: bytes) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(io.BytesIO(content)).tables]


PORTFOLIO_HOLDERS = "burgemeester (openbare orde en veiligheid); wethouder Sociaal Domein; wethouder Wonen"
LETTER_TYPES = (
    "☒ Ter informatie/update  ☐ Beantwoording schriftelijke vragen  ☐ Toezeggingen/actielijst commissie of raad  "
    "☐ Overige"
)


def test_heemstede_q4_2025_reproduces_the_tables_of_the_real_letter(users: dict) -> None:
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    assert letter.on == date(2025, 11, 1)
    header, ukrainian, amv, ledger, _forward = tables(council_letter_docx(letter))
    assert header[1] == ["Soort bericht", LETTER_TYPES]
    assert header[2] == ["Vergaderdatum", "11 november 2025"]
    assert header[4] == ["Zaaknummer", "1343959"]
    assert header[5] == ["Peildatum cijfers", "1 november 2025"]
    assert header[6:] == [
        ["Team", "Welzijnszaken"],
        [
            "Portefeuillehouder(s)",
            "burgemeester (openbare orde en veiligheid); wethouder Sociaal Domein; wethouder Wonen",
        ],
        ["Openbaarheid", "Actief openbaar"],
    ]
    assert ukrainian[-2:] == [["Totaal Heemstede", "169", "115"], ["Taakstelling", "164", ""]]
    assert ["Kerklaan", "70", "48"] in ukrainian
    assert amv[1] == ["Heemsteedse Dreef", "16", "13"]
    assert ledger[1:] == [["2025-H1", "22", "7", "29", "21", "8"], ["2025-H2", "21", "8", "29", "18", "11"]]
    document = Document(io.BytesIO(council_letter_docx(letter)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "36 van de 44 gemeenten in Noord-Holland" in text
    assert "Klankbordgroep, tweede bijeenkomst" in text
    assert (
        "Op 1 oktober 2025 verblijven 127 Oekraïners in Heemstede: 15 in particuliere en 112 in gemeentelijke "
        "opvang. 14 huishoudens ontvangen leefgeld (3 particulier, 11 gemeentelijk), van wie 3 met "
        "pensioengerechtigde leeftijd. 47 huishoudens betalen een eigen bijdrage."
    ) in text
    assert "127 Oekraïners" in council_letter_html(letter)
    assert "Op 1 november 2025: van de 169 bedden in de kamers zijn er 54 vrij; 49 daarvan staan in kamers" in text
    assert "Bruikbare vrije plekken: 5." in text  # the same figure as the table's and the dashboard's
    status = "Stand per 1 november 2025. Er zijn op die datum 5 bruikbare vrije plekken."
    assert status in text
    assert status in council_letter_html(letter)
    assert letter.ukrainian.totals.free_places == 5  # the dashboard's overview, the same selector
    assert "0 lege kamers voor gezinnen" in council_letter_html(letter)
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "Heemstede" in footer
    assert "PAGE" in footer
    assert "NUMPAGES" in footer


def test_the_letter_looks_ahead_and_lists_the_agenda(users: dict) -> None:
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    forward = tables(council_letter_docx(letter))[-1]
    assert forward[0] == [
        "Doelgroep",
        "Kwartaal",
        "Plekken",
        "Waarvan verwacht",
        "Taakstelling",
        "Plekken min taakstelling",
    ]
    ukrainian = [row for row in forward[1:] if row[0] == "Oekraïense ontheemden"]
    assert len(ukrainian) == 8
    assert ukrainian[0] == ["Oekraïense ontheemden", "2025-Q4 (t/m 31 december 2025)", "169", "0", "164", "+5"]
    assert ukrainian[6][2:] == ["217", "48", "164", "+53"]  # Princehof's 48 places expected from 1 June 2027
    amv = [row for row in forward[1:] if row[0] == "AMV"]
    assert len(amv) == 8
    assert {row[4] for row in amv} == {"geen gegevens"}
    text = "\n".join(p.text for p in Document(io.BytesIO(council_letter_docx(letter))).paragraphs)
    assert "Agenda komende 90 dagen" in text
    assert "26 januari 2026: Einde bezwaartermijn omgevingsvergunning – Princehof (verwacht)" in text
    html = council_letter_html(letter)
    assert "Verwachting komende kwartalen" in html
    assert "26 januari 2026: Einde bezwaartermijn omgevingsvergunning – Princehof (verwacht)" in html


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def chart_descriptions(content: bytes) -> list[str]:
    return [shape._inline.docPr.get("descr") for shape in Document(io.BytesIO(content)).inline_shapes]


@pytest.mark.engine_agnostic  # the form of the files; the figures are checked on both engines
def test_the_pdf_has_the_tables_and_numbered_pages(users: dict) -> None:
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    pages = pdf_pages(council_letter_pdf(letter))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Gemeente Heemstede · raadsinformatiebericht 2025-Q4 · pagina {number} van {len(pages)}" in text
    text = "\n".join(pages)
    assert "Totaal Heemstede 169 115" in text
    assert "Taakstelling 164" in text
    assert "Heemsteedse Dreef 16 13" in text
    assert "2025-H1 22 7 29 21 8" in text
    assert "2025-H2 21 8 29 18 11" in text


@pytest.mark.engine_agnostic  # the form of the files; the figures are checked on both engines
def test_charts_of_occupancy_and_quota_progress_are_in_every_format(users: dict) -> None:
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    occupancy, quota = chart_descriptions(council_letter_docx(letter))
    assert "op 1 november 2025 169 plekken en 115 personen" in occupancy
    assert "2025-H1: opgave 29, gerealiseerd 21; 2025-H2: opgave 29, gerealiseerd 18" in quota
    html = council_letter_html(letter)
    assert re.search(r'<figure id="chart-occupancy"><img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]{1000,}"', html)
    assert 'id="chart-quota"' in html
    pdf_text = "\n".join(pdf_pages(council_letter_pdf(letter)))
    assert "Plekken en personen Oekraïense opvang, 1 november 2024 tot 1 november 2025" in pdf_text
    assert "Taakstelling statushouders per halfjaar, stand per 1 november 2025" in pdf_text


def test_a_changed_count_changes_the_letter(users: dict) -> None:
    kerklaan = heemstede().locations.get(name="Kerklaan")
    OccupancySnapshot.objects.filter(location=kerklaan, date=date(2025, 11, 1)).update(persons=50)
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    content = council_letter_docx(letter)
    ukrainian = tables(content)[1]
    assert ukrainian[-2] == ["Totaal Heemstede", "169", "117"]
    assert "169 plekken en 117 personen" in chart_descriptions(content)[0]
    html = council_letter_html(letter)
    assert re.search(r'id="letter-total-persons">117<', html)
    assert "Totaal Heemstede 169 117" in "\n".join(pdf_pages(council_letter_pdf(letter)))


def test_a_new_realisation_changes_the_quota_table_and_chart(users: dict) -> None:
    Realisation.objects.create(municipality=heemstede(), date=date(2025, 10, 15), persons=3)
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    content = council_letter_docx(letter)
    assert tables(content)[3][-1] == ["2025-H2", "21", "8", "29", "21", "8"]
    assert "2025-H2: opgave 29, gerealiseerd 21" in chart_descriptions(content)[1]


def test_text_blocks_carry_over_from_the_previous_quarter(users: dict) -> None:
    TextBlock.objects.create(
        municipality=heemstede(), quarter="2025-Q3", section="ukrainian", text="Alle locaties zijn vol."
    )
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    assert letter.texts["ukrainian"] == "Alle locaties zijn vol."
    TextBlock.objects.create(
        municipality=heemstede(), quarter="2025-Q4", section="ukrainian", text="Nieuw dit kwartaal."
    )
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    assert "Nieuw dit kwartaal." in "\n".join(
        p.text for p in Document(io.BytesIO(council_letter_docx(letter))).paragraphs
    )


@pytest.mark.parametrize("username", ["haarlem", "kennemerland", "noordholland", "coa", "raadslid"])
def test_a_municipality_cannot_produce_another_municipalitys_letter(users: dict, username: str) -> None:
    with pytest.raises(PermissionDenied):
        council_letter(actor=users[username], municipality=heemstede(), quarter=Q4)


@pytest.mark.engine_agnostic  # the form of the files; the figures are checked on both engines
def test_the_batch_command_writes_docx_and_html(tmp_path: Path) -> None:
    out = io.StringIO()
    docx_file = tmp_path / "brief.docx"
    call_command(
        "report",
        "council-letter",
        "--municipality",
        "GM0397",
        "--quarter",
        "2025-Q4",
        "--output",
        str(docx_file),
        stdout=out,
    )
    assert tables(docx_file.read_bytes())[1][-2] == ["Totaal Heemstede", "169", "115"]
    html_file = tmp_path / "brief.html"
    call_command(
        "report",
        "council-letter",
        "--municipality",
        "GM0397",
        "--quarter",
        "2025-Q4",
        "--format",
        "html",
        "--output",
        str(html_file),
        "--user",
        "heemstede",
        stdout=out,
    )
    assert 'id="letter-target">164<' in html_file.read_text(encoding="utf-8")
    pdf_file = tmp_path / "brief.pdf"
    call_command(
        "report", "council-letter", "--municipality", "GM0397", "--quarter", "2025-Q4", "--format", "pdf",
        "--output", str(pdf_file), stdout=out,
    )  # fmt: skip
    assert "Taakstelling 164" in "\n".join(pdf_pages(pdf_file.read_bytes()))
    with pytest.raises(CommandError, match="toegang"):
        call_command(
            "report",
            "council-letter",
            "--municipality",
            "GM0397",
            "--quarter",
            "2025-Q4",
            "--output",
            str(html_file),
            "--user",
            "haarlem",
            stdout=out,
        )
    with pytest.raises(CommandError, match="kwartaal"):
        call_command(
            "report",
            "council-letter",
            "--municipality",
            "GM0397",
            "--quarter",
            "2025-H2",
            "--output",
            str(html_file),
            stdout=out,
        )
