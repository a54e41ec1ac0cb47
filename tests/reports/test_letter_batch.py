"""``opvangregie report council-letter --province``: every municipality of the province gets its own letter,
in one process, one readable file each; an unknown province or a user who may not write them all is refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from pypdf import PdfReader

from opvangregie.areas.models import Municipality, Province

# the form of the files; their figures are checked on both engines
pytestmark = [pytest.mark.django_db, pytest.mark.engine_agnostic]


def batch(*arguments: str) -> str:
    out = io.StringIO()
    call_command("report", "council-letter", "--quarter", "2025-Q4", *arguments, stdout=out)
    return out.getvalue()


def docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_every_municipality_of_the_province_gets_its_own_word_letter(tmp_path: Path) -> None:
    output = tmp_path / "flevoland"
    report = batch("--province", "pv24", "--format", "docx", "--output", str(output))
    municipalities = list(Municipality.objects.filter(province__code="PV24"))
    assert len(municipalities) > 1
    expected = {f"raadsinformatiebericht-{m.code}-2025-Q4.docx": m.name for m in municipalities}
    assert sorted(path.name for path in output.iterdir()) == sorted(expected)
    for file_name, name in expected.items():
        text = docx_text(output / file_name)
        assert f"Raadsinformatiebericht gemeente {name}\n" in text
        assert f"Totaal {name}" in text  # its own figures (none here: the demo has no data in Flevoland)
        others = [other for other in expected.values() if other != name]
        assert not any(f"Totaal {other}" in text for other in others)
    assert f"{len(expected)} raadsinformatieberichten van Flevoland" in report


def test_pdf_letters_of_a_province_with_and_without_data(tmp_path: Path) -> None:
    small = Province.objects.create(code="PV99", name="Proefprovincie")
    Municipality.objects.filter(code__in=["GM0397", "GM0344"]).update(province=small)  # Heemstede has the demo's data
    batch("--province", "PV99", "--format", "pdf", "--output", str(tmp_path))
    pages = {path.name: "\n".join(page.extract_text() for page in PdfReader(path).pages) for path in tmp_path.iterdir()}
    assert sorted(pages) == ["raadsinformatiebericht-GM0344-2025-Q4.pdf", "raadsinformatiebericht-GM0397-2025-Q4.pdf"]
    heemstede, utrecht = (
        pages["raadsinformatiebericht-GM0397-2025-Q4.pdf"],
        pages["raadsinformatiebericht-GM0344-2025-Q4.pdf"],
    )
    assert "Heemstede" in heemstede
    assert "Taakstelling 164" in heemstede
    assert "Utrecht" in utrecht
    assert "Heemstede" not in utrecht


def test_an_unknown_province_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Provincie 'PV98' bestaat niet; gebruik een CBS-code: PV20, .*PV31"):
        batch("--province", "PV98", "--output", str(tmp_path / "brieven"))
    assert not (tmp_path / "brieven").exists()


def test_a_file_as_output_or_both_areas_are_refused(tmp_path: Path) -> None:
    existing = tmp_path / "brief.docx"
    existing.write_bytes(b"")
    with pytest.raises(CommandError, match="geen map"):
        batch("--province", "PV24", "--output", str(existing))
    with pytest.raises(CommandError, match="not allowed with"):
        batch("--province", "PV24", "--municipality", "GM0397", "--output", str(tmp_path))


def test_a_user_who_may_not_write_every_letter_gets_none(tmp_path: Path) -> None:
    output = tmp_path / "brieven"
    with pytest.raises(CommandError, match="toegang"):
        batch("--province", "PV27", "--output", str(output), "--user", "heemstede")  # Heemstede only writes its own
    assert not output.exists()
