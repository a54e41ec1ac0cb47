"""API of the constraint layers for the map: the layers in force, and a layer's areas as GeoJSON (RFC 7946,
WGS84) in a bounding box, simplified for the zoom level. Layers describe the land, not a municipality's plans:
every signed-in user reads them (issue 17)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from opvangregie.core.constraints import ConstraintKind
from opvangregie.sites import layer_selectors
from opvangregie.ui.api_errors import errors

router = Router(tags=["layers"])


class LayerOut(Schema):
    id: int
    name: str
    kind: ConstraintKind
    kind_label: str = Field(description="The kind in Dutch, e.g. 'overleg nodig'")
    source: str
    licence: str
    valid_on: date
    version: int = Field(description="The version in force (the latest upload)")
    is_demo: bool
    feature_count: int
    attribution: str


class LayerFeatureProperties(Schema):
    name: str
    kind: ConstraintKind


class LayerFeature(Schema):
    type: Literal["Feature"] = "Feature"
    geometry: dict[str, Any] = Field(description="A GeoJSON Polygon or MultiPolygon in WGS84")
    properties: LayerFeatureProperties


class LayerFeatureCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[LayerFeature]


@router.get("", response={200: list[LayerOut], **errors()})
def layers(request: HttpRequest) -> list[LayerOut]:
    """The constraint layers in force (Natura 2000 included), each in its latest version."""
    return [
        LayerOut(
            id=row.id,
            name=row.name,
            kind=row.kind,
            kind_label=row.kind.label_nl,
            source=row.source,
            licence=row.licence,
            valid_on=row.valid_on,
            version=row.version,
            is_demo=row.is_demo,
            feature_count=row.feature_count,
            attribution=row.attribution,
        )
        for row in layer_selectors.layers_in_force()
    ]


@router.get("/{layer_id}/features", response={200: LayerFeatureCollection, **errors(404, 422)})
def layer_features(
    request: HttpRequest,
    layer_id: int,
    bbox: str | None = None,
    zoom: int | None = None,
) -> dict[str, Any]:
    """The areas of a layer in force, in WGS84, with the properties name and kind. ``bbox``: west,south,east,north
    in WGS84 degrees; ``zoom``: the map's zoom level 0..20 (coarser outlines when zoomed out)."""
    return layer_selectors.layer_features(layer_id=layer_id, bbox=bbox, zoom=zoom)
