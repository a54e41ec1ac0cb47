"""The council letter completed (issue 18, item 5): the letter type check boxes, the attachments, the
status-holder pipeline line, and the demo's header as in Heemstede's letter of 11 November 2025; each read back
from the .docx and the .pdf."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from pypdf import PdfReader

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import PermissionDenied, ValidationError
from opvangregie.core.periods import Quarter
from opvangregie.quotas.services import RealisationInput, realisation_record
from opvangregie.reports.documents import council_letter_docx, council_letter_pdf
from opvangregie.reports.models import LetterAttachment, LetterHeader
from opvangregie.reports.selectors import council_letter
from opvangregie.reports.services import AttachmentFile, attachment_add, letter_quarter_save

pytestmark = pytest.mark.django_db

Q4 = Quarter.parse("2025-Q4")
PIPELINE = (
    "In november staat een koppeling voor 4 personen gepland en een plaatsing van 1 persoon op de "
    "doorstroomlocatie aan de Glipperweg. Voor 1 januari 2026 dient er nog huisvesting gerealiseerd te worden "
    "voor 6 personen."
)


def heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(content: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pipeline_line_of_the_seed_letter_in_word_and_pdf(users: dict[str, Any]) -> None:
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    assert letter.pipeline == PIPELINE
    assert PIPELINE in _docx_text(council_letter_docx(letter))
    assert "doorstroomlocatie aan de Glipperweg" in " ".join(_pdf_text(council_letter_pdf(letter)).split())


def test_the_pipeline_follows_the_planned_realisations(users: dict[str, Any]) -> None:
    """A match planned in December is a second sentence; what is still to find drops by its persons."""
    realisation_record(
        actor=users["heemstede"],
        municipality=heemstede(),
        data=RealisationInput(on=date(2025, 12, 8), persons=2, planned=True),
    )
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    assert "In december staat een koppeling voor 2 personen gepland." in letter.pipeline
    assert letter.pipeline.endswith("voor 4 personen.")


@pytest.mark.engine_agnostic  # the form of the files; the figures are checked on both engines
def test_letter_types_and_attachments_are_in_every_format(users: dict[str, Any]) -> None:
    officer = users["heemstede"]
    letter_quarter_save(
        actor=officer,
        municipality=heemstede(),
        quarter=Q4,
        texts={},
        meeting_date=date(2025, 11, 11),
        case_number="1343959",
        letter_types={"type_information", "type_commitments"},
    )
    attachment_add(actor=officer, municipality=heemstede(), quarter=Q4, title="Evaluatie Verhoogde Betrokkenheid")
    attachment_add(
        actor=officer,
        municipality=heemstede(),
        quarter=Q4,
        title="Kaart Princehof",
        file=AttachmentFile("kaart.pdf", "application/pdf", b"%PDF-1.4 kaart"),
    )
    letter = council_letter(actor=officer, municipality=heemstede(), quarter=Q4)
    assert letter.letter_types.startswith(
        "☒ Ter informatie/update  ☐ Beantwoording schriftelijke vragen  ☒ Toezeggingen"
    )
    word = _docx_text(council_letter_docx(letter))
    assert "☒ Toezeggingen/actielijst commissie of raad" in word
    assert "Bijlagen" in word
    assert "Kaart Princehof" in word
    pdf = " ".join(_pdf_text(council_letter_pdf(letter)).split())
    assert "Evaluatie Verhoogde Betrokkenheid" in pdf
    assert "Bijlagen" in pdf
    assert [a.position for a in LetterAttachment.objects.filter(quarter="2025-Q4")] == [1, 2]


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (AttachmentFile("film.mp4", "video/mp4", b"x"), "soort"),
        (AttachmentFile("leeg.pdf", "application/pdf", b""), "leeg"),
        (AttachmentFile("groot.pdf", "application/pdf", b"x" * (10 * 1024 * 1024 + 1)), "10 MB"),
    ],
)
def test_an_attachment_that_cannot_be_is_refused(users: dict[str, Any], file: AttachmentFile, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        attachment_add(actor=users["heemstede"], municipality=heemstede(), quarter=Q4, title="x", file=file)
    assert not LetterAttachment.objects.exists()


@pytest.mark.parametrize("role", ["raadslid", "haarlem", "noordholland", "coa"])
def test_only_the_municipalitys_editors_add_attachments(users: dict[str, Any], role: str) -> None:
    with pytest.raises(PermissionDenied):
        attachment_add(actor=users[role], municipality=heemstede(), quarter=Q4, title="x")
    with pytest.raises(PermissionDenied):
        letter_quarter_save(actor=users[role], municipality=heemstede(), quarter=Q4, texts={}, letter_types=set())
    assert LetterHeader.objects.get(quarter="2025-Q4").type_information


def test_the_letter_page_ticks_boxes_uploads_downloads_and_removes(login: Any) -> None:
    client = login("heemstede")
    url = "/gemeente/GM0397/raadsinformatiebericht/"
    page = client.get(url, {"kwartaal": "2025-Q4"}).content.decode()
    assert re.search(r'value="type_information"[^>]*checked', page)  # the demo's box, ticked
    assert not re.search(r'value="type_questions"[^>]*checked', page)
    upload = SimpleUploadedFile("bijlage.pdf", b"%PDF-1.4 bijlage", content_type="application/pdf")
    added = client.post(f"{url}bijlagen/?kwartaal=2025-Q4", {"title": "Verslag klankbordgroep", "file": upload})
    assert added.status_code == 302
    attachment = LetterAttachment.objects.get(title="Verslag klankbordgroep")
    download = client.get(f"{url}bijlagen/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download) == b"%PDF-1.4 bijlage"
    assert login("raadslid").get(f"{url}bijlagen/{attachment.pk}/").status_code == 403
    assert login("haarlem").post(f"{url}bijlagen/{attachment.pk}/").status_code == 404
    assert client.post(f"{url}bijlagen/{attachment.pk}/").status_code == 302
    assert not LetterAttachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.engine_agnostic  # the form of the files; the figures are checked on both engines
def test_the_work_and_wellbeing_sections_with_the_officers_text_in_word_and_pdf(users: dict[str, Any]) -> None:
    letter_quarter_save(
        actor=users["heemstede"],
        municipality=heemstede(),
        quarter=Q4,
        texts={"mental_wellbeing": "De pilot is genomineerd voor de LOOP-prijs."},
    )
    letter = council_letter(actor=users["heemstede"], municipality=heemstede(), quarter=Q4)
    assert [(title, text) for _, title, _, text in letter.support_sections] == [
        ("Werk en inkomen", ""),
        ("Mentaal welzijn", "De pilot is genomineerd voor de LOOP-prijs."),
    ]
    work = (
        "Work4Ukraine: 23 intakes in het vierde kwartaal van 2025 (bewoners van gemeentelijke locaties: 23 van de 115)"
    )
    word = _docx_text(council_letter_docx(letter))
    assert work in word
    assert "Circles of Change: 10 deelnemers in het vierde kwartaal van 2025" in word
    assert "De pilot is genomineerd voor de LOOP-prijs." in word
    pdf = " ".join(_pdf_text(council_letter_pdf(letter)).split())
    assert "Werk en inkomen" in pdf
    assert "Mentaal welzijn" in pdf
    assert "Work4Ukraine: 23 intakes" in pdf
