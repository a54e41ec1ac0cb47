"""Shapes for web maps: WGS84 (EPSG:4326) features cut to a bounding box and simplified to what a zoom
level can show (Web Mercator tiles of 256 pixels, as Leaflet and every slippy map draw them).

A map of the whole country at zoom 7 draws a municipality border of a few pixels; sending it with every
vertex costs bytes and drawing time for nothing. Each zoom level gets the shapes simplified to half a pixel
of that level (Douglas–Peucker, topology preserved), computed once per level and kept.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from opvangregie.core.errors import ValidationError
from opvangregie.core.layer_files import polygonal

MIN_ZOOM = 0
MAX_ZOOM = 20
# From this level on, the shapes are sent as stored (the shipped ones are already simplified to 0.001°).
DETAIL_ZOOM = 12

Box = tuple[float, float, float, float]  # west, south, east, north in degrees


def parse_bbox(raw: str) -> Box:
    """A box written as ``west,south,east,north`` in WGS84 degrees (the order of RFC 7946 section 5)."""
    try:
        west, south, east, north = (float(part) for part in raw.split(","))
    except ValueError:
        raise ValidationError(
            "Een kader is west,zuid,oost,noord in graden (WGS84), bijvoorbeeld 4.5,52.3,4.7,52.4."
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):  # refuses NaN and infinities too
        raise ValidationError("Een kader is west,zuid,oost,noord in graden, met west < oost en zuid < noord.")
    return west, south, east, north


def parse_zoom(zoom: int) -> int:
    """A Web Mercator zoom level, 0 (the world in one tile) to 20 (a building)."""
    if not MIN_ZOOM <= zoom <= MAX_ZOOM:
        raise ValidationError(f"Het zoomniveau is een geheel getal van {MIN_ZOOM} tot en met {MAX_ZOOM}.")
    return zoom


def tolerance_degrees(zoom: int) -> float:
    """Half a pixel at a zoom level, in degrees of longitude: a tile of 256 pixels spans 360° / 2^zoom."""
    return 360 / (256 * 2**zoom) / 2


@dataclass(frozen=True, slots=True)
class MapShape:
    """One feature: its key (e.g. a CBS municipality code), its name and its WGS84 geometry."""

    key: str
    name: str
    geometry: BaseGeometry


class ShapeSet:
    """Features with a spatial index, cut to a box and simplified per zoom level on request."""

    def __init__(self, shapes: Sequence[MapShape]) -> None:
        self.shapes = shapes
        self._tree = STRtree([item.geometry for item in shapes])
        self._per_zoom: dict[int, list[BaseGeometry]] = {}  # each level simplified once, then kept

    @classmethod
    def from_geojson(cls, data: dict[str, Any], *, key_property: str, name_property: str) -> ShapeSet:
        """Read a FeatureCollection; invalid polygons are repaired (shapely ``make_valid``)."""
        shapes = []
        for feature in data.get("features", []):
            geometry = polygonal(shapely.make_valid(shape(feature["geometry"])))
            properties = feature.get("properties") or {}
            shapes.append(MapShape(str(properties[key_property]), str(properties[name_property]), geometry))
        return cls(shapes)

    def _level(self, zoom: int) -> list[BaseGeometry]:
        level = min(parse_zoom(zoom), DETAIL_ZOOM)
        if level not in self._per_zoom:
            if level == DETAIL_ZOOM:
                self._per_zoom[level] = [item.geometry for item in self.shapes]
            else:
                simplified = shapely.simplify(
                    [item.geometry for item in self.shapes], tolerance_degrees(level), preserve_topology=True
                )
                self._per_zoom[level] = list(simplified)
        return self._per_zoom[level]

    def features(
        self, *, zoom: int, bbox: Box | None = None, keys: Collection[str] | None = None
    ) -> list[dict[str, Any]]:
        """GeoJSON features (RFC 7946) of the shapes in the box (all when none) and among the keys, drawn
        for the zoom level; properties ``code`` and ``name``."""
        geometries = self._level(zoom)
        if bbox is None:
            indexes: Sequence[int] = range(len(self.shapes))
        else:
            indexes = sorted(int(i) for i in self._tree.query(box(*bbox)))
        return [
            {
                "type": "Feature",
                "geometry": mapping(geometries[i]),
                "properties": {"code": self.shapes[i].key, "name": self.shapes[i].name},
            }
            for i in indexes
            if keys is None or self.shapes[i].key in keys
        ]
