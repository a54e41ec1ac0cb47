"""Reads of the location register: figures on a date per location, municipality, region, province.

Every selector takes the caller's scope and returns only what it may read; the number of queries is
bounded (prefetching), whatever the number of locations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from opvangregie.areas.models import Municipality, Province, Region
from opvangregie.core import occupancy, projection
from opvangregie.core.errors import NotFound
from opvangregie.core.lifecycle import LocationStatus, Transition
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import (
    CapacityChange,
    ExpectedTransition,
    Location,
    MunicipalTarget,
    OccupancySnapshot,
    StatusChange,
)
from opvangregie.locations.usable import usable_in_rooms
from opvangregie.organisations.scope import Scope, require, scope_for
from opvangregie.ui import request_memo


def _with_plans_and(queryset: QuerySet[Location], snapshots: QuerySet[OccupancySnapshot]) -> QuerySet[Location]:
    return queryset.select_related("municipality").prefetch_related(
        Prefetch("status_changes", queryset=StatusChange.objects.order_by("effective_date", "pk")),
        Prefetch("capacity_changes", queryset=CapacityChange.objects.order_by("effective_date")),
        Prefetch("snapshots", queryset=snapshots),
        Prefetch("expected_transitions", queryset=ExpectedTransition.objects.order_by("expected_date", "pk")),
    )


def with_history_on(queryset: QuerySet[Location], on: date) -> QuerySet[Location]:
    """The locations with what their figures on ``on`` need: the lifecycle, capacity and expected dates, and of
    the counts only the latest on or before ``on`` (chosen by the database; an overview of a province or the
    country read every count there ever was: issue 20). ``core.occupancy.location_figures`` on ``on`` gives
    the same figures as with the whole history: an earlier count never counts when a later one exists."""
    return _with_plans_and(queryset, latest_counts(on))


def with_lifecycle(queryset: QuerySet[Location]) -> QuerySet[Location]:
    """The locations with their lifecycle, capacity and expected dates but none of their counts, for readers
    of plans only (the forward look): ``location_history`` then has no counts and runs no query for them."""
    return _with_plans_and(queryset, OccupancySnapshot.objects.none())


def with_history(queryset: QuerySet[Location]) -> QuerySet[Location]:
    """The locations with their whole history, every count included."""
    return _with_plans_and(queryset, OccupancySnapshot.objects.order_by("date"))


def location_history(location: Location) -> occupancy.LocationHistory:
    """The core view of a (prefetched) location."""
    return occupancy.LocationHistory(
        key=location.pk,
        transitions=[
            Transition(LocationStatus(c.status), c.effective_date, c.reason) for c in location.status_changes.all()
        ],
        capacities=[occupancy.CapacityChange(c.effective_date, c.places) for c in location.capacity_changes.all()],
        snapshots=[
            occupancy.Snapshot(s.date, s.persons, s.households, s.usable_free_places) for s in location.snapshots.all()
        ],
    )


@dataclass(frozen=True, slots=True)
class CapacityRow:
    """One dated capacity change as the location page shows it."""

    change: CapacityChange
    expected: bool  # dated after today: a plan, not yet a fact
    in_force: bool  # the change in force today


def capacity_series(location: Location, today: date) -> list[CapacityRow]:
    """A (prefetched) location's capacity changes, the one in force today and the expected ones marked."""
    changes = list(location.capacity_changes.all())
    past = [c for c in changes if c.effective_date <= today]
    current = past[-1] if past else None
    return [CapacityRow(c, c.effective_date > today, c is current) for c in changes]


@dataclass(frozen=True, slots=True)
class ExpectedRow:
    """An expected lifecycle date; overdue when it passed without the transition (core.lifecycle)."""

    expected: ExpectedTransition
    overdue: bool


