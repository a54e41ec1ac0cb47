"""The council letter as Word (python-docx: real headings, tables and charts, the municipality's name and
"pagina X van Y" in the footer), as HTML (the web preview) and as PDF (WeasyPrint from that same HTML).
Every number comes from the assembled :class:`CouncilLetter`."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

from opvangregie.locations.selectors import Overview
from opvangregie.quotas.letters import dutch_date
from opvangregie.reports.selectors import CouncilLetter
from opvangregie.ui.charts import ChartFormat, QuotaBar, occupancy_chart, quota_chart
from opvangregie.ui.word import add_table, new_document


@dataclass(frozen=True, slots=True)
class LetterChart:
    """A chart of the letter with its caption and a text alternative that states its figures."""

    caption: str
    alt: str
    content: bytes
    fmt: ChartFormat

    @property
    def data_uri(self) -> str:
        mime = "image/svg+xml" if self.fmt == "svg" else "image/png"
        return f"data:{mime};base64,{base64.b64encode(self.content).decode('ascii')}"


def letter_title(letter: CouncilLetter) -> str:
    """The document title (Word core properties, HTML ``<title>`` and so the PDF's)."""
    return f"Raadsinformatiebericht gemeente {letter.municipality.name} {letter.quarter}"


def letter_charts(letter: CouncilLetter, fmt: ChartFormat) -> dict[str, LetterChart]:
    """The occupancy chart (Ukrainian places and persons over the year) and the quota chart (per half-year)."""
    charts: dict[str, LetterChart] = {}
    points = letter.ukrainian_series
    if points and any(p.places or p.persons for p in points):
        last = points[-1]
        charts["occupancy"] = LetterChart(
            caption=f"Plekken en personen Oekraïense opvang, {dutch_date(points[0].on)} tot {dutch_date(last.on)}",
            alt=(
                f"Lijngrafiek van plekken en personen in de opvang van Oekraïense ontheemden in "
                f"{letter.municipality.name}; op {dutch_date(last.on)} {last.places} plekken en "
                f"{last.persons or 0} personen."
            ),
            content=occupancy_chart(points, places_label="Plekken", persons_label="Personen", fmt=fmt),
            fmt=fmt,
        )
    lines = letter.quota_lines
    if lines:
        charts["quota"] = LetterChart(
            caption=f"Taakstelling statushouders per halfjaar, stand per {dutch_date(letter.on)}",
            alt="Staafgrafiek van de opgave (taakstelling met achterstand) en het aantal gehuisveste statushouders: "
            + "; ".join(f"{line.period}: opgave {line.demand}, gerealiseerd {line.realised}" for line in lines)
            + ".",
            content=quota_chart(
                [QuotaBar(str(line.period), line.demand, line.realised) for line in lines],
                demand_label="Opgave (incl. achterstand)",
                realised_label="Gerealiseerd",
                fmt=fmt,
            ),
            fmt=fmt,
        )
    return charts


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


def _chart(document: Any, chart: LetterChart | None) -> None:
    from docx.shared import Cm

    if chart is None:
        return
    document.add_picture(io.BytesIO(chart.content), width=Cm(16))
    document.inline_shapes[-1]._inline.docPr.set("descr", chart.alt)  # the text alternative Word reads out
    document.add_paragraph(chart.caption, style="Caption")


def _forward_sections(document: Any, letter: CouncilLetter) -> None:
    """ "Verwachting komende kwartalen" and "Agenda komende 90 dagen"."""
    if letter.forward_rows:
        document.add_heading("Verwachting komende kwartalen", level=1)
        add_table(document, list(letter.FORWARD_HEADER), letter.forward_rows)
        document.add_paragraph(letter.forward_note)
    document.add_heading("Agenda komende 90 dagen", level=1)
    for day, what in letter.agenda_rows:
        document.add_paragraph(f"{day}: {what}", style="List Bullet")
    if not letter.agenda_rows:
        document.add_paragraph("Geen datums in de komende 90 dagen.")


def _support_sections(document: Any, letter: CouncilLetter) -> None:
    """ "Werk en inkomen" and "Mentaal welzijn": the programmes' figures in sentences and the officer's text."""
    for _id, title, sentences, text in letter.support_sections:
        document.add_heading(title, level=1)
        for sentence in sentences:
            document.add_paragraph(sentence, style="List Bullet")
        _paragraphs(document, text)


def _location_news(document: Any, letter: CouncilLetter) -> None:
    """Per location: the quarter's status changes, events, decisions and communications."""
    if not letter.news:
        return
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
        for line in item.log:
            until = f" – {dutch_date(line.until)}" if line.until and line.until != line.on else ""
            document.add_paragraph(f"{dutch_date(line.on)}{until}: {line.text}", style="List Bullet")
    _paragraphs(document, letter.texts["locations"])


def council_letter_docx(letter: CouncilLetter) -> bytes:
    charts = letter_charts(letter, "png")

    name = letter.municipality.name
    document = new_document(author=f"Gemeente {name}", title=letter_title(letter))
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run(f"Gemeente {name} · raadsinformatiebericht {letter.quarter} · pagina ")
    _field(footer.add_run(), "PAGE")
    footer.add_run(" van ")
    _field(footer.add_run(), "NUMPAGES")

    document.add_heading(f"Raadsinformatiebericht gemeente {name}", level=0)
    add_table(document, ["Onderdeel", "Gegevens"], [list(row) for row in letter.header_rows])

    document.add_heading("Opvang Oekraïense ontheemden", level=1)
    overview = letter.ukrainian
    add_table(
        document,
        ["Locatie", "Plekken", "Personen"],
        [
            *_occupancy_rows(overview, f"Totaal {name}"),
            ["Taakstelling", "–" if overview.target is None else overview.target, ""],
        ],
    )
    document.add_paragraph(letter.ukrainian_status)
    if letter.households_paragraph:
        document.add_paragraph(letter.households_paragraph)
    if letter.usable_footnote:
        document.add_paragraph(letter.usable_footnote)
    _chart(document, charts.get("occupancy"))
    _paragraphs(document, letter.texts["ukrainian"])
    _support_sections(document, letter)
    _location_news(document, letter)

    document.add_heading("Asielzoekers en alleenstaande minderjarige vreemdelingen", level=1)
    for title, group in (("AMV", letter.amv), ("Asiel", letter.asylum)):
        if group.rows:
            add_table(document, [f"Locatie ({title})", "Plekken", "Personen"], _occupancy_rows(group, "Totaal"))
    if letter.amv.rows or letter.asylum.rows:
        document.add_paragraph(f"Stand per {dutch_date(letter.on)}.")
    _paragraphs(document, letter.texts["asylum"])

    document.add_heading("Huisvesting statushouders", level=1)
    if letter.ledger_rows:
        add_table(
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
    _chart(document, charts.get("quota"))
    if letter.province:
        document.add_paragraph(
            f"In het halfjaar {letter.province.period} haalden {letter.province.behind} van de "
            f"{letter.province.municipalities} gemeenten in {letter.municipality.province.name} hun taakstelling niet."
        )
    if letter.pipeline:
        document.add_paragraph(letter.pipeline)
    _paragraphs(document, letter.texts["status_holders"])
    _forward_sections(document, letter)
    if letter.attachments:
        document.add_heading("Bijlagen", level=1)
        for attachment in letter.attachments:
            document.add_paragraph(attachment.title, style="List Number")
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
            {
                "letter": letter,
                "title": letter_title(letter),
                "letter_groups": [("AMV", letter.amv), ("Asiel", letter.asylum)],
                "charts": letter_charts(letter, "svg"),
            },
        )


def council_letter_pdf(letter: CouncilLetter) -> bytes:
    """The letter as PDF, typeset by WeasyPrint from the HTML preview (page numbers from its ``@page`` rules)."""
    return html_to_pdf(council_letter_html(letter))


def html_to_pdf(html: str) -> bytes:
    """A standalone HTML document (no external resources) as tagged PDF (PDF/UA-1), the one WeasyPrint call
    of every PDF: structure tags, the language of ``<html lang>`` and the title of ``<title>``."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
