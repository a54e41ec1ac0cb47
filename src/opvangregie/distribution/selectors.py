"""Reads for the Spreidingswet distribution: run tables, comparisons, counted existing places, the
province's overview and regional plans. A fixed number of queries whatever the number of municipalities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet

from opvangregie.areas.models import Municipality, Province
from opvangregie.core.errors import NotFound
from opvangregie.core.lifecycle import LocationStatus, status_on
from opvangregie.core.spreiding import Counted, CountingRules, PlaceFacts, counted_places
from opvangregie.core.target_groups import TargetGroup
from opvangregie.distribution.models import (
    CountingRuleSet,
    DistributionResult,
    DistributionRun,
    ExchangeLine,
    PlanContribution,
    PublishedTask,
    RegionalPlan,
)
from opvangregie.locations.models import Location
from opvangregie.locations.selectors import plans_of
from opvangregie.organisations.scope import Scope, require, scope_for

ASYLUM_GROUPS = (TargetGroup.ASYLUM.value, TargetGroup.AMV.value)
PREPARATION = {LocationStatus.PLANNED, LocationStatus.DECIDED, LocationStatus.PERMIT, LocationStatus.UNDER_CONSTRUCTION}


def runs_list(*, actor: Any) -> QuerySet[DistributionRun]:
    """Runs are national calculations: every signed-in user sees the list (rows are filtered by scope)."""
    require(scope_for(actor).is_authenticated)
    return DistributionRun.objects.select_related("ses_dataset", "created_by")


def run_get(*, actor: Any, run_id: int) -> DistributionRun:
    run = runs_list(actor=actor).filter(pk=run_id).first()
    if run is None:
        raise NotFound("Verdeelberekening niet gevonden.")
    return run


def counting_rules(cycle: int) -> CountingRules:
    rules = CountingRuleSet.objects.filter(cycle=cycle).first()
    if rules is None:
        return CountingRules()
    return CountingRules(rules.min_places, rules.min_years, rules.pipeline_months)


@dataclass(frozen=True, slots=True)
class CountedLocation:
    location: Location
    status: LocationStatus | None
    places: int
    counted: Counted


@dataclass(frozen=True, slots=True)
class ExistingPlaces:
    """A municipality's asylum and AMV locations and the places that count toward its task."""

    locations: list[CountedLocation] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return sum(item.counted.places for item in self.locations)

    @property
    def hosts_reception(self) -> bool:
        """True when an asylum or AMV location is in use (the "17 of 44" count)."""
        return any(item.status is LocationStatus.IN_USE for item in self.locations)


def existing_places(municipality_ids: Sequence[int], *, on: date, rules: CountingRules) -> dict[int, ExistingPlaces]:
    """Asylum and AMV places in the register per municipality and what counts under ``rules``
    (Spreidingswet art. 5: existing places count toward the task). The lifecycle and capacities are read
    as plain rows: the national table counts every asylum location of the country (issue 20)."""
    queryset = Location.objects.filter(municipality_id__in=municipality_ids, target_group__in=ASYLUM_GROUPS)
    queryset = queryset.order_by("name", "pk")
    plans = {plan.key: plan for plan in plans_of(queryset)}
    result: dict[int, list[CountedLocation]] = defaultdict(list)
    for location in queryset.only("pk", "municipality_id", "name", "address", "target_group"):
        plan = plans[location.pk]
        status = status_on(plan.transitions, on)
        current = [c.places for c in plan.capacities if c.effective <= on]
        places = current[-1] if current else (plan.capacities[-1].places if plan.capacities else 0)
        facts = PlaceFacts(
            places=places,
            in_use=status is LocationStatus.IN_USE,
            in_preparation=status in PREPARATION,
            planned_until=plan.planned_until,
            expected_in_use=next((e.expected for e in plan.expected if e.status is LocationStatus.IN_USE), None),
        )
        result[location.municipality_id].append(
            CountedLocation(location, status, places, counted_places(facts, rules, on=on))
        )
    return {mid: ExistingPlaces(result.get(mid, [])) for mid in municipality_ids}


