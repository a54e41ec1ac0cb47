"""The forward look (issue 16): the places expected at future period ends, per target group, against the target.

Rules, per location and period end ``d`` (the last day of a quarter, or of a half-year for status holders):

1. The location's timeline is its actual dated transitions (core.lifecycle) followed by its *pending*
   expected transitions (see :func:`pending_expected`). It counts on ``d`` when the status in force on
   ``d`` is ``in_use``: so from its actual in-use date or, not yet in use, from its expected in-use date.
   A location with neither does not count in the future.
2. It stops counting on its actual or expected out-of-use (or closure) date, and after ``planned_until``
   (the end of a temporary permit, the last day with places).
3. Its places are the capacity in force on ``d``: the latest capacity change on or before ``d``, future
   changes included (as in core.occupancy). In use without a known capacity it is flagged ("geen
   capaciteit bekend") and counts 0 places; it is never reported as full.
4. The target in force on ``d`` is the latest :class:`TargetChange` of the group on or before ``d``; no
   target known means the gap is None, never 0 (core.occupancy.target_gap).

A :class:`Scenario` is a pure transformation of the inputs (shift a location's expected dates, drop a
location, set a capacity change): :func:`compare_scenario` projects with and without it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from itertools import pairwise
from typing import TypeAlias

from opvangregie.core.errors import ValidationError
from opvangregie.core.lifecycle import LocationStatus, Transition
from opvangregie.core.occupancy import CapacityChange, target_gap
from opvangregie.core.periods import HalfYear, Quarter, add_months
from opvangregie.core.target_groups import TargetGroup

Period: TypeAlias = Quarter | HalfYear

_STAGE = {status: rank for rank, status in enumerate(LocationStatus)}  # planned … closed, in lifecycle order


def next_quarters(today: date, n: int) -> tuple[Quarter, ...]:
    """The ``n`` quarters whose last day lies after ``today`` (the current quarter first, unless today ends it)."""
    quarter = Quarter.containing(today)
    if quarter.end <= today:
        quarter = quarter.next()
    periods = []
    for _ in range(n):
        periods.append(quarter)
        quarter = quarter.next()
    return tuple(periods)


def next_half_years(today: date, n: int) -> tuple[HalfYear, ...]:
    """The ``n`` half-years whose last day lies after ``today`` (Huisvestingswet 2014 art. 29: kalenderhalfjaar)."""
    half = HalfYear.containing(today)
    if half.end <= today:
        half = half.next()
    periods = []
    for _ in range(n):
        periods.append(half)
        half = half.next()
    return tuple(periods)


@dataclass(frozen=True, slots=True)
class ExpectedTransition:
    """The location is expected to reach ``status`` on ``expected`` (a planned, not an actual, date)."""

    status: LocationStatus
    expected: date


@dataclass(frozen=True, slots=True)
class LocationPlan:
    """What the forward look needs of one location.

    ``transitions`` are the actual dated status changes, in recorded order; ``expected`` holds at most one
    planned date per stage, not earlier than the date of an earlier stage; ``capacities`` may include
    future (expected) changes; ``planned_until`` is the last day with places (temporary permit).
    Sequences are stored as tuples.
    """

    key: Hashable
    target_group: TargetGroup
    name: str = ""
    transitions: Sequence[Transition] = ()
    expected: Sequence[ExpectedTransition] = ()
    capacities: Sequence[CapacityChange] = ()
    planned_until: date | None = None

    def __post_init__(self) -> None:
        expected = tuple(sorted(self.expected, key=lambda e: _STAGE[e.status]))
        for earlier, later in pairwise(expected):
            if earlier.status is later.status:
                raise ValidationError(
                    f"{self.name or self.key}: twee verwachte datums voor '{later.status.label_nl}'.",
                    details={"status": later.status.value},
                )
            if later.expected < earlier.expected:
                raise ValidationError(
                    f"{self.name or self.key}: de verwachte datum voor '{later.status.label_nl}' "
                    f"({later.expected:%d-%m-%Y}) ligt vóór die voor '{earlier.status.label_nl}' "
                    f"({earlier.expected:%d-%m-%Y}).",
                    details={"status": later.status.value},
                )
        object.__setattr__(self, "expected", expected)
        object.__setattr__(self, "transitions", tuple(sorted(self.transitions, key=lambda t: t.effective)))
        object.__setattr__(self, "capacities", tuple(sorted(self.capacities, key=lambda c: c.effective)))


def pending_expected(plan: LocationPlan) -> tuple[ExpectedTransition, ...]:
    """The expected transitions that have not happened yet, in stage order.

    Without actual history, all of them. Otherwise those of a later stage than the last actual status;
    and, when the location is out of use (it may reopen), also every one dated after it went out of use.
    An expected date that has passed stays pending: the agenda flags it as overdue.
    """
    if not plan.transitions:
        return tuple(plan.expected)
    last = plan.transitions[-1]
    return tuple(
        item
        for item in plan.expected
        if _STAGE[item.status] > _STAGE[last.status]
        or (last.status is LocationStatus.OUT_OF_USE and item.expected > last.effective)
    )


@dataclass(frozen=True, slots=True)
class _Step:
    status: LocationStatus
    effective: date
    expected: bool


def _timeline(plan: LocationPlan) -> tuple[_Step, ...]:
    """Actual transitions, then pending expected ones; an overdue expected date moves up to the last actual one."""
    steps = [_Step(t.status, t.effective, False) for t in plan.transitions]
    floor = plan.transitions[-1].effective if plan.transitions else date.min
    steps += [_Step(e.status, max(e.expected, floor), True) for e in pending_expected(plan)]
    return tuple(steps)


class PartState(StrEnum):
    """Why a location does or does not add places on a period end."""

    COUNTED = "counted"
    NO_CAPACITY = "no_capacity"
    NOT_IN_USE = "not_in_use"
    AFTER_PLANNED_END = "after_planned_end"

    @property
    def label_nl(self) -> str:
        return _PART_LABELS[self]


_PART_LABELS = {
    PartState.COUNTED: "telt",
    PartState.NO_CAPACITY: "geen capaciteit bekend",
    PartState.NOT_IN_USE: "niet in gebruik",
    PartState.AFTER_PLANNED_END: "na de geplande einddatum",
}


@dataclass(frozen=True, slots=True)
class LocationPart:
    """One location's contribution to one period end.

    ``status`` is the actual-or-expected status on that day (None before any), ``expected`` says the status
    rests on an expected date, ``in_use_since`` is the start of the in-use spell that covers the day.
    """

    key: Hashable
    name: str
    target_group: TargetGroup
    on: date
    state: PartState
    status: LocationStatus | None
    places: int
    expected: bool = False
    in_use_since: date | None = None

    @property
    def in_use(self) -> bool:
        """In use on the day (with or without a known capacity)."""
        return self.state in (PartState.COUNTED, PartState.NO_CAPACITY)

    @property
    def capacity_unknown(self) -> bool:
        """In use, but no capacity is known: flagged, counted as 0 places, never "full"."""
        return self.state is PartState.NO_CAPACITY


def location_part(plan: LocationPlan, on: date, timeline: tuple[_Step, ...] | None = None) -> LocationPart:
    """The contribution of one location on ``on`` under the rules of this module (``timeline``: the plan's
    :func:`_timeline`, when the caller already has it)."""
    step = None
    # the last step on or before ``on``; among equal dates the later one
    for candidate in _timeline(plan) if timeline is None else timeline:
        if candidate.effective <= on:
            step = candidate
    status = step.status if step else None
    expected = step.expected if step else False

    def part(state: PartState, places: int = 0, since: date | None = None) -> LocationPart:
        return LocationPart(plan.key, plan.name, plan.target_group, on, state, status, places, expected, since)

    if step is None or step.status is not LocationStatus.IN_USE:
        return part(PartState.NOT_IN_USE)
    if plan.planned_until is not None and on > plan.planned_until:
        return part(PartState.AFTER_PLANNED_END)
    capacity = None
    for change in plan.capacities:
        if change.effective <= on:
            capacity = change
    if capacity is None:
        return part(PartState.NO_CAPACITY, 0, step.effective)
    return part(PartState.COUNTED, capacity.places, step.effective)


@dataclass(frozen=True, slots=True)
class TargetChange:
    """From ``valid_from`` the target of ``target_group`` is ``places`` (None: from then on unknown)."""

    target_group: TargetGroup
    valid_from: date
    places: int | None


def target_on(targets: Iterable[TargetChange], target_group: TargetGroup, on: date) -> int | None:
    """The target in force on ``on``: the latest change of the group on or before it (None when there is none)."""
    found: TargetChange | None = None
    for item in targets:
        if (
            item.target_group is target_group
            and item.valid_from <= on
            and (found is None or item.valid_from >= found.valid_from)
        ):
            found = item
    return found.places if found else None


@dataclass(frozen=True, slots=True)
class ProjectionLine:
    """One target group on one period end: the places expected (the sum of ``parts``) against the target."""

    period: Period
    target_group: TargetGroup
    places: int
    target: int | None
    parts: tuple[LocationPart, ...]

    @property
    def on(self) -> date:
        return self.period.end

    @property
    def gap(self) -> int | None:
        """Places minus target (negative: a shortfall); None when the target is unknown."""
        return target_gap(self.target, self.places)

    @property
    def expected_places(self) -> int:
        """The part of ``places`` that rests on expected, not actual, dates."""
        return sum(p.places for p in self.parts if p.expected)

    @property
    def flagged(self) -> tuple[LocationPart, ...]:
        """Locations in use without a known capacity ("geen capaciteit bekend")."""
        return tuple(p for p in self.parts if p.capacity_unknown)


@dataclass(frozen=True, slots=True)
class Projection:
    """Lines per period (in the given order) and target group (in TargetGroup order)."""

    periods: tuple[Period, ...]
    target_groups: tuple[TargetGroup, ...]
    lines: tuple[ProjectionLine, ...]

    def line(self, period: Period, target_group: TargetGroup) -> ProjectionLine:
        """The line of one period and group (KeyError when the projection has none)."""
        for item in self.lines:
            if item.period == period and item.target_group is target_group:
                return item
        raise KeyError((period, target_group))


def project(
    plans: Iterable[LocationPlan],
    periods: Sequence[Period],
    *,
    targets: Iterable[TargetChange] = (),
    target_groups: Iterable[TargetGroup] | None = None,
) -> Projection:
    """The places expected on the last day of each period, per target group, summed over ``plans``.

    ``target_groups`` defaults to every group of the plans and the targets; plans of other groups are left out.
    """
    plans = tuple(plans)
    targets = tuple(targets)
    keys = [plan.key for plan in plans]
    if len(set(keys)) != len(keys):
        raise ValidationError("Een locatie staat twee keer in de projectie.")
    wanted = (
        set(target_groups)
        if target_groups is not None
        else {p.target_group for p in plans} | {t.target_group for t in targets}
    )
    groups = tuple(group for group in TargetGroup if group in wanted)
    timelines = [(plan, _timeline(plan)) for plan in plans]  # once per plan, not once per period
    lines = []
    for period in periods:
        end = period.end
        for group in groups:
            parts = tuple(
                location_part(plan, end, timeline) for plan, timeline in timelines if plan.target_group is group
            )
            lines.append(
                ProjectionLine(period, group, sum(p.places for p in parts), target_on(targets, group, end), parts)
            )
    return Projection(tuple(periods), groups, tuple(lines))


# --- scenarios -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShiftExpected:
    """Move a location's expected transition dates ``months`` calendar months (negative: earlier).

    Actual transitions and ``planned_until`` stay; capacity changes dated after ``capacities_after`` (e.g.
    today) move along when it is given, so a phased opening keeps its phases.
    """

    key: Hashable
    months: int
    capacities_after: date | None = None


@dataclass(frozen=True, slots=True)
class DropLocation:
    """Leave the location out altogether."""

    key: Hashable


@dataclass(frozen=True, slots=True)
class SetCapacity:
    """From ``effective`` the location has ``places`` places, replacing a change of that date (None removes it)."""

    key: Hashable
    effective: date
    places: int | None


ScenarioChange: TypeAlias = ShiftExpected | DropLocation | SetCapacity


@dataclass(frozen=True, slots=True)
class Scenario:
    """A named "what if": changes applied in order, to copies of the plans."""

    name: str
    changes: tuple[ScenarioChange, ...] = field(default=())


def _apply(plan: LocationPlan, change: ShiftExpected | SetCapacity) -> LocationPlan:
    if isinstance(change, ShiftExpected):
        expected = [replace(e, expected=add_months(e.expected, change.months)) for e in plan.expected]
        capacities = [
            replace(c, effective=add_months(c.effective, change.months))
            if change.capacities_after is not None and c.effective > change.capacities_after
            else c
            for c in plan.capacities
        ]
        return replace(plan, expected=expected, capacities=capacities)
    if change.places is not None and change.places < 0:
        raise ValidationError("Een capaciteit kan niet negatief zijn.")
    capacities = [c for c in plan.capacities if c.effective != change.effective]
    if change.places is not None:
        capacities.append(CapacityChange(change.effective, change.places))
    return replace(plan, capacities=capacities)


def apply_scenario(plans: Iterable[LocationPlan], scenario: Scenario) -> tuple[LocationPlan, ...]:
    """The plans as the scenario would have them; the given plans are left as they are.

    A change that names a location that is not (or no longer) among the plans is refused.
    """
    result = list(plans)
    for change in scenario.changes:
        index = next((i for i, plan in enumerate(result) if plan.key == change.key), None)
        if index is None:
            raise ValidationError(
                f"Scenario '{scenario.name}': locatie {change.key!r} komt niet voor.", details={"key": str(change.key)}
            )
        if isinstance(change, DropLocation):
            del result[index]
        else:
            result[index] = _apply(result[index], change)
    return tuple(result)


@dataclass(frozen=True, slots=True)
class LineDifference:
    """One period and group with and without the scenario."""

    period: Period
    target_group: TargetGroup
    base_places: int
    scenario_places: int
    target: int | None
    changed: tuple[Hashable, ...]  # locations whose places differ (dropped ones included)

    @property
    def difference(self) -> int:
        """Scenario minus base (negative: the scenario has fewer places)."""
        return self.scenario_places - self.base_places

    @property
    def base_gap(self) -> int | None:
        return target_gap(self.target, self.base_places)

    @property
    def scenario_gap(self) -> int | None:
        return target_gap(self.target, self.scenario_places)


@dataclass(frozen=True, slots=True)
class ScenarioComparison:
    scenario: Scenario
    base: Projection
    alternative: Projection
    differences: tuple[LineDifference, ...]

    def difference(self, period: Period, target_group: TargetGroup) -> LineDifference:
        for item in self.differences:
            if item.period == period and item.target_group is target_group:
                return item
        raise KeyError((period, target_group))


def compare_scenario(
    plans: Iterable[LocationPlan],
    scenario: Scenario,
    periods: Sequence[Period],
    *,
    targets: Iterable[TargetChange] = (),
    target_groups: Iterable[TargetGroup] | None = None,
) -> ScenarioComparison:
    """Project the plans with and without ``scenario`` (over the same groups) and compare line by line."""
    plans = tuple(plans)
    targets = tuple(targets)
    base = project(plans, periods, targets=targets, target_groups=target_groups)
    alternative = project(apply_scenario(plans, scenario), periods, targets=targets, target_groups=base.target_groups)
    differences = []
    for line, other in zip(base.lines, alternative.lines, strict=True):
        before = {p.key: p.places for p in line.parts}
        after = {p.key: p.places for p in other.parts}
        changed = tuple(key for key in before if after.get(key, 0) != before[key])
        changed += tuple(key for key in after if key not in before and after[key])
        differences.append(
            LineDifference(line.period, line.target_group, line.places, other.places, line.target, changed)
        )
    return ScenarioComparison(scenario, base, alternative, tuple(differences))
