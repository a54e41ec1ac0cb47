"""API of the occupancy aggregates per municipality, region and province (the figures this app owns)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router

from opvangregie import clock
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations import selectors
from opvangregie.locations.schemas import AreaOverviewOut, OverviewOut, area_overview_out, overview_out
from opvangregie.organisations.scope import municipality_readable, province_readable, region_readable, scope_for
from opvangregie.ui.api_errors import errors

router = Router(tags=["areas"])


@router.get("/municipalities/{code}/overview", response={200: OverviewOut, **errors(404, 422)})
def municipality_overview(
    request: HttpRequest, code: str, on: date | None = None, target_group: TargetGroup = TargetGroup.UKRAINIAN
) -> OverviewOut:
    """Places, persons and target of a municipality's locations on a date (default today)."""
    municipality = municipality_readable(scope_for(request.user), code)
    overview = selectors.municipality_overview(
        actor=request.user, municipality=municipality, on=on or clock.today(), target_group=target_group
    )
    return overview_out(overview, municipality)


@router.get("/regions/{slug}/overview", response={200: AreaOverviewOut, **errors(404, 422)})
def region_overview(
    request: HttpRequest, slug: str, on: date | None = None, target_group: TargetGroup = TargetGroup.UKRAINIAN
) -> AreaOverviewOut:
    """Per member municipality of a region: places, persons and target."""
    region = region_readable(scope_for(request.user), slug)
    overview = selectors.region_overview(
        actor=request.user, region=region, on=on or clock.today(), target_group=target_group
    )
    return area_overview_out(overview, region.name)


@router.get("/provinces/{code}/overview", response={200: AreaOverviewOut, **errors(404, 422)})
def province_overview(
    request: HttpRequest, code: str, on: date | None = None, target_group: TargetGroup = TargetGroup.UKRAINIAN
) -> AreaOverviewOut:
    """Per municipality of a province: places, persons and target."""
    province = province_readable(scope_for(request.user), code)
    overview = selectors.province_overview(
        actor=request.user, province=province, on=on or clock.today(), target_group=target_group
    )
    return area_overview_out(overview, province.name)
