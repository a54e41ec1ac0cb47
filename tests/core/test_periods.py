"""core.periods: calendar months and the order of quarters."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opvangregie.core.errors import ValidationError
from opvangregie.core.periods import HalfYear, Quarter, add_months


def test_add_months_keeps_the_day_of_the_month() -> None:
    # 15 December 2026 + 3 months: 15 March 2027 (over the year boundary).
    assert add_months(date(2026, 12, 15), 3) == date(2027, 3, 15)
    # 1 June 2027 − 3 months: 1 March 2027.
    assert add_months(date(2027, 6, 1), -3) == date(2027, 3, 1)


def test_add_months_takes_the_last_day_of_a_shorter_month() -> None:
    # 30 November 2026 + 3 months: 30 February does not exist; 2027 is no leap year -> 28 February.
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    # 31 January 2028 + 1 month: 2028 is a leap year -> 29 February.
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    # 31 August 2027 + 1 month: September has 30 days.
    assert add_months(date(2027, 8, 31), 1) == date(2027, 9, 30)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)), st.integers(-600, 600))
def test_add_months_lands_in_the_right_month_never_past_the_day(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    assert moved.day == day.day or moved.day >= 28


def test_quarters_follow_each_other_over_the_year_boundary() -> None:
    assert Quarter(2027, 4).next() == Quarter(2028, 1)
    assert Quarter(2027, 1).next() == Quarter(2027, 2)
    assert Quarter(2027, 4).end == date(2027, 12, 31)
    assert Quarter(2027, 1).end == date(2027, 3, 31)
    assert Quarter(2028, 1).next().previous() == Quarter(2028, 1)


# --- HalfYear: the quota's "kalenderhalfjaar" (Huisvestingswet 2014 art. 29) ---------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-H1", HalfYear(2025, 1)),
        ("2025-H2", HalfYear(2025, 2)),
        ("2025-h2", HalfYear(2025, 2)),
        (" 2025 - H1 ", HalfYear(2025, 1)),
        ("2025H2", HalfYear(2025, 2)),
        ("2025-I", HalfYear(2025, 1)),
        ("2025-i", HalfYear(2025, 1)),
        ("2025-II", HalfYear(2025, 2)),
        ("2025-1", HalfYear(2025, 1)),
        ("2025-2", HalfYear(2025, 2)),
    ],
)
def test_half_year_accepts_every_spelling(raw: str, expected: HalfYear) -> None:
    assert HalfYear.parse(raw) == expected


@pytest.mark.parametrize("raw", ["2025-H3", "2025-III", "2025-0", "25-H1", "2025-Q1", "", "H1-2025"])
def test_half_year_refuses_what_is_no_half_year(raw: str) -> None:
    with pytest.raises(ValidationError):
        HalfYear.parse(raw)


def test_half_year_years_from_1900_to_2200_and_halves_1_and_2() -> None:
    assert HalfYear(1900, 1).year == 1900
    assert HalfYear(2200, 2).year == 2200
    for year, half in [(1899, 1), (2201, 2), (2025, 0), (2025, 3)]:
        with pytest.raises(ValidationError):
            HalfYear(year, half)


def test_half_year_dates_2025_and_the_leap_year_2024() -> None:
    first, second = HalfYear(2025, 1), HalfYear(2025, 2)
    assert (first.start, first.end, first.days) == (date(2025, 1, 1), date(2025, 6, 30), 181)
    assert (second.start, second.end, second.days) == (date(2025, 7, 1), date(2025, 12, 31), 184)
    assert HalfYear(2024, 1).days == 182  # 29 February
    assert str(first) == "2025-H1"
    assert str(second) == "2025-H2"


def test_half_year_population_date_and_publication_deadline() -> None:
    # art. 29(1): the population of 1 January of the year before; the number published at least 13 weeks
    # (91 days) before the half-year starts.
    assert HalfYear(2025, 2).population_date == date(2024, 1, 1)
    assert HalfYear(2025, 1).publication_deadline == date(2024, 10, 2)
    assert HalfYear(2025, 2).publication_deadline == date(2025, 4, 1)


def test_half_year_containing_next_and_previous() -> None:
    assert HalfYear.containing(date(2025, 1, 1)) == HalfYear(2025, 1)
    assert HalfYear.containing(date(2025, 5, 15)) == HalfYear(2025, 1)
    assert HalfYear.containing(date(2025, 6, 15)) == HalfYear(2025, 1)
    assert HalfYear.containing(date(2025, 6, 30)) == HalfYear(2025, 1)
    assert HalfYear.containing(date(2025, 7, 1)) == HalfYear(2025, 2)
    assert HalfYear.containing(date(2025, 7, 15)) == HalfYear(2025, 2)
    assert HalfYear.containing(date(2025, 12, 31)) == HalfYear(2025, 2)
    assert HalfYear(2025, 1).next() == HalfYear(2025, 2)
    assert HalfYear(2025, 2).next() == HalfYear(2026, 1)
    assert HalfYear(2025, 1).previous() == HalfYear(2024, 2)
    assert HalfYear(2025, 2).previous() == HalfYear(2025, 1)
    assert HalfYear(2024, 2) < HalfYear(2025, 1) < HalfYear(2025, 2)


def test_half_year_is_closed_from_its_last_day_on() -> None:
    half = HalfYear(2025, 1)
    assert not half.is_closed_on(date(2025, 6, 29))
    assert half.is_closed_on(date(2025, 6, 30))
    assert half.is_closed_on(date(2025, 7, 1))


@pytest.mark.parametrize(
    ("on", "months"),
    [
        (date(2024, 12, 31), 0),  # before the half-year
        (date(2025, 1, 1), 0),
        (date(2025, 1, 30), 0),
        (date(2025, 1, 31), 1),  # the last day of January completes it
        (date(2025, 2, 27), 1),
        (date(2025, 2, 28), 2),
        (date(2025, 3, 15), 2),
        (date(2025, 6, 29), 5),
        (date(2025, 6, 30), 6),
        (date(2025, 9, 1), 6),  # after the half-year
    ],
)
def test_half_year_months_completed(on: date, months: int) -> None:
    assert HalfYear(2025, 1).months_completed(on) == months


def test_second_half_year_months_completed() -> None:
    half = HalfYear(2025, 2)
    assert half.months_completed(date(2025, 6, 30)) == 0
    assert half.months_completed(date(2025, 10, 31)) == 4
    assert half.months_completed(date(2025, 12, 30)) == 5
    assert half.months_completed(date(2025, 12, 31)) == 6


# --- Quarter: the council letter's rhythm ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-Q4", Quarter(2025, 4)),
        ("2025-q1", Quarter(2025, 1)),
        (" 2026 - Q2 ", Quarter(2026, 2)),
        ("2026Q3", Quarter(2026, 3)),
    ],
)
def test_quarter_accepts_every_spelling(raw: str, expected: Quarter) -> None:
    assert Quarter.parse(raw) == expected


@pytest.mark.parametrize("raw", ["2025-Q0", "2025-Q5", "2025-4", "2025-H1", "Q4-2025", ""])
def test_quarter_refuses_what_is_no_quarter(raw: str) -> None:
    with pytest.raises(ValidationError):
        Quarter.parse(raw)


def test_quarter_years_from_1900_to_2200_and_quarters_1_to_4() -> None:
    assert Quarter(1900, 1).year == 1900
    assert Quarter(2200, 4).year == 2200
    for year, quarter in [(1899, 1), (2201, 4), (2025, 0), (2025, 5)]:
        with pytest.raises(ValidationError):
            Quarter(year, quarter)


@pytest.mark.parametrize(
    ("quarter", "start", "end", "reference", "half"),
    [
        (1, date(2025, 1, 1), date(2025, 3, 31), date(2025, 2, 1), 1),
        (2, date(2025, 4, 1), date(2025, 6, 30), date(2025, 5, 1), 1),
        (3, date(2025, 7, 1), date(2025, 9, 30), date(2025, 8, 1), 2),
        (4, date(2025, 10, 1), date(2025, 12, 31), date(2025, 11, 1), 2),
    ],
)
def test_quarter_dates(quarter: int, start: date, end: date, reference: date, half: int) -> None:
    subject = Quarter(2025, quarter)
    assert subject.start == start
    assert subject.end == end
    assert subject.default_reference_date == reference
    assert subject.half_year == HalfYear(2025, half)
    assert str(subject) == f"2025-Q{quarter}"
    assert Quarter.containing(start) == subject
    assert Quarter.containing(end) == subject


def test_quarter_previous() -> None:
    assert Quarter(2025, 1).previous() == Quarter(2024, 4)
    assert Quarter(2025, 2).previous() == Quarter(2025, 1)
    assert Quarter(2025, 4).previous() == Quarter(2025, 3)
    assert Quarter(2024, 4) < Quarter(2025, 1) < Quarter(2025, 2)
