"""The province's supervision letter (.docx): A4, Dutch, by the province, with a table sized to its content."""

from __future__ import annotations

from datetime import date

import pytest

from opvangregie.areas.models import Province
from opvangregie.core.periods import HalfYear
from opvangregie.quotas.letters import supervision_letter_docx
from opvangregie.quotas.selectors import province_supervision
from tests.documents import assert_a4_dutch_docx, assert_sized_table, column_widths_cm

pytestmark = pytest.mark.django_db


def test_the_supervision_letter_is_a4_dutch_and_by_the_province(users: dict) -> None:
    province = Province.objects.get(name="Noord-Holland")
    view = province_supervision(
        actor=users["noordholland"], province=province, period=HalfYear(2025, 1), on=date(2025, 11, 4)
    )
    row = next(row for row in view.rows if row.municipality.code == "GM0397")
    document = assert_a4_dutch_docx(
        supervision_letter_docx(view, row, written_on=date(2025, 11, 4)),
        author="Provincie Noord-Holland",
        title="Taakstelling huisvesting vergunninghouders 2025-H1: gemeente Heemstede",
    )
    (table,) = document.tables
    assert_sized_table(document, table, numeric=[1])
    assert [cell.text for cell in table.columns[1].cells] == ["Aantal personen", "22", "7", "29", "21", "8"]
    label, number = column_widths_cm(table)
    assert label > 2 * number
