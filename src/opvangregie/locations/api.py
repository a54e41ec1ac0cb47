"""API for locations, their status and their occupancy snapshots."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations import selectors, services
from opvangregie.locations.schemas import (
    LocationIn,
    LocationOut,
    SnapshotIn,
    SnapshotOut,
    StatusIn,
    location_out,
    snapshot_out,
)
from opvangregie.organisations.scope import municipality_for_registration, scope_for
from opvangregie.ui.api_errors import errors

router = Router(tags=["locations"])


@router.get("", response={200: list[LocationOut], **errors(422)})
def locations(
    request: HttpRequest, municipality: str | None = None, target_group: TargetGroup | None = None
) -> list[LocationOut]:
    """Locations the caller may read, optionally of one municipality or target group."""
    queryset = selectors.locations_readable(scope_for(request.user)).select_related("municipality")
    if municipality:
        queryset = queryset.filter(municipality__code=municipality)
    if target_group:
        queryset = queryset.filter(target_group=target_group.value)
    return [location_out(location) for location in queryset]


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
