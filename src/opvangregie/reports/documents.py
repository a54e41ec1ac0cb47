"""The council letter as a Word document (python-docx): real headings and tables, the municipality's
name and "pagina X van Y" in the footer. Every number comes from the assembled :class:`CouncilLetter`."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from opvangregie.locations.selectors import Overview
from opvangregie.quotas.letters import dutch_date
from opvangregie.reports.selectors import CouncilLetter


def _field(run: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) inside ``run``; Word fills in the number when it shows the page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    begin, text, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, end):
        run._r.append(element)


def _table(document: Any, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)


def _occupancy_rows(overview: Overview, total_label: str) -> list[list[object]]:
    rows: list[list[object]] = []
    for row in overview.rows:
        name = row.location.name
        if row.out_of_use_reason:
            since = f" vanaf {dutch_date(row.out_of_use_since)}" if row.out_of_use_since else ""
            name += f" (buiten gebruik: {row.out_of_use_reason}{since})"
        rows.append([name, row.figures.places, row.figures.persons])
    rows.append([total_label, overview.totals.places, overview.totals.persons])
    return rows


def _address(address: str) -> str:
    return f" ({address})" if address else ""


def _paragraphs(document: Any, text: str) -> None:
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if paragraph:
            document.add_paragraph(paragraph)


def council_letter_docx(letter: CouncilLetter) -> bytes:
    from docx import Document
    from docx.shared import Pt

    name = letter.municipality.name
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run(f"Gemeente {name} · raadsinformatiebericht {letter.quarter} · pagina ")
    _field(footer.add_run(), "PAGE")
    footer.add_run(" van ")
    _field(footer.add_run(), "NUMPAGES")

    document.add_heading(f"Raadsinformatiebericht gemeente {name}", level=0)
    _table(
        document,
        ["Onderdeel", "Gegevens"],
        [
            ["Onderwerp", f"Opvang Oekraïense ontheemden, asielzoekers en statushouders, {letter.quarter}"],
            ["Peildatum cijfers", dutch_date(letter.on)],
            ["Team", letter.settings.team or "–"],
            ["Portefeuillehouder(s)", letter.settings.portfolio_holders or "–"],
            ["Openbaarheid", letter.settings.publicity],
        ],
    )

    document.add_heading("Opvang Oekraïense ontheemden", level=1)
    overview = letter.ukrainian
    _table(
        document,
        ["Locatie", "Plekken", "Personen"],
        [
            *_occupancy_rows(overview, f"Totaal {name}"),
            ["Taakstelling", "–" if overview.target is None else overview.target, ""],
        ],
    )
    if overview.totals.locations_in_use and overview.totals.free_places == 0:
        document.add_paragraph(
            "Hoeveel plekken werkelijk bezet kunnen worden, hangt af van de gezinssamenstelling per kamer. "
            "Op dit moment zijn er geen plekken beschikbaar."
        )
    if letter.households_paragraph:
        document.add_paragraph(letter.households_paragraph)
    if letter.usable_footnote:
        document.add_paragraph(letter.usable_footnote)
    _paragraphs(document, letter.texts["ukrainian"])

    if letter.news:
        document.add_heading("Locaties", level=1)
        for item in letter.news:
            document.add_heading(item.location.name + _address(item.location.address), level=2)
            for change in item.status_changes:
                document.add_paragraph(
                    f"{dutch_date(change.effective_date)}: {change.get_status_display()}"
                    + (f" ({change.reason})" if change.reason else ""),
                    style="List Bullet",
                )
            for event in item.events:
                document.add_paragraph(f"{dutch_date(event.date)}: {event.title}", style="List Bullet")
        _paragraphs(document, letter.texts["locations"])

    document.add_heading("Asielzoekers en alleenstaande minderjarige vreemdelingen", level=1)
    for title, group in (("AMV", letter.amv), ("Asiel", letter.asylum)):
        if group.rows:
            _table(document, [f"Locatie ({title})", "Plekken", "Personen"], _occupancy_rows(group, "Totaal"))
    _paragraphs(document, letter.texts["asylum"])

    document.add_heading("Huisvesting statushouders", level=1)
    if letter.ledger_rows:
        _table(
            document,
            ["Halfjaar", "Taakstelling", "Achterstand", "Opgave", "Gerealiseerd", "Resterend"],
            [
                [
                    str(row.line.period),
                    row.line.quota,
                    row.line.backlog_in,
                    row.line.demand,
                    row.line.realised,
                    max(0, -row.line.balance),
                ]
                for row in letter.ledger_rows
            ],
        )
        document.add_paragraph(f"Stand per {dutch_date(letter.on)}.")
    if letter.province:
        document.add_paragraph(
            f"In het halfjaar {letter.province.period} haalden {letter.province.behind} van de "
            f"{letter.province.municipalities} gemeenten in {letter.municipality.province.name} hun taakstelling niet."
        )
    _paragraphs(document, letter.texts["status_holders"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def council_letter_html(letter: CouncilLetter) -> str:
    """The same letter as a standalone HTML page (the web preview and the source of the PDF)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("nl"):
        return render_to_string(
            "reports/council_letter.html",
            {"letter": letter, "letter_groups": [("AMV", letter.amv), ("Asiel", letter.asylum)]},
        )
