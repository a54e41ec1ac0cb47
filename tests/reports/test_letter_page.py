"""The council letter pages: texts and header fields kept per quarter (audited), documents made by a task
and kept with their author, the header settings; and who may not."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from opvangregie.areas.models import Municipality
from opvangregie.reports import generation
from opvangregie.reports.models import (
    DEFAULT_SUBJECT,
    DocumentStatus,
    LetterDocument,
    LetterHeader,
    LetterSettings,
    TextBlock,
)

pytestmark = pytest.mark.django_db
URL = "/gemeente/GM0397/raadsinformatiebericht/"
Q4 = {"kwartaal": "2025-Q4"}


def header_table(content: bytes) -> dict[str, str]:
    rows = Document(io.BytesIO(content)).tables[0].rows
    return {row.cells[0].text: row.cells[1].text for row in rows[1:]}


def test_officer_writes_texts_and_header_fields_then_makes_word_and_pdf(login, users: dict) -> None:
    client = login("heemstede")
    assert 'id="letter-link"' in client.get("/gemeente/GM0397/").content.decode()
    page = client.get(URL, Q4).content.decode()
    assert "letter-total-places&quot;&gt;169" in page  # the preview (escaped in srcdoc)
    response = client.post(
        f"{URL}?kwartaal=2025-Q4",
        {"ukrainian": "Er zijn geen plekken beschikbaar.", "meeting_date": "2025-11-11", "case_number": "1234567"},
    )
    assert response.status_code == 302
    block = TextBlock.objects.get(municipality__code="GM0397", quarter="2025-Q4", section="ukrainian")
    assert block.history.first().history_user == users["heemstede"]
    header = LetterHeader.objects.get(municipality__code="GM0397", quarter="2025-Q4")
    assert (header.meeting_date, header.case_number) == (date(2025, 11, 11), "1234567")
    assert header.history.first().history_user == users["heemstede"]

    response = client.post(f"{URL}maken/", {"kwartaal": "2025-Q4", "format": "docx"})
    assert response.status_code == 302
    assert response["Location"].endswith("?kwartaal=2025-Q4#documents")
    document = LetterDocument.objects.get(format="docx")  # the test settings run tasks at once
    assert (document.status, document.progress, document.created_by) == ("done", 100, users["heemstede"])
    assert document.reference_date == date(2025, 11, 1)
    assert document.history.first().history_user == users["heemstede"]
    page = client.get(URL, Q4).content.decode()
    assert "raadsinformatiebericht-GM0397-2025-Q4.docx" in page
    download = client.get(f"/raadsinformatiebericht/document/{document.pk}/")
    assert download["Content-Disposition"] == 'attachment; filename="raadsinformatiebericht-GM0397-2025-Q4.docx"'
    assert "Er zijn geen plekken beschikbaar." in [p.text for p in Document(io.BytesIO(download.content)).paragraphs]
    fields = header_table(download.content)
    assert (fields["Vergaderdatum"], fields["Zaaknummer"]) == ("11 november 2025", "1234567")

    client.post(f"{URL}maken/", {"kwartaal": "2025-Q4", "format": "pdf"})
    pdf = LetterDocument.objects.get(format="pdf")
    content = client.get(f"/raadsinformatiebericht/document/{pdf.pk}/")
    assert content["Content-Type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content.content)).pages]
    assert f"pagina {len(pages)} van {len(pages)}" in pages[-1]
    assert "Totaal Heemstede 169 115" in "\n".join(pages)


def test_progress_is_polled_while_the_task_runs_and_the_page_reloads_when_ready(login, users: dict) -> None:
    document = LetterDocument.objects.create(
        municipality=Municipality.objects.get(code="GM0397"),
        quarter="2025-Q4",
        format="pdf",
        created_by=users["heemstede"],
        stage="In de wachtrij",
    )
    client = login("heemstede")
    page = client.get(URL, Q4).content.decode()
    assert f'hx-get="/raadsinformatiebericht/document/{document.pk}/?progress=1"' in page
    assert client.get(f"/raadsinformatiebericht/document/{document.pk}/").status_code == 404  # not ready yet
    partial = client.get(f"/raadsinformatiebericht/document/{document.pk}/", {"progress": "1"})
    assert "hx-trigger" in partial.content.decode()
    assert "HX-Refresh" not in partial
    generation.render(document)
    partial = client.get(f"/raadsinformatiebericht/document/{document.pk}/", {"progress": "1"})
    assert partial["HX-Refresh"] == "true"
    assert client.get(f"/raadsinformatiebericht/document/{document.pk}/").content.startswith(b"%PDF")


def test_a_failing_render_is_recorded_and_shown(login, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_letter: object) -> bytes:
        raise OSError("no fonts")

    monkeypatch.setitem(generation.RENDERERS, "pdf", broken)
    client = login("heemstede")
    client.post(f"{URL}maken/", {"kwartaal": "2025-Q4", "format": "pdf"})
    document = LetterDocument.objects.get()
    assert document.status == DocumentStatus.FAILED
    assert "kon niet worden gemaakt (OSError)" in document.error
    assert "kon niet worden gemaakt (OSError)" in client.get(URL, Q4).content.decode()
    assert client.get(f"/raadsinformatiebericht/document/{document.pk}/").status_code == 404


def test_an_unknown_format_is_refused(login) -> None:
    response = login("heemstede").post(f"{URL}maken/", {"kwartaal": "2025-Q4", "format": "odt"})
    assert response.status_code == 422
    assert not LetterDocument.objects.exists()


def test_header_settings_per_municipality(login, users: dict) -> None:
    client = login("heemstede")
    settings_url = f"{URL}instellingen/"
    assert client.get(settings_url).status_code == 200
    refused = client.post(settings_url, {"subject": " ", "team": "", "portfolio_holders": "", "publicity": "Openbaar"})
    assert refused.status_code == 422
    assert LetterSettings.objects.get(municipality__code="GM0397").subject == DEFAULT_SUBJECT  # the demo's, kept
    response = client.post(
        settings_url,
        {
            "subject": "Opvang en huisvesting",
            "team": "Samenleving",
            "portfolio_holders": "wethouder Struijf",
            "publicity": "Openbaar",
        },
    )
    assert response.status_code == 302
    settings = LetterSettings.objects.get(municipality__code="GM0397")
    assert settings.history.first().history_user == users["heemstede"]
    client.post(f"{URL}maken/", {"kwartaal": "2025-Q4", "format": "docx"})
    document = LetterDocument.objects.get()
    fields = header_table(client.get(f"/raadsinformatiebericht/document/{document.pk}/").content)
    assert fields["Onderwerp"] == "Opvang en huisvesting, 2025-Q4"
    assert (fields["Team"], fields["Portefeuillehouder(s)"]) == ("Samenleving", "wethouder Struijf")


def test_too_long_text_is_refused_and_nothing_saved(login) -> None:
    response = login("heemstede").post(f"{URL}?kwartaal=2025-Q4", {"ukrainian": "x" * 5_001, "case_number": "9"})
    assert response.status_code == 422
    assert not TextBlock.objects.filter(quarter="2025-Q4").exists()
    assert LetterHeader.objects.get(quarter="2025-Q4").case_number == "1343959"  # the demo's, not "9"


@pytest.mark.parametrize(("username", "status"), [("raadslid", 403), ("haarlem", 404), ("noordholland", 403)])
def test_only_the_municipalitys_editors_produce_its_letter(login, users: dict, username: str, status: int) -> None:
    own = login("heemstede")
    own.post(f"{URL}maken/", {"kwartaal": "2025-Q4", "format": "docx"})
    document = LetterDocument.objects.get()
    client = login(username)
    assert client.get(URL, Q4).status_code == status
    assert client.post(f"{URL}?kwartaal=2025-Q4", {"ukrainian": "x"}).status_code == status
    assert client.post(f"{URL}maken/", {"kwartaal": "2025-Q4", "format": "pdf"}).status_code == status
    assert client.get(f"{URL}instellingen/").status_code == status
    assert client.post(f"{URL}instellingen/", {"subject": "x", "publicity": "x"}).status_code == status
    assert client.get(f"/raadsinformatiebericht/document/{document.pk}/").status_code == 404
    assert client.get(f"/raadsinformatiebericht/document/{document.pk}/", {"progress": "1"}).status_code == 404
    assert not TextBlock.objects.exists()
    assert [s.subject for s in LetterSettings.objects.all()] == [DEFAULT_SUBJECT]  # the demo's, unchanged
    assert LetterDocument.objects.count() == 1


def test_an_edit_made_on_an_older_version_is_refused_not_overwriting(login) -> None:
    """Two officers open the same quarter; the second one to save is told who changed it, nothing is lost."""
    first, second = login("heemstede"), login("heemstede")
    page = first.get("/gemeente/GM0397/raadsinformatiebericht/", {"kwartaal": "2025-Q4"}).content.decode()
    version = re.search(r'name="version" value="([0-9a-f]+)"', page).group(1)
    form = {"version": version, "ukrainian": "Tekst van de eerste", "meeting_date": "", "case_number": ""}
    assert first.post("/gemeente/GM0397/raadsinformatiebericht/?kwartaal=2025-Q4", form).status_code == 302
    late = second.post(
        "/gemeente/GM0397/raadsinformatiebericht/?kwartaal=2025-Q4", {**form, "ukrainian": "Tekst van de tweede"}
    )
    assert late.status_code == 409
    assert "intussen gewijzigd door" in late.content.decode()
    assert TextBlock.objects.get(municipality__code="GM0397", quarter="2025-Q4", section="ukrainian").text == (
        "Tekst van de eerste"
    )


def test_a_document_whose_author_is_gone_is_listed_without_one(login) -> None:
    """The author is kept with SET_NULL: a document made by a since-deleted account lists "–" (it was a 500)."""
    LetterDocument.objects.create(
        municipality=Municipality.objects.get(code="GM0397"),
        quarter="2025-Q4",
        format="html",
        status=DocumentStatus.DONE,
        content=b"<p>brief</p>",
        created_by=None,
    )
    response = login("heemstede").get(URL, Q4)
    assert response.status_code == 200
    assert re.search(r"<td class=\"utrecht-table__cell\">–</td>", response.content.decode())
