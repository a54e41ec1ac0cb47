"""Statutory time limits: the objection period of a permit decision.

- Algemene wet bestuursrecht (Awb) art. 6:7: the period for objection is six weeks.
- Awb art. 6:8(1): it starts on the day after the decision was made known.
- Algemene termijnenwet art. 1 and 3: a period that ends on a Saturday, Sunday or a generally
  recognised public holiday is extended to the next day that is none of these.
"""

from __future__ import annotations

from datetime import date, timedelta

OBJECTION_PERIOD = timedelta(weeks=6)


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian computus, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> frozenset[date]:
    """Generally recognised holidays of Algemene termijnenwet art. 3(1).

    New Year's Day, Easter Monday, Ascension Day, Whit Monday, Christmas Day and Boxing Day,
    King's Day (27 April, or 26 April when the 27th is a Sunday) and Liberation Day (5 May).
    Good Friday and Easter/Whit Sunday are not listed separately (Sundays extend anyway).
    """
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    return frozenset(
        {
            date(year, 1, 1),
            easter + timedelta(days=1),
            easter + timedelta(days=39),
            easter + timedelta(days=50),
            kings_day,
            date(year, 5, 5),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def next_working_day_from(day: date) -> date:
    """``day`` itself, or the first later day that is no Saturday, Sunday or public holiday."""
    while day.weekday() >= 5 or day in public_holidays(day.year):
        day += timedelta(days=1)
    return day


def objection_period_end(made_known: date) -> date:
    """Last day on which an objection can be lodged against a decision made known on ``made_known``.

    Six weeks from the day after (Awb 6:7, 6:8) ends on the same weekday six weeks later,
    extended under the Algemene termijnenwet.
    """
    return next_working_day_from(made_known + OBJECTION_PERIOD)
