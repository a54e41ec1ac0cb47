"""core.periods: calendar months and the order of quarters."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from opvangregie.core.periods import Quarter, add_months


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