def expected_transitions(location: Location, today: date) -> list[ExpectedRow]:
    """A (prefetched) location's expected dates in date order; overdue when still pending
    (core.projection.pending_expected, as the agenda reads it) and dated before ``today``."""
    pending = {item.status for item in projection.pending_expected(location_plan(location))}
    return [
        ExpectedRow(expected, LocationStatus(expected.status) in pending and expected.expected_date < today)
        for expected in location.expected_transitions.all()
    ]


def location_plan(location: Location) -> projection.LocationPlan:
    """The core's view of a (prefetched) location for the forward look: actual and expected dates, capacities."""
    history = location_history(location)
    return projection.LocationPlan(
        key=location.pk,
        target_group=TargetGroup(location.target_group),
        name=location.name,
        transitions=history.transitions,
        expected=[
            projection.ExpectedTransition(LocationStatus(e.status), e.expected_date)
            for e in location.expected_transitions.all()
        ],
        capacities=history.capacities,
        planned_until=location.planned_until,
    )


def locations_readable(scope: Scope) -> QuerySet[Location]:
    """All locations the scope may read."""
    return Location.objects.filter(scope.location_filter())


def location_get(*, actor: Any, location_id: int) -> Location:
    """One location with its history, if the actor may read it (otherwise 404)."""
    location = with_history(locations_readable(scope_for(actor)).filter(pk=location_id)).first()
    if location is None:
        raise NotFound("Locatie niet gevonden.")
    return location


def location_editable(*, actor: Any, location: Location) -> bool:
    return scope_for(actor).edits_location(municipality_id=location.municipality_id, target_group=location.target_group)


@dataclass(frozen=True, slots=True)
class LocationRow:
    location: Location
    figures: occupancy.LocationFigures
    out_of_use_reason: str = ""
    out_of_use_since: date | None = None


@dataclass(frozen=True, slots=True)
class Overview:
    """A table of rows with their totals on a date, and the target the totals are held against."""

    on: date
    target_group: TargetGroup
    rows: Sequence[LocationRow]
    totals: occupancy.Totals
    target: int | None
    has_examples: bool

    @property
    def target_gap(self) -> int | None:
        return occupancy.target_gap(self.target, self.totals.places)


def figures_on(locations: Sequence[Location], on: date) -> dict[int, occupancy.LocationFigures]:
    """Each location's figures on ``on``, usable free places from its rooms where it has rooms."""
    return _figures({location.pk: location_history(location) for location in locations}, on)


def figures_of(location_ids: Sequence[int], on: date) -> dict[int, occupancy.LocationFigures]:
    """:func:`figures_on` of the locations with these ids, read as plain rows (:func:`histories_on`)."""
    return _figures(histories_on(location_ids, on), on)


def _figures(histories: dict[int, occupancy.LocationHistory], on: date) -> dict[int, occupancy.LocationFigures]:
    from_rooms = usable_in_rooms(list(histories), on)
    return {
        pk: occupancy.location_figures(history, on, usable_in_rooms=from_rooms.get(pk))
        for pk, history in histories.items()
    }


def transitions_of(ids: Sequence[int]) -> dict[int, list[Transition]]:
    """Each location's lifecycle transitions in date order, read as plain rows."""
    """Each location's lifecycle transitions in date order, read as plain rows."""
    found: dict[int, list[Transition]] = defaultdict(list)
    for pk, status, effective, reason in (
        StatusChange.objects.filter(location_id__in=ids)
        .order_by("effective_date", "pk")
        .values_list("location_id", "status", "effective_date", "reason")
    ):
        found[pk].append(Transition(LocationStatus(status), effective, reason))
    return found


def _capacities(ids: Sequence[int]) -> dict[int, list[occupancy.CapacityChange]]:
    """Each location's capacity changes in date order, read as plain rows."""
    found: dict[int, list[occupancy.CapacityChange]] = defaultdict(list)
    for pk, effective, places in (
        CapacityChange.objects.filter(location_id__in=ids)
        .order_by("effective_date")
        .values_list("location_id", "effective_date", "places")
    ):
        found[pk].append(occupancy.CapacityChange(effective, places))
    return found


