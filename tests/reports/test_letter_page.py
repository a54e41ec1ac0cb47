"""The council letter page: preview, texts kept per quarter (audited), the Word download; who may not."""

from __future__ import annotations

import io

import pytest
from docx import Document

from opvangregie.reports.models import TextBlock

pytestmark = pytest.mark.django_db
URL = "/gemeente/GM0397/raadsinformatiebericht/"


def test_officer_previews_writes_texts_and_downloads_the_letter(login, users: dict) -> None:
    client = login("heemstede")
    assert 'id="letter-link"' in client.get("/gemeente/GM0397/").content.decode()
    page = client.get(URL, {"kwartaal": "2025-Q4"}).content.decode()
    assert "letter-total-places&quot;&gt;169" in page  # the preview (escaped in srcdoc)
    response = client.post(f"{URL}?kwartaal=2025-Q4", {"ukrainian": "Er zijn geen plekken beschikbaar.", "asylum": ""})
    assert response.status_code == 302
    block = TextBlock.objects.get(municipality__code="GM0397", quarter="2025-Q4", section="ukrainian")
    assert block.history.first().history_user == users["heemstede"]
    download = client.get("/gemeente/GM0397/raadsinformatiebericht.docx", {"kwartaal": "2025-Q4"})
    assert download["Content-Disposition"] == 'attachment; filename="raadsinformatiebericht-GM0397-2025-Q4.docx"'
    document = Document(io.BytesIO(download.content))
    assert "Er zijn geen plekken beschikbaar." in [p.text for p in document.paragraphs]


def test_too_long_text_is_refused_and_nothing_saved(login) -> None:
    response = login("heemstede").post(f"{URL}?kwartaal=2025-Q4", {"ukrainian": "x" * 5_001})
    assert response.status_code == 422
    assert not TextBlock.objects.filter(quarter="2025-Q4").exists()


@pytest.mark.parametrize(("username", "status"), [("raadslid", 403), ("haarlem", 404), ("noordholland", 403)])
def test_only_the_municipalitys_editors_produce_its_letter(login, username: str, status: int) -> None:
    client = login(username)
    assert client.get(URL, {"kwartaal": "2025-Q4"}).status_code == status
    assert client.get("/gemeente/GM0397/raadsinformatiebericht.docx", {"kwartaal": "2025-Q4"}).status_code == status
    assert client.post(f"{URL}?kwartaal=2025-Q4", {"ukrainian": "x"}).status_code == status
    assert not TextBlock.objects.exists()
