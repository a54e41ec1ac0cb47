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
    """The quota and the persons realised in one half-year.

    ``known`` is False when no quota (computed or published) exists for the municipality in the half-year:
    the line still carries the balance through (with ``quota`` 0), but the half-year has no data and is
    judged neither behind nor on track.
    """

    period: HalfYear
    quota: int
    realised: int
    known: bool = True


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One half-year of the ledger."""

    period: HalfYear
    quota: int
    carried_in: int
    realised: int
    known: bool = True

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
        line = LedgerLine(item.period, item.quota, balance, item.realised, item.known)
        lines.append(line)
        balance = line.balance
    return lines


class PaceStatus(StrEnum):
    """Where a municipality stands in a half-year; ``NO_DATA`` when there is nothing to judge it on."""

    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


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
        return expected_to_date(self.line, on=self.on)

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
        return status_on(self.line, on=self.on)


def expected_to_date(line: LedgerLine, *, on: date) -> Fraction:
    """The pro-rata schedule of a half-year on ``on``: one sixth of the demand per completed month."""
    return Fraction(line.demand * line.period.months_completed(on), 6)


def progress(line: LedgerLine, *, on: date, planned: int = 0) -> Progress:
    """The mid-period view of ``line`` on ``on`` with ``planned`` realisations still to come."""
    if planned < 0:
        raise ValidationError("Geplande realisaties kunnen niet negatief zijn.")
    return Progress(line, on, planned)


def period_status(line: LedgerLine) -> PaceStatus:
    """A closed half-year: a surplus is ahead, exactly met is on track, a backlog is behind; without a
    quota there is no data."""
    if not line.known:
        return PaceStatus.NO_DATA
    if line.balance > 0:
        return PaceStatus.AHEAD
    return PaceStatus.ON_TRACK if line.balance == 0 else PaceStatus.BEHIND


def status_on(line: LedgerLine | None, *, on: date) -> PaceStatus:
    """The one judgement of a municipality in a half-year seen on ``on`` (Huisvestingswet 2014 art. 28–29).

    - No line (the half-year is not opened or not kept for the municipality), no quota for it, or a
      half-year that has not started on ``on``: ``NO_DATA`` — never behind, never on track.
    - Closed on ``on`` (:meth:`HalfYear.is_closed_on`): the final balance decides (:func:`period_status`).
    - Running: more than the demand realised is ahead; otherwise the pro-rata schedule (one sixth of the
      demand per completed month) decides between on track and behind.

    Every page, export, API and letter that says "behind" asks this function.
    """
    if line is None or not line.known or on < line.period.start:
        return PaceStatus.NO_DATA
    if line.period.is_closed_on(on):
        return period_status(line)
    if line.realised > line.demand:
        return PaceStatus.AHEAD
    return PaceStatus.ON_TRACK if line.realised >= expected_to_date(line, on=on) else PaceStatus.BEHIND


@dataclass(frozen=True, slots=True)
class StatusTally:
    """How many municipalities are ahead, on track, behind or without data in one half-year: the four add up
    to the number of municipalities, and "N of M behind" counts M over those with data only."""

    ahead: int = 0
    on_track: int = 0
    behind: int = 0
    no_data: int = 0

    @classmethod
    def of(cls, statuses: Iterable[PaceStatus]) -> StatusTally:
        counts = dict.fromkeys(PaceStatus, 0)
        for status in statuses:
            counts[status] += 1
        return cls(
            ahead=counts[PaceStatus.AHEAD],
            on_track=counts[PaceStatus.ON_TRACK],
            behind=counts[PaceStatus.BEHIND],
            no_data=counts[PaceStatus.NO_DATA],
        )

    @property
    def total(self) -> int:
        return self.ahead + self.on_track + self.behind + self.no_data

    @property
    def judged(self) -> int:
        """Municipalities with data in the half-year (the M of "N of M behind"); 0: the half-year has no data."""
        return self.total - self.no_data

    def items(self) -> list[tuple[PaceStatus, int]]:
        """Each status with its count, in a fixed order (behind first, no data last)."""
        return [
            (PaceStatus.BEHIND, self.behind),
            (PaceStatus.ON_TRACK, self.on_track),
            (PaceStatus.AHEAD, self.ahead),
            (PaceStatus.NO_DATA, self.no_data),
        ]


def periods_behind_in_a_row(lines: Sequence[LedgerLine], *, opening_balance: int = 0) -> int:
    """How many of the last closed half-years in a row ended with a backlog (Zuid-Holland intervenes after 4).

    ``lines`` are the closed half-years from the first one kept. A backlog carried in from before the first
    kept half-year (a negative ``opening_balance``) means the half-year before it ended behind: it counts as
    one half-year behind when the run reaches back to it (Heemstede: 7 behind from 2024, 8 behind after
    2025-H1, so 2 half-years in a row on the 2025-H1 letter). A half-year without data ends the run.
    """
    count = 0
    for line in reversed(lines):
        if not line.known or line.balance >= 0:
            return count
        count += 1
    return count + (1 if opening_balance < 0 else 0)
