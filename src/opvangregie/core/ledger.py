"""The status-holder quota ledger: demand, realisation and balance carried from half-year to half-year.

Huisvestingswet 2014 art. 28–29: every half-year the municipality must house its quota (taakstelling).
What it did not realise carries over as a backlog (achterstand); a surplus (voorsprong) is subtracted
from the next half-year ("De achterstanden van de vorige taakstelling schuiven automatisch door").
Per period ``p``::

    demand(p)  = quota(p) − balance(p−1)        (opgave: quota including backlog / minus surplus)
    balance(p) = realised(p) − demand(p)        (negative: backlog; positive: surplus)

Checked against Heemstede (council letter of 11 November 2025): 2025-H1 quota 22 with a backlog of 7
gives a demand of 29; 21 realised leaves a backlog of 8; 2025-H2: 21 + 8 = 29.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from opvangregie.core.errors import ValidationError
from opvangregie.core.periods import HalfYear


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """The quota and the persons realised in one half-year."""

    period: HalfYear
    quota: int
    realised: int


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One half-year of the ledger."""

    period: HalfYear
    quota: int
    carried_in: int
    realised: int

    @property
    def demand(self) -> int:
        """Quota including the backlog carried in (or minus the surplus): the opgave of this half-year."""
        return self.quota - self.carried_in

    @property
    def balance(self) -> int:
        """Realised minus demand: negative is a backlog, positive a surplus, carried into the next period."""
        return self.realised - self.demand

    @property
    def backlog_in(self) -> int:
        """The backlog carried in as a positive number (0 when a surplus was carried in)."""
        return max(0, -self.carried_in)


def ledger(figures: Iterable[PeriodFigures], *, opening_balance: int = 0) -> list[LedgerLine]:
    """The ledger over consecutive half-years, in time order, starting from ``opening_balance``.

    Refuses duplicate or missing half-years and negative numbers: a gap would silently drop a
    backlog.
    """
    ordered = sorted(figures, key=lambda f: f.period)
    lines: list[LedgerLine] = []
    balance = opening_balance
    for index, item in enumerate(ordered):
        if item.quota < 0 or item.realised < 0:
            raise ValidationError(f"{item.period}: quotum en realisatie kunnen niet negatief zijn.")
        if index:
            previous = ordered[index - 1].period
            if item.period == previous:
                raise ValidationError(f"Periode {item.period} staat er twee keer in.")
            if item.period != previous.next():
                raise ValidationError(
                    f"Periodes ontbreken tussen {previous} en {item.period}: "
                    "de achterstand kan niet worden doorgeschoven."
                )
        line = LedgerLine(item.period, item.quota, balance, item.realised)
        lines.append(line)
        balance = line.balance
    return lines


class PaceStatus(StrEnum):
    """Where a municipality stands in a half-year."""

    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"


@dataclass(frozen=True, slots=True)
class Progress:
    """A half-year seen on a date within it: realised so far against the pro-rata schedule."""

    line: LedgerLine
    on: date
    planned: int

    @property
    def period(self) -> HalfYear:
        return self.line.period

    @property
    def expected_to_date(self) -> Fraction:
        """The pro-rata schedule: one sixth of the demand per completed month."""
        return Fraction(self.line.demand * self.period.months_completed(self.on), 6)

    @property
    def projected(self) -> Fraction:
        """Realised so far extrapolated at the same pace (per day) to the end of the half-year."""
        elapsed = (min(self.on, self.period.end) - self.period.start).days + 1
        if elapsed <= 0:
            return Fraction(0)
        return Fraction(self.line.realised * self.period.days, elapsed)

    @property
    def projected_shortfall(self) -> int:
        """ "At this pace you end the period N behind": the demand not met by the projection (0 if met)."""
        return max(0, self.line.demand - int(self.projected))

    @property
    def still_to_find(self) -> int:
        """Persons still to be housed this half-year after the planned realisations (pipeline)."""
        return max(0, self.line.demand - self.line.realised - self.planned)

    @property
    def status(self) -> PaceStatus:
        if self.line.realised > self.line.demand:
            return PaceStatus.AHEAD
        if self.on >= self.period.end:
            return PaceStatus.ON_TRACK if self.line.balance == 0 else PaceStatus.BEHIND
        return PaceStatus.ON_TRACK if self.line.realised >= self.expected_to_date else PaceStatus.BEHIND


def progress(line: LedgerLine, *, on: date, planned: int = 0) -> Progress:
    """The mid-period view of ``line`` on ``on`` with ``planned`` realisations still to come."""
    if planned < 0:
        raise ValidationError("Geplande realisaties kunnen niet negatief zijn.")
    return Progress(line, on, planned)


def period_status(line: LedgerLine) -> PaceStatus:
    """A closed half-year: a surplus is ahead, exactly met is on track, a backlog is behind."""
    if line.balance > 0:
        return PaceStatus.AHEAD
    return PaceStatus.ON_TRACK if line.balance == 0 else PaceStatus.BEHIND


def periods_behind_in_a_row(lines: Sequence[LedgerLine]) -> int:
    """How many of the last closed half-years in a row ended with a backlog (Zuid-Holland intervenes after 4)."""
    count = 0
    for line in reversed(lines):
        if line.balance >= 0:
            break
        count += 1
    return count
