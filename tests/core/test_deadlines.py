from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from opvangregie.core.deadlines import easter_sunday, objection_period_end, public_holidays


def test_easter_sundays_of_known_years() -> None:
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2025) == date(2025, 4, 20)
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2019) == date(2019, 4, 21)


def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday() -> None:
    assert date(2025, 4, 26) in public_holidays(2025)  # 27 April 2025 was a Sunday
    assert date(2026, 4, 27) in public_holidays(2026)


def test_six_weeks_from_the_day_after_publication() -> None:
    # Made known on Monday 1 December 2025: the period ends on Monday 12 January 2026.
    assert objection_period_end(date(2025, 12, 1)) == date(2026, 1, 12)


def test_period_ending_on_a_weekend_or_holiday_is_extended() -> None:
    # Made known Saturday 15 Nov 2025 -> six weeks later is Saturday 27 Dec -> Monday 29 Dec.
    assert objection_period_end(date(2025, 11, 15)) == date(2025, 12, 29)
    # Made known 13 Nov 2025 (Thursday) -> 25 Dec 2025 (Christmas) -> 26 Dec (holiday) -> Saturday -> 29 Dec.
    assert objection_period_end(date(2025, 11, 13)) == date(2025, 12, 29)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_end_is_a_working_day_at_least_six_weeks_on(made_known: date) -> None:
    end = objection_period_end(made_known)
    assert end - made_known >= timedelta(weeks=6)
    assert end - made_known <= timedelta(weeks=6, days=4)
    assert end.weekday() < 5
    assert end not in public_holidays(end.year)
