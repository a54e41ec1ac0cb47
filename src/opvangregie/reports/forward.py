"""The forward look: places expected at the end of the next quarters per municipality, region or province,
against the target in force, with an optional what-if scenario that changes nothing in the data.

The rules are in :mod:`opvangregie.core.projection`; this module reads the register for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from opvangregie.areas.models import Municipality
from opvangregie.core import projection
from opvangregie.core.errors import ValidationError
from opvangregie.core.periods import Quarter
from opvangregie.core.target_groups import TargetGroup
from opvangregie.distribution.models import DistributionRun
from opvangregie.distribution.selectors import run_table
from opvangregie.locations.models import MunicipalTarget
from opvangregie.locations.selectors import locations_readable, plans_of
from opvangregie.organisations.scope import scope_for
from opvangregie.quotas.selectors import HalfYearOutlook, quota_outlook

QUARTERS = 8
MAX_QUARTERS = 20
MAX_SHIFT_MONTHS = 120


@dataclass(frozen=True, slots=True)
class ScenarioRequest:
    """A what-if asked for on a page, the API or the command line: one location and what changes."""

    location_id: int
    shift_months: int | None = None
    drop: bool = False
    capacity: int | None = None
    capacity_from: date | None = None

    def scenario(self, name: str, today: date) -> projection.Scenario:
        """The core scenario; refuses a request that says nothing or too much. A shift moves the expected
        dates and the capacity changes still to come (a phased opening keeps its phases)."""
        changes: list[projection.ScenarioChange] = []
        if self.drop:
            changes.append(projection.DropLocation(self.location_id))
        if self.shift_months:
            if abs(self.shift_months) > MAX_SHIFT_MONTHS:
                raise ValidationError(f"Verschuif hoogstens {MAX_SHIFT_MONTHS} maanden.")
            changes.append(projection.ShiftExpected(self.location_id, self.shift_months, capacities_after=today))
        if self.capacity is not None or self.capacity_from is not None:
            if self.capacity is None or self.capacity_from is None:
                raise ValidationError("Geef voor een ander aantal plekken zowel het aantal als de ingangsdatum.")
            if not 0 <= self.capacity <= 10_000:
                raise ValidationError("Het aantal plekken ligt tussen 0 en 10.000.")
            changes.append(projection.SetCapacity(self.location_id, self.capacity_from, self.capacity))
        if not changes:
            raise ValidationError("Kies wat er in het scenario verandert: verschuiven, weglaten of plekken.")
        if self.drop and len(changes) > 1:
            raise ValidationError("Een weggelaten locatie kan niet ook verschuiven of andere plekken krijgen.")
        return projection.Scenario(f"{name}: {self.describe()}", tuple(changes))

    def describe(self) -> str:
        """The scenario in words, e.g. "3 maanden later" or "20 plekken vanaf 01-09-2026"."""
        words = []
        if self.drop:
            words.append("weggelaten")
        if self.shift_months:
            months = abs(self.shift_months)
            unit = "maand" if months == 1 else "maanden"
            words.append(f"{months} {unit} {'later' if self.shift_months > 0 else 'eerder'}")
        if self.capacity is not None and self.capacity_from is not None:
            words.append(f"{self.capacity} plekken vanaf {self.capacity_from:%d-%m-%Y}")
        return ", ".join(words)


@dataclass(frozen=True, slots=True)
class SpreidingRow:
    """Asylum and AMV places together at a quarter's end against the Spreidingswet task (and a scenario's)."""

    period: projection.Period
    places: int
    task: int | None
    scenario_places: int | None = None

    @property
    def gap(self) -> int | None:
        return None if self.task is None else self.places - self.task

    @property
    def scenario_difference(self) -> int | None:
        return None if self.scenario_places is None else self.scenario_places - self.places


@dataclass(frozen=True, slots=True)
class StatusHolderLine:
    """A half-year ahead for status holders: the quota outlook and the transit places at its end."""

    outlook: HalfYearOutlook
    transit_places: int


@dataclass(frozen=True, slots=True)
class ForwardLook:
    """The projection of an area on ``today`` and, if asked, the same with a scenario."""

    today: date
    base: projection.Projection
    comparison: projection.ScenarioComparison | None
    locations: tuple[tuple[int, str], ...]  # the locations a scenario can name (id, name)
    status_holders: tuple[StatusHolderLine, ...] = ()
    spreiding_task: int | None = None  # the adopted distribution's task, asylum and AMV places together
    spreiding_needed_on: date | None = None

    def spreiding_rows(self) -> list[SpreidingRow]:
        """Per quarter the asylum and AMV places expected together against the Spreidingswet task (art. 5:
        one task for both groups; None when no distribution has been adopted), beside a scenario's."""
        groups = [g for g in (TargetGroup.ASYLUM, TargetGroup.AMV) if g in self.base.target_groups]
        if self.spreiding_task is None and not groups:
            return []
        rows = []
        for period in self.base.periods:
            places = sum(self.base.line(period, group).places for group in groups)
            scenario = (
                sum(self.comparison.difference(period, group).scenario_places for group in groups)
                if self.comparison
                else None
            )
            rows.append(SpreidingRow(period, places, self.spreiding_task, scenario))
        return rows

    def rows(self, target_group: TargetGroup) -> list[projection.ProjectionLine]:
        """The group's lines in period order (empty when the area has no location or target of the group)."""
        if target_group not in self.base.target_groups:
            return []
        return [self.base.line(period, target_group) for period in self.base.periods]

    def scenario_rows(self, target_group: TargetGroup) -> list[projection.LineDifference]:
        if self.comparison is None or target_group not in self.base.target_groups:
            return []
        return [self.comparison.difference(period, target_group) for period in self.base.periods]