def latest_counts(on: date, ids: Sequence[int] | None = None) -> QuerySet[OccupancySnapshot]:
    """Each location's latest count on or before ``on`` (of the locations ``ids``, or of every location):
    ``DISTINCT ON`` on PostgreSQL (one pass over the (location, date) index), a subquery per location elsewhere
    (SQLite has no ``DISTINCT ON``)."""
    counts = OccupancySnapshot.objects.filter(date__lte=on)
    if ids is not None:
        counts = counts.filter(location_id__in=list(ids))
    if connection.features.can_distinct_on_fields:
        return counts.order_by("location_id", "-date").distinct("location_id")
    latest = OccupancySnapshot.objects.filter(location=OuterRef("location"), date__lte=on).order_by("-date")
    return counts.filter(pk=Subquery(latest.values("pk")[:1]))


def histories_on(location_ids: Sequence[int], on: date) -> dict[int, occupancy.LocationHistory]:
    """What the figures of these locations on ``on`` depend on, read as plain rows (an overview of a province
    or the country: thousands of locations, no model instances): the lifecycle, the capacity changes and the
    latest count on or before ``on``, as ``location_history`` of ``with_history_on`` gives them. Within one
    reading request each location is read once (ui.request_memo): a dashboard's table and its usable places."""
    memo = request_memo.current()
    known: dict[int, occupancy.LocationHistory] = {} if memo is None else memo.setdefault(("histories_on", on), {})
    ids = [pk for pk in dict.fromkeys(location_ids) if pk not in known]
    if ids:
        transitions, capacities = transitions_of(ids), _capacities(ids)
        snapshots: dict[int, list[occupancy.Snapshot]] = defaultdict(list)
        for pk, day, persons, households, usable in latest_counts(on, ids).values_list(
            "location_id", "date", "persons", "households", "usable_free_places"
        ):
            snapshots[pk].append(occupancy.Snapshot(day, persons, households, usable))
        for pk in ids:
            known[pk] = occupancy.LocationHistory(
                key=pk, transitions=transitions[pk], capacities=capacities[pk], snapshots=snapshots[pk]
            )
    return {pk: known[pk] for pk in location_ids}


def plans_of(queryset: QuerySet[Location]) -> list[projection.LocationPlan]:
    """:func:`location_plan` of every location of ``queryset`` (in its order), read as plain rows: the forward
    look of a province or the country plans thousands of locations. Within one reading request each location's
    plan is read once (ui.request_memo): a dashboard's forward look, agenda and task table all plan."""
    rows = list(queryset.values_list("pk", "target_group", "name", "planned_until"))
    memo = request_memo.current()
    known: dict[int, projection.LocationPlan] = {} if memo is None else memo.setdefault("plans_of", {})
    missing = [row for row in rows if row[0] not in known]
    if missing:
        ids = [pk for pk, _, _, _ in missing]
        transitions, capacities = transitions_of(ids), _capacities(ids)
        expected: dict[int, list[projection.ExpectedTransition]] = defaultdict(list)
        for pk, status, day in (
            ExpectedTransition.objects.filter(location_id__in=ids)
            .order_by("expected_date", "pk")
            .values_list("location_id", "status", "expected_date")
        ):
            expected[pk].append(projection.ExpectedTransition(LocationStatus(status), day))
        for pk, group, name, planned_until in missing:
            known[pk] = projection.LocationPlan(
                key=pk,
                target_group=TargetGroup(group),
                name=name,
                transitions=transitions[pk],
                expected=expected[pk],
                capacities=capacities[pk],
                planned_until=planned_until,
            )
    return [known[pk] for pk, _, _, _ in rows]


def _row(location: Location, history: occupancy.LocationHistory, figures: occupancy.LocationFigures) -> LocationRow:
    if figures.status is LocationStatus.OUT_OF_USE:
        change = max((t for t in history.transitions if t.effective <= figures.on), key=lambda t: t.effective)
        return LocationRow(location, figures, change.reason, change.effective)
    return LocationRow(location, figures)


