"""Checks on the generated documents, reopened from their bytes: Word (page, core properties, language,
tables) and PDF (tags, language, title)."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from pypdf import PdfReader

A4 = (Cm(21.0), Cm(29.7))


def open_docx(content: bytes) -> Any:
    return Document(io.BytesIO(content))


def assert_a4_dutch_docx(content: bytes, *, author: str, title: str) -> Any:
    """Every section A4 portrait with margins, the author and title in the core properties, Dutch throughout."""
    document = open_docx(content)
    for section in document.sections:
        assert abs(section.page_width - A4[0]) <= Mm(1)
        assert abs(section.page_height - A4[1]) <= Mm(1)
        assert Cm(1.5) <= min(section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    properties = document.core_properties
    assert (properties.author, properties.title, properties.language) == (author, title, "nl-NL")
    assert "python-docx" not in f"{properties.author} {properties.last_modified_by} {properties.comments}"
    lang = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    assert lang.get(qn("w:val")) == "nl-NL"
    return document


def column_widths_cm(table: Any) -> list[float]:
    return [column.width.cm for column in table.columns]


def right_aligned(cell: Any) -> bool:
    return cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def assert_sized_table(document: Any, table: Any, *, numeric: list[int]) -> None:
    """A fixed-layout table within the text width, its header row repeated on every page, the columns in
    ``numeric`` right-aligned (header included) and the others not, and every column wide enough for the
    words of its header (0.2 cm a character is less than any bold 11 pt font needs)."""
    section = document.sections[-1]
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    widths = column_widths_cm(table)
    assert sum(widths) <= (section.page_width - section.left_margin - section.right_margin) / Cm(1) + 0.01
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    for index, (header, width) in enumerate(zip(table.rows[0].cells, widths, strict=True)):
        assert width >= max(len(word) for word in header.text.split()) * 0.2 + 0.38, header.text
        assert all(right_aligned(row.cells[index]) == (index in numeric) for row in table.rows), header.text
        assert all(abs(row.cells[index].width.cm - width) < 0.01 for row in table.rows)


def assert_tagged_pdf(content: bytes, *, title: str, author: str) -> None:
    """A tagged PDF (PDF/UA-1) in Dutch with ``title`` and ``author`` in the document info and the XMP."""
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/StructTreeRoot"].get_object()["/K"]  # the tags are there, not just their root
    assert str(catalog["/Lang"]).startswith("nl")
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata is not None
    assert (reader.metadata.title, reader.metadata.author) == (title, author)
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": title}
    assert b'pdfuaid:part="1"' in xmp.stream.get_data()


def body(response: Any) -> bytes:
    """A response's body, whether sent at once or streamed (the Excel exports stream: ui.params.xlsx_download)."""
    return b"".join(response.streaming_content) if response.streaming else bytes(response.content)