def exchange_deltas(cycle: int, municipality_ids: Iterable[int]) -> dict[tuple[int, str], int]:
    """The sum of exchanged tasks per municipality and target group in a cycle's regional plans."""
    deltas: dict[tuple[int, str], int] = defaultdict(int)
    lines = ExchangeLine.objects.filter(exchange__plan__cycle=cycle, municipality_id__in=list(municipality_ids))
    for municipality_id, group, delta in lines.values_list("municipality_id", "target_group", "delta"):
        deltas[(municipality_id, group)] += delta
    return deltas


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A municipality's asylum task in a run: computed, published, exchanged, counted and the gap."""

    municipality: Municipality
    result: DistributionResult
    published: PublishedTask | None
    exchanged: int
    existing: ExistingPlaces

    @property
    def weight(self) -> Fraction:
        return Fraction(self.result.weight)

    @property
    def base(self) -> int:
        """The published task when there is one, else the computed one."""
        return self.published.places if self.published else self.result.places

    @property
    def task(self) -> int:
        """The task after exchanges of asylum and AMV places in regional plans."""
        return self.base + self.exchanged

    @property
    def gap(self) -> int:
        """Counted places minus task: negative is what must still be realised."""
        return self.existing.counted - self.task


@dataclass(frozen=True, slots=True)
class ProvinceSum:
    province: Province
    computed: int
    task: int
    counted: int
    municipalities: int
    hosting: int

    @property
    def gap(self) -> int:
        return self.counted - self.task


@dataclass(frozen=True, slots=True)
class RunTable:
    run: DistributionRun
    on: date
    rules: CountingRules
    rows: list[TaskRow]

    @property
    def provinces(self) -> list[ProvinceSum]:
        groups: dict[int, list[TaskRow]] = defaultdict(list)
        for row in self.rows:
            groups[row.municipality.province_id].append(row)
        return sorted(
            (
                ProvinceSum(
                    province=rows[0].municipality.province,
                    computed=sum(r.result.places for r in rows),
                    task=sum(r.task for r in rows),
                    counted=sum(r.existing.counted for r in rows),
                    municipalities=len(rows),
                    hosting=sum(1 for r in rows if r.existing.hosts_reception),
                )
                for rows in groups.values()
            ),
            key=lambda p: p.province.name,
        )


def run_table(
    *,
    actor: Any,
    run: DistributionRun,
    on: date,
    province: Province | None = None,
    municipality_ids: Collection[int] | None = None,
) -> RunTable:
    """The run's rows the caller may read (optionally of one province or some municipalities), with counted
    places and gaps."""
    scope = scope_for(actor)
    results = DistributionResult.objects.filter(run=run).select_related("municipality__province")
    if province is not None:
        if not scope.reads_province(province.pk):
            raise NotFound("Provincie niet gevonden.")
        results = results.filter(municipality__province=province)
    if municipality_ids is not None:
        results = results.filter(municipality_id__in=list(municipality_ids))
    rows = [r for r in results if scope.reads_municipality(r.municipality_id)]
    ids = [r.municipality_id for r in rows]
    published = {p.municipality_id: p for p in PublishedTask.objects.filter(cycle=run.cycle, municipality_id__in=ids)}
    deltas = exchange_deltas(run.cycle, ids)
    rules = counting_rules(run.cycle)
    existing = existing_places(ids, on=on, rules=rules)
    return RunTable(
        run=run,
        on=on,
        rules=rules,
        rows=[
            TaskRow(
                municipality=r.municipality,
                result=r,
                published=published.get(r.municipality_id),
                exchanged=sum(deltas.get((r.municipality_id, group), 0) for group in ASYLUM_GROUPS),
                existing=existing[r.municipality_id],
            )
            for r in rows
        ],
    )


def adopted_run(cycle: int) -> DistributionRun | None:
    return DistributionRun.objects.filter(cycle=cycle, is_adopted=True).first()


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    name: str
    code: str
    first: int
    second: int

    @property
    def difference(self) -> int:
        return self.second - self.first


@dataclass(frozen=True, slots=True)
class Comparison:
    first: DistributionRun
    second: DistributionRun
    municipalities: list[ComparisonRow]
    provinces: list[ComparisonRow]


