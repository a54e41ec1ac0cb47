"""API of the vacant-building list (internal: the municipality's own editors only), a page at a time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from opvangregie.core.constraints import wgs84_from_rd
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.sites import vacancy
from opvangregie.ui.api_errors import errors

router = Router(tags=["sites"])
MAX_PAGE_SIZE = 200


class VacantFilter(Schema):
    status: str | None = Field(None, description="Pand buiten gebruik, Sloopvergunning verleend or Verbouwing pand")
    function: str | None = Field(None, description="kantoorfunctie, onderwijsfunctie or bijeenkomstfunctie")
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class VacantOut(Schema):
    kind: str = Field(description="building (pand) or unit (verblijfsobject)")
    identification: str
    building_identification: str
    status: str
    function: str
    functions: list[str]
    construction_year: int | None
    floor_area_m2: float
    from_footprint: bool = Field(description="The building's footprint stands in for its floor area")
    estimated_places: int
    rd_x: Decimal
    rd_y: Decimal
    longitude: float
    latitude: float
    nearest_constraint: str
    site_id: int | None = Field(description="The candidate site made from this building, if any")


class VacantPage(Schema):
    count: int
    page: int
    page_size: int
    data_date: date | None
    min_floor_area_m2: int
    m2_per_place: int
    results: list[VacantOut]


@router.get("/municipalities/{code}/vacant-buildings", response={200: VacantPage, **errors(404, 422)})
def vacant_buildings(request: HttpRequest, code: str, filters: Query[VacantFilter]) -> VacantPage:
    """Buildings and units of the municipality worth a look for reception, largest estimate first."""
    municipality = municipality_readable(scope_for(request.user), code[:20])
    listing = vacancy.vacant_list(
        actor=request.user, municipality=municipality, status=filters.status or "", function=filters.function or ""
    )
    start = (filters.page - 1) * filters.page_size
    rows = listing.rows[start : start + filters.page_size]
    sites = vacancy.sites_from_bag(municipality=municipality, identifications=[r.building_identification for r in rows])
    results = []
    for row in rows:
        lon, lat = wgs84_from_rd(float(row.rd_x), float(row.rd_y))
        results.append(
            VacantOut(
                kind=row.kind,
                identification=row.identification,
                building_identification=row.building_identification,
                status=row.status,
                function=row.function,
                functions=list(row.functions),
                construction_year=row.construction_year,
                floor_area_m2=row.floor_area_m2,
                from_footprint=row.from_footprint,
                estimated_places=row.places,
                rd_x=row.rd_x,
                rd_y=row.rd_y,
                longitude=lon,
                latitude=lat,
                nearest_constraint=vacancy.nearest_constraint(row),
                site_id=sites.get(row.building_identification),
            )
        )
    last = listing.last_import
    return VacantPage(
        count=len(listing.rows),
        page=filters.page,
        page_size=filters.page_size,
        data_date=last.data_date if last else None,
        min_floor_area_m2=listing.min_floor_area_m2,
        m2_per_place=listing.m2_per_place,
        results=results,
    )
