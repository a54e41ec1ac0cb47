"""API of the candidate sites as GeoJSON (RFC 7946, WGS84) for maps, with a bounding-box filter; only the
sites the caller may see (confidential until made public)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema

from opvangregie.core.codes import MunicipalityCode
from opvangregie.core.constraints import rd_box, wgs84_from_rd
from opvangregie.core.map_shapes import parse_bbox
from opvangregie.core.target_groups import TargetGroup
from opvangregie.organisations.scope import scope_for
from opvangregie.sites.models import CandidateSite, SiteStatus
from opvangregie.sites.selectors import site_filter
from opvangregie.ui.api_errors import errors

router = Router(tags=["sites"])
MAX_SITES = 5_000


class PointGeometry(Schema):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="longitude, latitude (WGS84)")


class SiteProperties(Schema):
    id: int
    name: str
    municipality: str
    status: SiteStatus
    public: bool
    target_group: TargetGroup
    estimated_places: int | None
    approximate: bool = Field(description="The position is approximate")
    status_label: str
    url: str


class SiteFeature(Schema):
    type: Literal["Feature"] = "Feature"
    geometry: PointGeometry
    properties: SiteProperties


class SiteCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[SiteFeature]


@router.get("", response={200: SiteCollection, **errors(422)})
def sites(request: HttpRequest, municipality: str | None = None, bbox: str | None = None) -> SiteCollection:
    """The candidate sites the caller may see, optionally of one municipality (CBS code) or in a box."""
    queryset = CandidateSite.objects.filter(site_filter(scope_for(request.user))).select_related("municipality")
    if municipality:
        queryset = queryset.filter(municipality__code=str(MunicipalityCode.parse(municipality[:20])))
    if bbox:
        min_x, min_y, max_x, max_y = rd_box(*parse_bbox(bbox))
        queryset = queryset.filter(rd_x__gte=min_x, rd_x__lte=max_x, rd_y__gte=min_y, rd_y__lte=max_y)
    features = []
    for site in queryset.order_by("pk")[:MAX_SITES]:
        features.append(
            SiteFeature(
                geometry=PointGeometry(coordinates=wgs84_from_rd(float(site.rd_x), float(site.rd_y))),
                properties=SiteProperties(
                    id=site.pk,
                    name=site.name,
                    municipality=site.municipality.code,
                    status=SiteStatus(site.status),
                    public=site.is_public,
                    target_group=TargetGroup(site.target_group),
                    estimated_places=site.estimated_places,
                    approximate=site.approximate,
                    status_label=str(site.get_status_display()),
                    url=reverse("sites:site", args=[site.pk]),
                ),
            )
        )
    return SiteCollection(features=features)
