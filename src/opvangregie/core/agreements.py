"""Conditions of agreements about a reception location, as data, and how they are checked (issue 18, item 1).

Agreements between a municipality and its partners (COA, a housing corporation, residents) set conditions:

- a maximum of places (checked against the capacity in force on a date, :mod:`opvangregie.core.occupancy`);
- a maximum of persons (checked against the count in force on a date);
- a target group, and its change after N years (Heemstede council letter, 11 November 2025: Princehof is for
  displaced persons from Ukraine for the first five years, then for another target group);
- a notice period before a change (COA may take 15- to 17-year-olds at the Heemsteedse Dreef if it gives
  three months' notice): notice must be given so that the period has ended by the change date, the period
  counted as in :func:`opvangregie.core.agenda.notice_period_end`;
- an age range of the residents, checkable only where a count gives ages;
- an evaluation that is held only when at least N persons stayed for W consecutive weeks.

The core only computes; the apps store the conditions and word the results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from opvangregie.core import agenda
from opvangregie.core.periods import add_months

MAX_QUANTITY = 10_000  # places or persons, as the register's capacity (locations.CapacityChange)
MAX_WEEKS = 520
MAX_YEARS = 50
MAX_MONTHS = 120
MAX_AGE = 120


class ConditionKind(StrEnum):
    """What a condition of an agreement is about."""

    MAX_PLACES = "max_places"
    MAX_PERSONS = "max_persons"
    TARGET_GROUP = "target_group"
    TARGET_GROUP_CHANGE = "target_group_change"
    NOTICE_PERIOD = "notice_period"
    AGE_RANGE = "age_range"
    EVALUATION_WINDOW = "evaluation_window"


class Verdict(StrEnum):
    """The outcome of checking a condition against the register on a date."""

    WITHIN = "within"  # the register keeps to the condition
    BROKEN = "broken"  # the register breaks it: a warning
    UNKNOWN = "unknown"  # the register lacks what is needed to check (no count, no ages)
    INFORMATION = "information"  # a date or a rule to know, nothing to compare


@dataclass(frozen=True, slots=True)
class MaximumCheck:
    """A maximum (places or persons) against the actual number on ``on``; ``actual`` None when unknown."""

    limit: int
    actual: int | None
    on: date

    @property
    def verdict(self) -> Verdict:
        if self.actual is None:
            return Verdict.UNKNOWN
        return Verdict.WITHIN if self.actual <= self.limit else Verdict.BROKEN


def check_maximum(*, limit: int, actual: int | None, on: date) -> MaximumCheck:
    """An agreed maximum of places or persons: kept when the number in force on ``on`` is at most ``limit``."""
    if limit < 0:
        raise ValueError("limit must be at least 0")
    return MaximumCheck(limit, actual, on)


@dataclass(frozen=True, slots=True)
class AgeCheck:
    """An agreed age range of the residents against the ages a count gives (None: no ages known)."""

    minimum: int | None
    maximum: int | None
    ages: tuple[int, ...] | None

    @property
    def outside(self) -> tuple[int, ...]:
        """The ages outside the range (empty when none are known)."""
        return tuple(
            age
            for age in self.ages or ()
            if (self.minimum is not None and age < self.minimum) or (self.maximum is not None and age > self.maximum)
        )

    @property
    def verdict(self) -> Verdict:
        if self.ages is None:
            return Verdict.UNKNOWN  # not checkable without ages: nothing is assumed
        return Verdict.BROKEN if self.outside else Verdict.WITHIN


def check_ages(*, minimum: int | None, maximum: int | None, ages: Sequence[int] | None) -> AgeCheck:
    """Residents' ages within ``minimum``..``maximum`` (inclusive, either end open); unknown without ages."""
    if minimum is None and maximum is None:
        raise ValueError("an age range needs a minimum or a maximum")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValueError("the minimum age is above the maximum age")
    return AgeCheck(minimum, maximum, None if ages is None else tuple(ages))


def target_group_change_date(start: date, years: int) -> date:
    """The day a location changes target group "after ``years`` years" counted from ``start`` (same day of
    the month, :func:`opvangregie.core.periods.add_months`): Princehof's first five years from coming into use."""
    if years < 1:
        raise ValueError("years must be at least 1")
    return add_months(start, 12 * years)


def notice_deadline(change: date, months: int) -> date:
    """The last day to give notice of ``months`` months before a change on ``change``
    (:func:`opvangregie.core.agenda.notice_deadline`, where the agenda's notice rules live)."""
    return agenda.notice_deadline(change, months)


_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Dated:
    """A dated count: ``value`` persons from ``on`` until the next count."""

    on: date
    value: int


def in_force(items: Sequence[tuple[date, _T]], on: date) -> _T | None:
    """The item with the latest date on or before ``on`` (None before the first)."""
    chosen: _T | None = None
    best: date | None = None
    for day, item in items:
        if day <= on and (best is None or day >= best):
            best, chosen = day, item
    return chosen


def first_met(counts: Sequence[Dated], *, minimum: int, weeks: int, until: date | None = None) -> date | None:
    """The first day D such that on every day of the ``weeks`` weeks ending on D (D included, 7·weeks days)
    the persons in force are at least ``minimum``; None if never (by ``until``, when given).

    A count holds from its date until the day before the next count; the last count holds on (up to
    ``until``). Before the first count nothing is known, which never meets the condition. This is the
    evaluation rule of the Heemsteedse Dreef agreement ("14 children for 8 consecutive weeks").
    """
    if minimum < 0 or weeks < 1:
        raise ValueError("minimum must be at least 0 and weeks at least 1")
    ordered = sorted(counts, key=lambda count: count.on)
    if len({count.on for count in ordered}) != len(ordered):
        raise ValueError("two counts on one date")
    length = timedelta(days=7 * weeks - 1)
    run_start: date | None = None
    for index, count in enumerate(ordered):
        if count.value < minimum:
            run_start = None
            continue
        if run_start is None:
            run_start = count.on
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if following is not None and following.value >= minimum:
            continue  # the run goes on
        met = run_start + length
        run_end = following.on if following is not None else None  # first day no longer met
        if (run_end is None or met < run_end) and (until is None or met <= until):
            return met
    return None