def _shown_on(figures: occupancy.LocationFigures) -> bool:
    """Rows on a dashboard: locations that are or were in use (planned sites are on the register page)."""
    return figures.status in (LocationStatus.IN_USE, LocationStatus.OUT_OF_USE)


def targets_on(municipality_ids: Iterable[int], target_group: TargetGroup, on: date) -> dict[int, MunicipalTarget]:
    """The target in force on ``on`` per municipality (latest valid_from on or before it)."""
    found: dict[int, MunicipalTarget] = {}
    rows = MunicipalTarget.objects.filter(
        municipality_id__in=list(municipality_ids), target_group=target_group.value, valid_from__lte=on
    ).order_by("valid_from")
    for target in rows:
        found[target.municipality_id] = target
    return found


def municipality_overview(
    *, actor: Any, municipality: Municipality, on: date, target_group: TargetGroup = TargetGroup.UKRAINIAN
) -> Overview:
    """The municipality's locations of one target group with places and persons on ``on``."""
    scope = scope_for(actor)
    queryset = locations_readable(scope).filter(municipality=municipality, target_group=target_group.value)
    locations = list(queryset.select_related("municipality"))
    # the lifecycle and the latest count as plain rows: Amsterdam's dashboard prefetched every count (issue 20)
    histories = histories_on([location.pk for location in locations], on)
    figures = _figures(histories, on)
    rows = [
        row
        for row in (_row(location, histories[location.pk], figures[location.pk]) for location in locations)
        if _shown_on(row.figures)
    ]
    totals = occupancy.aggregate((row.figures for row in rows), on)
    target = targets_on([municipality.pk], target_group, on).get(municipality.pk)
    if not scope.reads_municipality(municipality.pk):
        target = None
    return Overview(
        on=on,
        target_group=target_group,
        rows=rows,
        totals=totals,
        target=target.places if target else None,
        has_examples=any(row.location.is_example for row in rows) or bool(target and target.is_example),
    )


@dataclass(frozen=True, slots=True)
class AreaRow:
    """One municipality's totals within a region or province."""

    municipality: Municipality
    totals: occupancy.Totals
    target: int | None
    has_examples: bool

    @property
    def target_gap(self) -> int | None:
        return occupancy.target_gap(self.target, self.totals.places)


@dataclass(frozen=True, slots=True)
class AreaOverview:
    on: date
    target_group: TargetGroup
    rows: Sequence[AreaRow]
    totals: occupancy.Totals
    target: int | None

    @property
    def target_gap(self) -> int | None:
        return occupancy.target_gap(self.target, self.totals.places)


def _area_overview(
    municipalities: Sequence[Municipality], on: date, target_group: TargetGroup, scope: Scope
) -> AreaOverview:
    ids = [m.pk for m in municipalities]
    listed = list(
        locations_readable(scope)
        .filter(municipality_id__in=ids, target_group=target_group.value)
        .values_list("pk", "municipality_id", "is_example")
    )
    figures = figures_of([pk for pk, _, _ in listed], on)
    per_municipality: dict[int, list[occupancy.LocationFigures]] = defaultdict(list)
    examples: set[int] = set()
    for pk, municipality_id, is_example in listed:
        per_municipality[municipality_id].append(figures[pk])
        if is_example:
            examples.add(municipality_id)
    targets = targets_on(ids, target_group, on)
    rows = [
        AreaRow(
            municipality=m,
            totals=occupancy.aggregate(per_municipality[m.pk], on),
            target=targets[m.pk].places if m.pk in targets else None,
            has_examples=m.pk in examples or (m.pk in targets and targets[m.pk].is_example),
        )
        for m in municipalities
    ]
    all_figures = [figure for figures in per_municipality.values() for figure in figures]
    known_targets = [row.target for row in rows if row.target is not None]
    return AreaOverview(
        on=on,
        target_group=target_group,
        rows=rows,
        totals=occupancy.aggregate(all_figures, on),
        target=sum(known_targets) if known_targets else None,
    )


