"""API schemas of the location register (pydantic, via django-ninja)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from opvangregie.areas.models import Municipality
from opvangregie.core import occupancy
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import CapacityChange, Location, OccupancySnapshot
from opvangregie.locations.selectors import AreaOverview, Overview


class FiguresOut(Schema):
    places: int
    persons: int
    households: int
    free_places: int
    full: bool
    locations_without_capacity: int = Field(
        description="Locations in use without a recorded capacity: their places are unknown, so never 'full'."
    )
    counted_on: date | None = Field(
        description="When the persons were counted (for totals: the oldest of the locations' latest counts)"
    )


def figures_out(figures: occupancy.LocationFigures | occupancy.Totals) -> FiguresOut:
    return FiguresOut(
        places=figures.places,
        persons=figures.persons,
        households=figures.households,
        free_places=figures.free_places,
        full=figures.is_full,
        locations_without_capacity=(
            int(figures.lacks_capacity)
            if isinstance(figures, occupancy.LocationFigures)
            else figures.locations_without_capacity
        ),
        counted_on=figures.snapshot_date if isinstance(figures, occupancy.LocationFigures) else figures.oldest_count,
    )


class LocationOut(Schema):
    id: int
    municipality: str
    name: str
    address: str
    target_group: TargetGroup
    status: LocationStatus
    operator: str
    rd_x: Decimal | None
    rd_y: Decimal | None
    is_example: bool


def location_out(location: Location) -> LocationOut:
    return LocationOut(
        id=location.pk,
        municipality=location.municipality.code,
        name=location.name,
        address=location.address,
        target_group=TargetGroup(location.target_group),
        status=LocationStatus(location.status),
        operator=location.operator,
        rd_x=location.rd_x,
        rd_y=location.rd_y,
        is_example=location.is_example,
    )


class LocationIn(Schema):
    municipality: str
    name: str
    target_group: TargetGroup
    status: LocationStatus = LocationStatus.PLANNED
    status_date: date
    places: int | None = None
    address: str = ""
    operator: str = ""
    rd_x: Decimal | None = None
    rd_y: Decimal | None = None


class StatusIn(Schema):
    status: LocationStatus
    effective_date: date
    reason: str = ""


class SnapshotIn(Schema):
    date: date
    persons: int
    households: int | None = None
    usable_free_places: int | None = None
    note: str = ""


class SnapshotOut(Schema):
    location_id: int
    date: date
    persons: int
    households: int | None
    usable_free_places: int | None
    note: str


def snapshot_out(snapshot: OccupancySnapshot) -> SnapshotOut:
    return SnapshotOut(
        location_id=snapshot.location_id,
        date=snapshot.date,
        persons=snapshot.persons,
        households=snapshot.households,
        usable_free_places=snapshot.usable_free_places,
        note=snapshot.note,
    )


class LocationRowOut(Schema):
    location: LocationOut
    figures: FiguresOut
    out_of_use_reason: str
    out_of_use_since: date | None


class OverviewOut(Schema):
    municipality: str
    name: str
    on: date
    target_group: TargetGroup
    rows: list[LocationRowOut]
    totals: FiguresOut
    target: int | None
    target_gap: int | None
    contains_example_data: bool


def overview_out(overview: Overview, municipality: Municipality) -> OverviewOut:
    return OverviewOut(
        municipality=municipality.code,
        name=municipality.name,
        on=overview.on,
        target_group=overview.target_group,
        rows=[
            LocationRowOut(
                location=location_out(row.location),
                figures=figures_out(row.figures),
                out_of_use_reason=row.out_of_use_reason,
                out_of_use_since=row.out_of_use_since,
            )
            for row in overview.rows
        ],
        totals=figures_out(overview.totals),
        target=overview.target,
        target_gap=overview.target_gap,
        contains_example_data=overview.has_examples,
    )


class AreaRowOut(Schema):
    municipality: str
    name: str
    figures: FiguresOut
    target: int | None
    target_gap: int | None
    contains_example_data: bool


class AreaOverviewOut(Schema):
    area: str
    on: date
    target_group: TargetGroup
    rows: list[AreaRowOut]
    totals: FiguresOut
    target: int | None
    target_gap: int | None


def area_overview_out(overview: AreaOverview, name: str) -> AreaOverviewOut:
    return AreaOverviewOut(
        area=name,
        on=overview.on,
        target_group=overview.target_group,
        rows=[
            AreaRowOut(
                municipality=row.municipality.code,
                name=row.municipality.name,
                figures=figures_out(row.totals),
                target=row.target,
                target_gap=row.target_gap,
                contains_example_data=row.has_examples,
            )
            for row in overview.rows
        ],
        totals=figures_out(overview.totals),
        target=overview.target,
        target_gap=overview.target_gap,
    )


class CapacityIn(Schema):
    places: int = Field(ge=0, le=10_000)
    reason: str = ""
    decision_reference: str = ""


class CapacityOut(Schema):
    location_id: int
    effective_date: date
    places: int
    reason: str
    decision_reference: str
    expected: bool = Field(description="Dated after today: an expected change, not yet a fact.")


def capacity_out(change: CapacityChange, today: date) -> CapacityOut:
    return CapacityOut(
        location_id=change.location_id,
        effective_date=change.effective_date,
        places=change.places,
        reason=change.reason,
        decision_reference=change.decision_reference,
        expected=change.effective_date > today,
    )


class ExpectedIn(Schema):
    expected_date: date
    note: str = ""


class ExpectedOut(Schema):
    location_id: int
    status: LocationStatus
    expected_date: date
    note: str
    overdue: bool = Field(description="The expected date has passed without the location reaching this stage.")
