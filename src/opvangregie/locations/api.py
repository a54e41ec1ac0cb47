"""API for locations, their status and their occupancy snapshots."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from opvangregie import clock
from opvangregie.core.errors import ValidationError
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations import selectors, services
from opvangregie.locations.schemas import (
    CapacityIn,
    CapacityOut,
    ExpectedIn,
    ExpectedOut,
    LocationIn,
    LocationOut,
    SnapshotIn,
    SnapshotOut,
    StatusIn,
    capacity_out,
    location_out,
    snapshot_out,
)
from opvangregie.organisations.scope import municipality_for_registration, scope_for
from opvangregie.ui.api_errors import errors
from opvangregie.ui.paging import PageQuery, api_page

router = Router(tags=["locations"])


class LocationFilter(PageQuery):
    municipality: str | None = Field(None, max_length=20, description="CBS code, e.g. GM0397")
    target_group: TargetGroup | None = None


class LocationPage(Schema):
    """One page of the locations, in the order of municipality code, name and id; ``count`` is all of them."""

    count: int
    page: int
    page_size: int
    results: list[LocationOut]


@router.get("", response={200: LocationPage, **errors(422)})
def locations(request: HttpRequest, filters: Query[LocationFilter]) -> LocationPage:
    """Locations the caller may read, optionally of one municipality or target group, a page at a time (the
    country's thousands in one answer were 700 KB: issue 20)."""
    queryset = selectors.locations_readable(scope_for(request.user)).select_related("municipality")
    if filters.municipality:
        queryset = queryset.filter(municipality__code=filters.municipality)
    if filters.target_group:
        queryset = queryset.filter(target_group=filters.target_group.value)
    count, page = api_page(queryset.order_by("municipality__code", "name", "pk"), filters)
    return LocationPage(
        count=count,
        page=filters.page,
        page_size=filters.page_size,
        results=[location_out(location) for location in page],
    )


@router.post("", response={201: LocationOut, **errors(400, 403, 404, 422)})
def location_create(request: HttpRequest, payload: LocationIn) -> Status[LocationOut]:
    """Register a location (editors of its municipality; COA editors for asylum and AMV)."""
    municipality = municipality_for_registration(scope_for(request.user), payload.municipality)
    location = services.location_create(
        actor=request.user,
        municipality=municipality,
        data=services.LocationInput(
            name=payload.name,
            target_group=payload.target_group,
            address=payload.address,
            operator=payload.operator,
            rd_x=payload.rd_x,
            rd_y=payload.rd_y,
        ),
        status=payload.status,
        status_date=payload.status_date,
        places=payload.places,
    )
    return Status(201, location_out(location))


@router.get("/{location_id}", response={200: LocationOut, **errors(404, 422)})
def location_detail(request: HttpRequest, location_id: int) -> LocationOut:
    return location_out(selectors.location_get(actor=request.user, location_id=location_id))


@router.post("/{location_id}/status", response={201: LocationOut, **errors(400, 403, 404, 422)})
def location_status(request: HttpRequest, location_id: int, payload: StatusIn) -> Status[LocationOut]:
    """Move the location to another lifecycle stage from a date."""
    location = selectors.location_get(actor=request.user, location_id=location_id)
    services.location_status_change(
        actor=request.user,
        location=location,
        status=payload.status,
        effective_date=payload.effective_date,
        reason=payload.reason,
    )
    return Status(201, location_out(selectors.location_get(actor=request.user, location_id=location_id)))


@router.get("/{location_id}/snapshots", response={200: list[SnapshotOut], **errors(404, 422)})
def snapshots(request: HttpRequest, location_id: int) -> list[SnapshotOut]:
    location = selectors.location_get(actor=request.user, location_id=location_id)
    return [snapshot_out(snapshot) for snapshot in location.snapshots.all()]


@router.post("/{location_id}/snapshots", response={201: SnapshotOut, **errors(400, 403, 404, 422)})
def snapshot_record(request: HttpRequest, location_id: int, payload: SnapshotIn) -> Status[SnapshotOut]:
    """Record the count of persons on a date (one per location per day; a second replaces the first)."""
    location = selectors.location_get(actor=request.user, location_id=location_id)
    snapshot = services.occupancy_record(
        actor=request.user,
        location=location,
        data=services.OccupancyInput(
            on=payload.date,
            persons=payload.persons,
            households=payload.households,
            usable_free_places=payload.usable_free_places,
            note=payload.note,
        ),
    )
    return Status(201, snapshot_out(snapshot))


@router.get("/{location_id}/capacity", response={200: list[CapacityOut], **errors(404, 422)})
def capacity_changes(request: HttpRequest, location_id: int) -> list[CapacityOut]:
    """The location's dated capacity changes, expected (future) ones included."""
    location = selectors.location_get(actor=request.user, location_id=location_id)
    today = clock.today()
    return [capacity_out(change, today) for change in location.capacity_changes.all()]


@router.put("/{location_id}/capacity/{effective_date}", response={200: CapacityOut, **errors(400, 403, 404, 422)})
def capacity_set(request: HttpRequest, location_id: int, effective_date: date, payload: CapacityIn) -> CapacityOut:
    """Record or correct the places in force from ``effective_date`` (a future date is an expected change)."""
    location = selectors.location_get(actor=request.user, location_id=location_id)
    change = services.location_capacity_set(
        actor=request.user,
        location=location,
        places=payload.places,
        effective_date=effective_date,
        reason=payload.reason,
        decision_reference=payload.decision_reference,
    )
    return capacity_out(change, clock.today())


@router.delete("/{location_id}/capacity/{effective_date}", response={204: None, **errors(403, 404, 422)})
def capacity_remove(request: HttpRequest, location_id: int, effective_date: date) -> Status[None]:
    """Remove the capacity change of ``effective_date``."""
    location = selectors.location_get(actor=request.user, location_id=location_id)
    services.location_capacity_remove(actor=request.user, location=location, effective_date=effective_date)
    return Status(204, None)


@router.get("/{location_id}/expected", response={200: list[ExpectedOut], **errors(404, 422)})
def expected_dates(request: HttpRequest, location_id: int) -> list[ExpectedOut]:
    """The expected dates of the location's lifecycle stages, each flagged when overdue."""
    location = selectors.location_get(actor=request.user, location_id=location_id)
    rows = selectors.expected_transitions(location, clock.today())
    return [
        ExpectedOut(
            location_id=location.pk,
            status=LocationStatus(row.expected.status),
            expected_date=row.expected.expected_date,
            note=row.expected.note,
            overdue=row.overdue,
        )
        for row in rows
    ]


def _stage(raw: str) -> LocationStatus:
    try:
        return LocationStatus(raw)
    except ValueError:
        stages = ", ".join(s.value for s in LocationStatus if s is not LocationStatus.PLANNED)
        raise ValidationError(f"Onbekende fase {raw[:30]!r}; kies uit {stages}.") from None


@router.put("/{location_id}/expected/{status}", response={200: list[ExpectedOut], **errors(400, 403, 404, 422)})
def expected_set(request: HttpRequest, location_id: int, status: str, payload: ExpectedIn) -> list[ExpectedOut]:
    """Plan or correct the date on which the location is expected to reach ``status``."""
    location = selectors.location_get(actor=request.user, location_id=location_id)
    services.expected_transition_set(
        actor=request.user,
        location=location,
        status=_stage(status),
        expected_date=payload.expected_date,
        note=payload.note,
    )
    return expected_dates(request, location_id)


@router.delete("/{location_id}/expected/{status}", response={204: None, **errors(403, 404, 422)})
def expected_remove(request: HttpRequest, location_id: int, status: str) -> Status[None]:
    """Drop the expected date of ``status``."""
    location = selectors.location_get(actor=request.user, location_id=location_id)
    services.expected_transition_set(actor=request.user, location=location, status=_stage(status), expected_date=None)
    return Status(204, None)
