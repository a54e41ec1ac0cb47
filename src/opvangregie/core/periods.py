"""Half-year periods of the status-holder quota (Huisvestingswet 2014 art. 29: "kalenderhalfjaar")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from opvangregie.core.errors import ValidationError


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` calendar months later (earlier when negative).

    When that month is shorter, its last day: 31 January + 1 month is 28 (or 29) February. This is how
    a period "of N months" is counted in Dutch law and practice (a period starting on the day after 15
    March ends on 15 June; compare Awb art. 6:8 for weeks).
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


_PATTERN = re.compile(r"^\s*(\d{4})\s*-?\s*(H1|H2|I|II|1|2)\s*$", re.IGNORECASE)
_HALVES = {"H1": 1, "I": 1, "1": 1, "H2": 2, "II": 2, "2": 2}


@dataclass(frozen=True, order=True, slots=True)
class HalfYear:
    """A calendar half-year: ``2025-H1`` = 1 January–30 June, ``2025-H2`` = 1 July–31 December."""

    year: int
    half: int

    def __post_init__(self) -> None:
        if self.half not in (1, 2) or not 1900 <= self.year <= 2200:
            raise ValidationError(f"Ongeldig halfjaar {self.year}-H{self.half}.")

    @classmethod
    def parse(cls, raw: str) -> HalfYear:
        """Accept ``2025-H1``, ``2025-I``, ``2025-II`` or ``2025-2``."""
        match = _PATTERN.match(str(raw))
        if not match:
            raise ValidationError(f"Ongeldige periode {raw!r}: gebruik bijvoorbeeld 2025-H1 of 2025-H2.")
        return cls(int(match.group(1)), _HALVES[match.group(2).upper()])

    @classmethod
    def containing(cls, day: date) -> HalfYear:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        """The last day of the half-year."""
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def population_date(self) -> date:
        """1 January of the year before the half-year's year (art. 29(1): iG and iN)."""
        return date(self.year - 1, 1, 1)

    @property
    def publication_deadline(self) -> date:
        """The national number is published at least 13 weeks before the half-year starts (art. 29(1))."""
        return self.start - timedelta(weeks=13)

    def next(self) -> HalfYear:
        return HalfYear(self.year + 1, 1) if self.half == 2 else HalfYear(self.year, 2)

    def previous(self) -> HalfYear:
        return HalfYear(self.year - 1, 2) if self.half == 1 else HalfYear(self.year, 1)

    def is_closed_on(self, day: date) -> bool:
        """Whether the half-year is over on ``day``: from its last day on, what was realised is final.

        The one meaning of "closed" for the ledger, the supervision, the overview and the letters; before
        it the half-year is running and is judged against the pro-rata schedule.
        """
        return day >= self.end

    def months_completed(self, on: date) -> int:
        """Whole months of this half-year completed on ``on`` (0..6)."""
        if on < self.start:
            return 0
        if on >= self.end:
            return 6
        first_month = self.start.month
        completed = on.month - first_month
        next_day = on + timedelta(days=1)
        if next_day.month != on.month:  # ``on`` is the last day of its month
            completed += 1
        return completed

    def __str__(self) -> str:
        return f"{self.year}-H{self.half}"


_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True, slots=True)
class Quarter:
    """A calendar quarter such as ``2025-Q4`` (1 October–31 December), the rhythm of the council letter."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if self.quarter not in (1, 2, 3, 4) or not 1900 <= self.year <= 2200:
            raise ValidationError(f"Ongeldig kwartaal {self.year}-Q{self.quarter}.")

    @classmethod
    def parse(cls, raw: str) -> Quarter:
        match = _QUARTER.match(str(raw))
        if not match:
            raise ValidationError(f"Ongeldig kwartaal {raw!r}: gebruik bijvoorbeeld 2025-Q4.")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: date) -> Quarter:
        """The quarter ``day`` falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def default_reference_date(self) -> date:
        """The first day of the quarter's middle month (Heemstede's Q4 2025 letter: status 1 November)."""
        return date(self.year, 3 * self.quarter - 1, 1)

    @property
    def half_year(self) -> HalfYear:
        return HalfYear(self.year, 1 if self.quarter <= 2 else 2)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.quarter == 4 else Quarter(self.year, self.quarter + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.quarter == 1 else Quarter(self.year, self.quarter - 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"
