"""GeoJSON for the map (RFC 7946, WGS84): municipality boundaries simplified per zoom level, and the
locations the caller may read with their figures on a date, both with a bounding-box filter."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from opvangregie import clock
from opvangregie.areas.boundaries import BOUNDARIES_ATTRIBUTION, municipality_boundaries
from opvangregie.areas.models import Municipality
from opvangregie.core.codes import MunicipalityCode
from opvangregie.core.constraints import rd_box, wgs84_from_rd
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.map_shapes import parse_bbox
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import StatusChoices, TargetGroupChoices
from opvangregie.locations.selectors import figures_on, locations_readable, with_history_on
from opvangregie.organisations.scope import scope_for
from opvangregie.ui.api_errors import errors

router = Router(tags=["map"])
MAX_LOCATIONS = 5_000


class Geometry(Schema):
    type: str = Field(description="Point, Polygon or MultiPolygon")
    coordinates: list[Any] = Field(description="longitude, latitude (WGS84)")


class BoundaryProperties(Schema):
    code: str = Field(description="CBS municipality code, e.g. GM0397")
    name: str


class BoundaryFeature(Schema):
    type: Literal["Feature"] = "Feature"
    geometry: Geometry
    properties: BoundaryProperties


class BoundaryCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    attribution: str
    features: list[BoundaryFeature]


def _member_codes(municipality: str | None, region: str | None, province: str | None) -> set[str] | None:
    """The municipalities asked for (boundaries and memberships are public reference data)."""
    if not (municipality or region or province):
        return None
    queryset = Municipality.objects.all()
    if municipality:
        queryset = queryset.filter(code=str(MunicipalityCode.parse(municipality[:20])))
    if region:
        queryset = queryset.filter(regions__slug=region[:100])
    if province:
        queryset = queryset.filter(province__code=province[:10])
    return set(queryset.values_list("code", flat=True))


class BoundaryFilter(Schema):
    zoom: int = Field(8, description="Web Mercator zoom level, 0 to 20: the shapes are simplified to half a pixel")
    bbox: str | None = Field(None, description="west,south,east,north in WGS84 degrees")
    municipality: str | None = Field(None, description="CBS municipality code, e.g. GM0397")
    region: str | None = Field(None, description="region slug, e.g. kennemerland")
    province: str | None = Field(None, description="CBS province code, e.g. PV27")


@router.get("/boundaries", response={200: BoundaryCollection, **errors(422)})
def boundaries(request: HttpRequest, filters: Query[BoundaryFilter]) -> dict[str, Any]:
    """Municipality boundaries (CBS Wijk- en Buurtkaart 2024), simplified to the zoom level, optionally only
    those in a box or of one municipality, region or province."""
    features = municipality_boundaries().features(
        zoom=filters.zoom,
        bbox=parse_bbox(filters.bbox) if filters.bbox else None,
        keys=_member_codes(filters.municipality, filters.region, filters.province),
    )
    return {"type": "FeatureCollection", "attribution": BOUNDARIES_ATTRIBUTION, "features": features}


class LocationProperties(Schema):
    id: int
    name: str
    municipality: str
    target_group: TargetGroup
    target_group_label: str
    status: LocationStatus | None = Field(description="Status on the date; none before the first status")
    status_label: str
    places: int = Field(description="Places in force on the date (capacity)")
    persons: int
    on: date
    url: str


class LocationFeature(Schema):
    type: Literal["Feature"] = "Feature"
    geometry: Geometry
    properties: LocationProperties


class LocationCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[LocationFeature]


@router.get("/locations", response={200: LocationCollection, **errors(422)})
def locations(
    request: HttpRequest, bbox: str | None = None, municipality: str | None = None, on: date | None = None
) -> dict[str, Any]:
    """The located places the caller may read, with status, places and persons on the date (today when
    none), optionally in a box (west,south,east,north) or of one municipality."""
    day = on or clock.today()
    queryset = locations_readable(scope_for(request.user)).filter(rd_x__isnull=False, rd_y__isnull=False)
    if municipality:
        queryset = queryset.filter(municipality__code=str(MunicipalityCode.parse(municipality[:20])))
    if bbox:
        min_x, min_y, max_x, max_y = rd_box(*parse_bbox(bbox))
        queryset = queryset.filter(rd_x__gte=min_x, rd_x__lte=max_x, rd_y__gte=min_y, rd_y__lte=max_y)
    listed = list(with_history_on(queryset.order_by("pk"), day)[:MAX_LOCATIONS])
    figures = figures_on(listed, day)
    target_labels = dict(TargetGroupChoices.choices)
    status_labels = dict(StatusChoices.choices)
    features = []
    for location in listed:
        figure = figures[location.pk]
        assert location.rd_x is not None
        assert location.rd_y is not None
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": wgs84_from_rd(float(location.rd_x), float(location.rd_y))},
                "properties": {
                    "id": location.pk,
                    "name": location.name,
                    "municipality": location.municipality.code,
                    "target_group": location.target_group,
                    "target_group_label": str(target_labels[location.target_group]),
                    "status": figure.status,
                    "status_label": str(status_labels[figure.status.value]) if figure.status else "",
                    "places": figure.places,
                    "persons": figure.persons,
                    "on": day,
                    "url": reverse("locations:location", args=[location.pk]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
