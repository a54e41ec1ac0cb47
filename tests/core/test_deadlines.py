from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opvangregie.core.deadlines import easter_sunday, next_working_day_from, objection_period_end, public_holidays


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


# Western (Gregorian) Easter Sunday 2000–2099 as (month, day), as published in the Astronomical Society of
# South Australia's table "Easter Dates 1700–2299" (https://www.assa.org.au/edm); every entry checked against
# that table (the list was first drawn up with python-dateutil's separate implementation, which agrees).
EASTER_2000_2099 = {
    2000: (4, 23), 2001: (4, 15), 2002: (3, 31), 2003: (4, 20), 2004: (4, 11), 2005: (3, 27),
    2006: (4, 16), 2007: (4, 8), 2008: (3, 23), 2009: (4, 12), 2010: (4, 4), 2011: (4, 24),
    2012: (4, 8), 2013: (3, 31), 2014: (4, 20), 2015: (4, 5), 2016: (3, 27), 2017: (4, 16),
    2018: (4, 1), 2019: (4, 21), 2020: (4, 12), 2021: (4, 4), 2022: (4, 17), 2023: (4, 9),
    2024: (3, 31), 2025: (4, 20), 2026: (4, 5), 2027: (3, 28), 2028: (4, 16), 2029: (4, 1),
    2030: (4, 21), 2031: (4, 13), 2032: (3, 28), 2033: (4, 17), 2034: (4, 9), 2035: (3, 25),
    2036: (4, 13), 2037: (4, 5), 2038: (4, 25), 2039: (4, 10), 2040: (4, 1), 2041: (4, 21),
    2042: (4, 6), 2043: (3, 29), 2044: (4, 17), 2045: (4, 9), 2046: (3, 25), 2047: (4, 14),
    2048: (4, 5), 2049: (4, 18), 2050: (4, 10), 2051: (4, 2), 2052: (4, 21), 2053: (4, 6),
    2054: (3, 29), 2055: (4, 18), 2056: (4, 2), 2057: (4, 22), 2058: (4, 14), 2059: (3, 30),
    2060: (4, 18), 2061: (4, 10), 2062: (3, 26), 2063: (4, 15), 2064: (4, 6), 2065: (3, 29),
    2066: (4, 11), 2067: (4, 3), 2068: (4, 22), 2069: (4, 14), 2070: (3, 30), 2071: (4, 19),
    2072: (4, 10), 2073: (3, 26), 2074: (4, 15), 2075: (4, 7), 2076: (4, 19), 2077: (4, 11),
    2078: (4, 3), 2079: (4, 23), 2080: (4, 7), 2081: (3, 30), 2082: (4, 19), 2083: (4, 4),
    2084: (3, 26), 2085: (4, 15), 2086: (3, 31), 2087: (4, 20), 2088: (4, 11), 2089: (4, 3),
    2090: (4, 16), 2091: (4, 8), 2092: (3, 30), 2093: (4, 12), 2094: (4, 4), 2095: (4, 24),
    2096: (4, 15), 2097: (3, 31), 2098: (4, 20), 2099: (4, 12),
}  # fmt: skip


def test_easter_sunday_2000_to_2099_against_the_published_table() -> None:
    computed = {year: (easter_sunday(year).month, easter_sunday(year).day) for year in EASTER_2000_2099}
    assert computed == EASTER_2000_2099


def test_every_public_holiday_of_2025_written_out() -> None:
    # Algemene termijnenwet art. 3(1) in 2025 (Easter Sunday 20 April).
    assert public_holidays(2025) == {
        date(2025, 1, 1),  # New Year's Day
        date(2025, 4, 21),  # Easter Monday
        date(2025, 4, 26),  # King's Day: 27 April 2025 is a Sunday
        date(2025, 5, 5),  # Liberation Day
        date(2025, 5, 29),  # Ascension Day
        date(2025, 6, 9),  # Whit Monday
        date(2025, 12, 25),  # Christmas Day
        date(2025, 12, 26),  # Boxing Day
    }


def test_every_public_holiday_of_2026_written_out() -> None:
    # Easter Sunday 5 April 2026; 27 April 2026 is a Monday.
    assert public_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 10, 31), date(2025, 10, 31)),  # a Friday stays
        (date(2025, 11, 3), date(2025, 11, 3)),  # a Monday stays
        (date(2025, 11, 1), date(2025, 11, 3)),  # Saturday -> Monday
        (date(2025, 11, 2), date(2025, 11, 3)),  # Sunday -> Monday
        (date(2025, 4, 19), date(2025, 4, 22)),  # Saturday, Easter Sunday, Easter Monday -> Tuesday
        (date(2025, 5, 29), date(2025, 5, 30)),  # Ascension Day (Thursday) -> Friday
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert next_working_day_from(day) == expected