def _targets(municipality_ids: Sequence[int]) -> list[projection.TargetChange]:
    """The area's targets over time: on every date a municipality's target changes, the sum of the targets
    in force then (a municipality without a target adds nothing; no target at all stays unknown)."""
    rows = list(MunicipalTarget.objects.filter(municipality_id__in=municipality_ids).order_by("valid_from", "pk"))
    changes: list[projection.TargetChange] = []
    for group in {TargetGroup(row.target_group) for row in rows}:
        own = [row for row in rows if row.target_group == group.value]
        for day in sorted({row.valid_from for row in own}):
            in_force: dict[int, int] = {}
            for row in own:
                if row.valid_from <= day:
                    in_force[row.municipality_id] = row.places
            changes.append(projection.TargetChange(group, day, sum(in_force.values())))
    return changes


def scenario_locations(*, actor: Any, municipality_ids: Sequence[int]) -> tuple[tuple[int, str], ...]:
    """The locations (id, label) a scenario in the area may name: those ``actor`` may read; in an area of
    several municipalities the label names the municipality too ("Voorbeeldlocatie 1 (Alkmaar)")."""
    queryset = locations_readable(scope_for(actor)).filter(municipality_id__in=list(municipality_ids))
    rows = queryset.order_by("name", "municipality__name", "pk").values_list("pk", "name", "municipality__name")
    if len(municipality_ids) == 1:
        return tuple((pk, name) for pk, name, _ in rows)
    return tuple((pk, f"{name} ({town})") for pk, name, town in rows)


def forward_look(
    *,
    actor: Any,
    municipality_ids: Sequence[int],
    today: date,
    quarters: int = QUARTERS,
    scenario: ScenarioRequest | None = None,
) -> ForwardLook:
    """The places expected at the end of each of the next ``quarters`` quarters in the municipalities, of the
    locations ``actor`` may read, against the targets in force; with ``scenario`` also the what-if."""
    if not 1 <= quarters <= MAX_QUARTERS:
        raise ValidationError(f"Kies 1 tot {MAX_QUARTERS} kwartalen.")
    queryset = locations_readable(scope_for(actor)).filter(municipality_id__in=list(municipality_ids))
    plans = plans_of(queryset.order_by("name", "pk"))
    periods: tuple[Quarter, ...] = projection.next_quarters(today, quarters)
    targets = _targets(municipality_ids)
    base = projection.project(plans, periods, targets=targets)
    comparison = None
    if scenario is not None:
        named = next((plan for plan in plans if plan.key == scenario.location_id), None)
        if named is None:
            raise ValidationError("Die locatie hoort niet bij dit gebied of u mag haar niet zien.")
        comparison = projection.compare_scenario(
            plans, scenario.scenario(named.name, today), periods, targets=targets, target_groups=base.target_groups
        )
    task, needed_on = _spreiding_task(actor, municipality_ids, today)
    return ForwardLook(
        today,
        base,
        comparison,
        tuple((cast(int, plan.key), plan.name) for plan in plans),  # plans_of keys plans by location id
        _status_holders(actor, municipality_ids, plans, today),
        task,
        needed_on,
    )


def _spreiding_task(actor: Any, municipality_ids: Sequence[int], today: date) -> tuple[int | None, date | None]:
    """The task of the latest adopted distribution for the municipalities (published and exchanged tasks
    included, as the provincial overview reads it), with the date the places are needed."""
    run = DistributionRun.objects.filter(is_adopted=True).order_by("-cycle").first()
    if run is None:
        return None, None
    table = run_table(actor=actor, run=run, on=today, municipality_ids=municipality_ids)
    return (sum(row.task for row in table.rows), run.needed_on) if table.rows else (None, None)


def _status_holders(
    actor: Any, municipality_ids: Sequence[int], plans: Sequence[projection.LocationPlan], today: date
) -> tuple[StatusHolderLine, ...]:
    """Status holders go by half-year (Huisvestingswet 2014 art. 29): the quota outlook of the running and
    next three half-years, beside the places of transit locations at each half-year's end."""
    municipalities = list(Municipality.objects.filter(pk__in=list(municipality_ids)))
    outlook = quota_outlook(actor=actor, municipalities=municipalities, on=today)
    transit = projection.project(plans, [item.period for item in outlook], target_groups=[TargetGroup.STATUS_HOLDER])
    return tuple(
        StatusHolderLine(item, transit.line(item.period, TargetGroup.STATUS_HOLDER).places) for item in outlook
    )


@dataclass(frozen=True, slots=True)
class TableRow:
    """One line of the projection as the command line and the CSV print it (the page shows the same)."""

    period: str
    end: date
    target_group: TargetGroup
    places: int
    expected_places: int
    target: int | None
    gap: int | None
    without_capacity: int

    def values(self) -> tuple[object, ...]:
        blank = ""
        return (
            self.period,
            self.end.isoformat(),
            self.target_group.label_nl,
            self.places,
            self.expected_places,
            blank if self.target is None else self.target,
            blank if self.gap is None else self.gap,
            self.without_capacity,
        )


def projection_table(look: ForwardLook, *, scenario: bool = False) -> list[TableRow]:
    """Every line of the projection (or, with ``scenario``, of the scenario) in period and group order."""
    source = look.comparison.alternative if scenario and look.comparison else look.base
    return [
        TableRow(
            str(line.period),
            line.on,
            line.target_group,
            line.places,
            line.expected_places,
            line.target,
            line.gap,
            len(line.flagged),
        )
        for line in source.lines
    ]