def municipalities_overview(
    *, actor: Any, municipalities: Sequence[Municipality], on: date, target_group: TargetGroup = TargetGroup.UKRAINIAN
) -> AreaOverview:
    """Places, persons and target of any set of readable municipalities (a region, a province, the country)."""
    scope = scope_for(actor)
    require(all(scope.reads_municipality(m.pk) for m in municipalities), "U heeft geen toegang tot deze gegevens.")
    return _area_overview(municipalities, on, target_group, scope)


def region_overview(
    *, actor: Any, region: Region, on: date, target_group: TargetGroup = TargetGroup.UKRAINIAN
) -> AreaOverview:
    """Per member municipality of a region: places, persons and target on ``on``."""
    scope = scope_for(actor)
    require(scope.reads_region(region.pk), "U heeft geen toegang tot deze regio.")
    members = list(region.members.select_related("province").order_by("name"))
    return _area_overview(members, on, target_group, scope)


def province_overview(
    *, actor: Any, province: Province, on: date, target_group: TargetGroup = TargetGroup.UKRAINIAN
) -> AreaOverview:
    """Per municipality of a province: places, persons and target on ``on``."""
    scope = scope_for(actor)
    require(scope.reads_province(province.pk), "U heeft geen toegang tot deze provincie.")
    municipalities = list(province.municipalities.order_by("name"))
    return _area_overview(municipalities, on, target_group, scope)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """Places and persons on one date; ``persons`` is None while no count exists yet."""

    on: date
    places: int
    persons: int | None


def _change_dates(history: occupancy.LocationHistory) -> set[date]:
    """The dates on which a location's status, capacity or count changed."""
    return (
        {t.effective for t in history.transitions}
        | {c.effective for c in history.capacities}
        | {s.on for s in history.snapshots}
    )


def occupancy_series(location: Location, *, until: date) -> list[SeriesPoint]:
    """Places and persons at every date on which either changed, up to ``until`` (for the chart)."""
    history = location_history(location)
    dates = sorted(_change_dates(history))
    first_count = min((s.on for s in history.snapshots), default=None)
    chart_dates = [d for d in dates if d <= until]
    if chart_dates and chart_dates[-1] < until:
        chart_dates.append(until)
    points = []
    for day in chart_dates:
        figures = occupancy.location_figures(history, day)
        counted = first_count is not None and day >= first_count
        points.append(SeriesPoint(day, figures.places, figures.persons if counted else None))
    return points


def municipality_series(
    *, actor: Any, municipality: Municipality, target_group: TargetGroup, since: date, until: date
) -> list[SeriesPoint]:
    """Places and persons of all the municipality's locations of a target group at every date between
    ``since`` and ``until`` on which either changed (the council letter's chart)."""
    scope = scope_for(actor)
    require(scope.reads_municipality(municipality.pk), "U heeft geen toegang tot deze gemeente.")
    locations = with_history(
        locations_readable(scope).filter(municipality=municipality, target_group=target_group.value)
    )
    histories = [location_history(location) for location in locations]
    changes = {day for history in histories for day in _change_dates(history) if since < day < until}
    counted = [s.on for history in histories for s in history.snapshots]
    first_count = min(counted, default=None)
    points = []
    for day in sorted(changes | {since, until}):
        totals = occupancy.aggregate((occupancy.location_figures(h, day) for h in histories), day)
        persons = totals.persons if first_count is not None and day >= first_count else None
        points.append(SeriesPoint(day, totals.places, persons))
    return points


def regions_readable(scope: Scope) -> QuerySet[Region]:
    queryset = Region.objects.order_by("name")
    if scope.is_superuser or scope.reads_all:
        return queryset
    return queryset.filter(pk__in=scope.region_ids)


def provinces_readable(scope: Scope) -> QuerySet[Province]:
    queryset = Province.objects.order_by("name")
    if scope.is_superuser or scope.reads_all:
        return queryset
    return queryset.filter(pk__in=scope.province_ids)
