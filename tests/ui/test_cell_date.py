"""Dates in imported cells: the usual spellings are read without strptime (100,000 rows a file), and every text
gets the same answer as the three strptime spellings would give it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from opvangregie.core.errors import ValidationError
from opvangregie.ui.tables import cell_date

SPELLINGS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


def by_strptime(text: str) -> date | None:
    for spelling in SPELLINGS:
        try:
            return datetime.strptime(text.strip(), spelling).date()
        except ValueError:
            continue
    return None


def read(text: str) -> date | None:
    try:
        return cell_date(text, "datum")
    except ValidationError:
        return None


@given(st.text(alphabet="0123456789-/ ٣", max_size=12))
@example("2025-11-20")
@example("20-11-2025")
@example("2025-2-30")
@example("29-02-2023")
@example("2025-11- 5")
@example("١-١-2025")
def test_every_text_reads_as_strptime_reads_it(text: str) -> None:
    assert read(text) == by_strptime(text)


@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(SPELLINGS))  # four-digit years
def test_every_date_in_every_spelling(day: date, spelling: str) -> None:
    text = f"{day.year:04d}-{day.month}-{day.day}" if spelling == SPELLINGS[0] else day.strftime(spelling)
    assert read(text) == day


def test_a_wrong_date_is_refused_with_an_example() -> None:
    with pytest.raises(ValidationError, match="is geen datum"):
        cell_date("31-04-2025", "datum")