@pytest.mark.parametrize(
    ("made_known", "end"),
    [
        (date(2025, 3, 13), date(2025, 4, 24)),  # an ordinary Thursday
        (date(2025, 9, 19), date(2025, 10, 31)),  # ends on a Friday: stays on the Friday
        (date(2025, 3, 10), date(2025, 4, 22)),  # ends on Easter Monday 21 April
        (date(2025, 3, 24), date(2025, 5, 6)),  # ends on Liberation Day, Monday 5 May
        (date(2025, 4, 17), date(2025, 5, 30)),  # ends on Ascension Day, Thursday 29 May
        (date(2025, 4, 28), date(2025, 6, 10)),  # ends on Whit Monday 9 June
        (date(2026, 3, 16), date(2026, 4, 28)),  # ends on King's Day, Monday 27 April 2026
        (date(2025, 11, 20), date(2026, 1, 2)),  # ends on New Year's Day, Thursday 1 January 2026
    ],
)
def test_objection_period_ending_on_each_holiday(made_known: date, end: date) -> None:
    assert objection_period_end(made_known) == end


# Other centuries (the century terms of the computus are constant within 2000–2099): the earliest possible
# date, 22 March (1761, 1818, 2285, 2437), the latest, 25 April (1666, 1886, 1943, 2190), and a spread. The
# years 1700–2299 are checked against the ASSA table above; 1818, 1886, 1943 and 2285 are also Meeus's
# examples (Astronomical Algorithms, ch. 8) and 4099 is in dates.gmarts.org's list; the other years
# (1583, 1600, 1666 and 2300 onwards) agree with python-dateutil but were not checked against a published table.
EASTER_OTHER_CENTURIES = {
    1583: (4, 10), 1600: (4, 2), 1666: (4, 25), 1700: (4, 11), 1761: (3, 22), 1799: (3, 24), 1818: (3, 22),
    1845: (3, 23), 1886: (4, 25), 1900: (4, 15), 1913: (3, 23), 1943: (4, 25), 1954: (4, 18), 1961: (4, 2),
    1974: (4, 14), 1981: (4, 19), 1999: (4, 4), 2100: (3, 28), 2106: (4, 18), 2133: (4, 19), 2147: (4, 16),
    2160: (3, 23), 2190: (4, 25), 2200: (4, 6), 2232: (4, 8), 2285: (3, 22), 2299: (4, 16), 2300: (4, 8),
    2345: (4, 22), 2400: (4, 16), 2437: (3, 22), 2500: (4, 18), 2594: (3, 30), 2700: (4, 1), 2899: (4, 19),
    3000: (4, 13), 3176: (4, 18), 4099: (4, 19),
}  # fmt: skip


def test_easter_sunday_in_other_centuries() -> None:
    computed = {year: (easter_sunday(year).month, easter_sunday(year).day) for year in EASTER_OTHER_CENTURIES}
    assert computed == EASTER_OTHER_CENTURIES


def _easter_lichtenberg(year: int) -> date:
    """Gauss's Easter rule in Lichtenberg's formulation (H. Lichtenberg, "Zur Interpretation der Gaußschen
    Osterformel und ihrer Ausnahmeregeln", Historia Mathematica 24 (1997)): a derivation independent of the
    Meeus/Jones/Butcher computus under test. It agrees with the ASSA table for 1700–2299 (checked above)."""
    k = year // 100
    m = 15 + (3 * k + 3) // 4 - (8 * k + 13) // 25  # secular moon shift
    s = 2 - (3 * k + 3) // 4  # secular sun shift
    a = year % 19
    d = (19 * a + m) % 30  # seed of the first full moon in spring
    r = (d + a // 11) // 29  # the calendar correction
    full_moon = 21 + d - r  # as a date in March
    first_sunday = 7 - (year + year // 4 + s) % 7
    sunday = full_moon + 7 - (full_moon - first_sunday) % 7
    return date(year, 3, sunday) if sunday <= 31 else date(year, 4, sunday - 31)


def test_easter_sunday_agrees_with_gauss_lichtenberg_for_every_gregorian_year() -> None:
    """Every year from 1583 to 9999: the century corrections differ from 2000–2099 only in rare years
    (a mistake in the lunar correction shows first in 6412, one in the full-moon exception in 3165)."""
    assert [year for year in range(1583, 10_000) if easter_sunday(year) != _easter_lichtenberg(year)] == []