def runs_compare(*, actor: Any, first: DistributionRun, second: DistributionRun) -> Comparison:
    """Two runs side by side (what-if): places per municipality and per province, with the differences."""
    scope = scope_for(actor)
    places: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    names: dict[int, Municipality] = {}
    for index, run in enumerate((first, second)):
        for result in DistributionResult.objects.filter(run=run).select_related("municipality__province"):
            if scope.reads_municipality(result.municipality_id):
                places[result.municipality_id][index] = result.places
                names[result.municipality_id] = result.municipality
    rows = sorted(
        (ComparisonRow(names[mid].name, names[mid].code, *values) for mid, values in places.items()),
        key=lambda row: row.name,
    )
    by_province: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    codes: dict[str, str] = {}
    for mid, (a, b) in places.items():
        province = names[mid].province
        by_province[province.name][0] += a
        by_province[province.name][1] += b
        codes[province.name] = province.code
    provinces = [ComparisonRow(name, codes[name], a, b) for name, (a, b) in sorted(by_province.items())]
    return Comparison(first, second, rows, provinces)


@dataclass(frozen=True, slots=True)
class PlanMunicipality:
    municipality: Municipality
    contributions: dict[str, int]
    exchanged: dict[str, int]
    proposed_locations: int
    small_candidates: list[CountedLocation]

    @property
    def total(self) -> int:
        return sum(self.contributions.values()) + sum(self.exchanged.values())


@dataclass(frozen=True, slots=True)
class PlanOverview:
    plan: RegionalPlan
    on: date
    rows: list[PlanMunicipality]
    exchanges: list[Any]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    @property
    def difference(self) -> int:
        """Contributions (after exchanges) minus the joint target."""
        return self.total - self.plan.target_places

    @property
    def missing_proposals(self) -> list[PlanMunicipality]:
        """Municipalities that proposed fewer locations than the plan asks (VNHG: at least two each)."""
        return [row for row in self.rows if row.proposed_locations < self.plan.min_proposed_locations]


def _reads_plan(scope: Scope, plan: RegionalPlan) -> bool:
    """The region's members, the province and national users read a plan; its members' municipalities too."""
    return scope.reads_region(plan.region_id) or any(scope.reads_municipality(m.pk) for m in plan.region.members.all())


def plan_get(*, actor: Any, plan_id: int) -> RegionalPlan:
    """A plan the caller may read; unknown and forbidden look alike (404)."""
    plan = RegionalPlan.objects.select_related("region").filter(pk=plan_id).first()
    if plan is None or not _reads_plan(scope_for(actor), plan):
        raise NotFound("Plan niet gevonden.")
    return plan


def plan_overview(*, actor: Any, plan: RegionalPlan, on: date) -> PlanOverview:
    """The plan per member municipality: contributions and exchanges per target group, the proposals
    in the location register, and candidate locations below the minimum workable size."""
    if not _reads_plan(scope_for(actor), plan):
        raise NotFound("Plan niet gevonden.")
    region = plan.region
    members = list(region.members.select_related("province").order_by("name"))
    ids = [m.pk for m in members]
    contributions: dict[int, dict[str, int]] = defaultdict(dict)
    for c in PlanContribution.objects.filter(plan=plan):
        contributions[c.municipality_id][c.target_group] = c.places
    exchanged: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in ExchangeLine.objects.filter(exchange__plan=plan):
        exchanged[line.municipality_id][line.target_group] += line.delta
    existing = existing_places(ids, on=on, rules=counting_rules(plan.cycle))
    sizes = {group: int(size) for group, size in plan.min_location_size.items()}
    rows = []
    for municipality in members:
        locations = existing[municipality.pk].locations
        proposed = [item for item in locations if item.status is not None and item.status is not LocationStatus.CLOSED]
        small = [
            item
            for item in proposed
            if item.status in PREPARATION and item.places < sizes.get(item.location.target_group, 0)
        ]
        rows.append(
            PlanMunicipality(
                municipality=municipality,
                contributions=contributions.get(municipality.pk, {}),
                exchanged=dict(exchanged.get(municipality.pk, {})),
                proposed_locations=len(proposed),
                small_candidates=small,
            )
        )
    exchanges = list(plan.exchanges.prefetch_related("lines__municipality"))
    return PlanOverview(plan=plan, on=on, rows=rows, exchanges=exchanges)


def plans_readable(*, actor: Any) -> list[RegionalPlan]:
    scope = scope_for(actor)
    plans = RegionalPlan.objects.select_related("region").prefetch_related("region__members")
    return [plan for plan in plans if _reads_plan(scope, plan)]
