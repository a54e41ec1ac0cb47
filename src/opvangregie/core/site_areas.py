"""A candidate site's area and the shares of land under constraint areas, in RD New (EPSG:28992) metres.

Rules (issue 17): a site may have an area, entered as GeoJSON or WKT in RD New or WGS84; it must be one area (a
polygon or several), valid or repairable, in the Netherlands and of a plausible size. Shares of land are measured
in RD New, where areas are true to within a fraction of a percent; overlapping constraint areas count once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import shapely
from shapely.errors import GEOSException
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from opvangregie.core.errors import ValidationError
from opvangregie.core.geo import RD_X_RANGE, RD_Y_RANGE
from opvangregie.core.layer_files import polygonal

RD_NEW, WGS84 = "EPSG:28992", "EPSG:4326"
MAX_SITE_AREA_M2 = 25_000_000.0  # 25 km²: larger is no candidate site but a region
MAX_TEXT = 200_000


def _parse(text: str) -> BaseGeometry:
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            return shape(json.loads(stripped))  # a geometry, or a Feature (shapely takes its geometry)
        except (ValueError, TypeError, KeyError, AttributeError, GEOSException):
            raise ValidationError("De geometrie is geen leesbare GeoJSON-geometrie.") from None
    try:
        return shapely.from_wkt(stripped)
    except (GEOSException, ValueError):
        raise ValidationError(
            "De geometrie is geen leesbare WKT of GeoJSON, bijvoorbeeld POLYGON ((x y, x y, x y, x y))."
        ) from None


def site_area_parse(text: str, *, crs: str) -> BaseGeometry:
    """The site's area in RD New from GeoJSON or WKT in ``crs`` (RD New or WGS84), checked."""
    from opvangregie.core.constraints import _reprojected

    if len(text) > MAX_TEXT:
        raise ValidationError(f"De geometrie is langer dan {MAX_TEXT:,} tekens.".replace(",", "."))
    if crs not in (RD_NEW, WGS84):
        raise ValidationError("Kies RD New (EPSG:28992) of WGS84 (EPSG:4326).")
    geometry = _parse(text)
    if geometry.is_empty or not isinstance(geometry, shapely.Polygon | shapely.MultiPolygon):
        raise ValidationError("De geometrie moet een vlak zijn (Polygon of MultiPolygon).")
    if crs == WGS84:
        west, south, east, north = geometry.bounds
        if not (west >= -180 and east <= 180 and south >= -90 and north <= 90):
            raise ValidationError("De geometrie heeft geen lengte- en breedtegraden: staat ze wel in WGS84?")
        from pyproj import Transformer

        geometry = _reprojected(geometry, Transformer.from_crs(WGS84, RD_NEW, always_xy=True))
    west, south, east, north = geometry.bounds
    if not (RD_X_RANGE[0] <= west and east <= RD_X_RANGE[1] and RD_Y_RANGE[0] <= south and north <= RD_Y_RANGE[1]):
        raise ValidationError("De geometrie ligt buiten Nederland: staat ze wel in het gekozen stelsel?")
    if not geometry.is_valid:
        geometry = polygonal(shapely.make_valid(geometry))
    if geometry.is_empty or geometry.area < 1:
        raise ValidationError("De geometrie heeft geen oppervlak (ook niet na herstel).")
    if geometry.area > MAX_SITE_AREA_M2:
        raise ValidationError(f"De geometrie is groter dan {MAX_SITE_AREA_M2 / 1e6:.0f} km².")
    return geometry


def wgs84_geojson(rd_geometry: BaseGeometry) -> str:
    """An RD New geometry as GeoJSON text in WGS84 (RFC 7946), to 7 decimals (about 1 cm)."""
    from pyproj import Transformer

    from opvangregie.core.constraints import _reprojected

    moved = _reprojected(rd_geometry, Transformer.from_crs(RD_NEW, WGS84, always_xy=True))
    return json.dumps(mapping(shapely.set_precision(moved, 1e-7)))


def rd_from_geojson(text: str) -> BaseGeometry:
    """A WGS84 GeoJSON geometry (as :func:`wgs84_geojson` writes it) back in RD New, repaired if need be."""
    from opvangregie.core.constraints import _TO_RD, _reprojected

    geometry = _reprojected(shape(json.loads(text)), _TO_RD)
    return geometry if geometry.is_valid else polygonal(shapely.make_valid(geometry))


def covered_share(area: BaseGeometry, parts: Sequence[BaseGeometry], tree: STRtree | None = None) -> float:
    """The share (0..1) of ``area`` covered by the union of ``parts`` (all in one metric CRS); overlapping parts
    count once. ``tree``: a spatial index of ``parts``, so only the parts near ``area`` are cut."""
    if area.is_empty or area.area == 0 or not parts:
        return 0.0
    indices = (tree or STRtree(parts)).query(area, predicate="intersects")
    # the lines and points where a part only touches the area add no area (no parts: an empty union, 0)
    covered = shapely.union_all([area.intersection(parts[int(i)]) for i in indices])
    return min(1.0, float(covered.area / area.area))
