"""Reading a constraint layer from a file (GeoJSON, GeoPackage, zipped Shapefile) into WGS84 areas.

Rules (issue 17, "constraint layers"): the file's coordinate reference system (CRS) is read from the file and
the areas are reprojected to WGS84 (EPSG:4326, as GeoJSON RFC 7946 stores them); a file without a CRS, or whose
areas do not fall in or near the Netherlands once reprojected, is refused. Invalid geometries are repaired with
shapely's ``make_valid``; an empty geometry, or one that is no area once repaired, is refused with its feature
number. Only areas are kept: the lines and points of a geometry collection are dropped and its overlapping
polygons merged. All or nothing: one refused feature refuses the file. GeoJSON without a declared CRS is WGS84
by RFC 7946.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from opvangregie.core.errors import ValidationError

SUFFIXES = (".geojson", ".json", ".gpkg", ".zip")
MAX_FEATURES = 20_000
# Layers may reach beyond the grid's area of use (the North Sea), but not this far (as core.constraints).
RD_ENVELOPE = (-200_000.0, 200_000.0, 500_000.0, 900_000.0)
NAME_FIELDS = ("naam", "name", "gebiedsnaam", "naam_n2k", "omschrijving", "label", "titel")
_WGS84_DECIMALS = 7  # about 1 cm


@dataclass(frozen=True, slots=True)
class LayerArea:
    """One area of a layer: its name and its geometry in WGS84 (longitude, latitude)."""

    name: str
    geometry: BaseGeometry


@dataclass(frozen=True, slots=True)
class LayerFile:
    """What a layer file holds once read: the areas in WGS84, the CRS they were in and how many were repaired."""

    source_crs: str
    areas: tuple[LayerArea, ...]
    repaired: int

    def geojson(self) -> dict[str, Any]:
        """The areas as a GeoJSON FeatureCollection (RFC 7946, WGS84) with the property ``naam``."""
        return feature_collection(self.areas)


def feature_collection(areas: Sequence[LayerArea]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"naam": area.name}, "geometry": mapping(area.geometry)} for area in areas
        ],
    }


def read_layer_file(path: Path, *, name_field: str = "") -> LayerFile:
    """The areas of the layer file at ``path`` (the first layer of a GeoPackage), checked and in WGS84."""
    import pyogrio
    import pyogrio.raw
    from pyogrio.errors import DataLayerError, DataSourceError

    if path.suffix.lower() not in SUFFIXES:
        raise ValidationError("Lever een GeoJSON-bestand, een GeoPackage (.gpkg) of een gezipte Shapefile (.zip).")
    try:
        info = pyogrio.read_info(path)
        if int(info.get("features") or 0) > MAX_FEATURES:
            raise ValidationError(f"Het bestand heeft meer dan {MAX_FEATURES:,} objecten.".replace(",", "."))
        meta, _, wkbs, field_data = pyogrio.raw.read(path)
    except (DataSourceError, DataLayerError, OSError, RuntimeError) as error:
        raise ValidationError(f"Het bestand is niet te lezen als kaartlaag ({str(error)[:200]}).") from None
    crs = meta.get("crs")
    if not crs:
        raise ValidationError(
            "Het bestand heeft geen coördinatenstelsel (CRS); lever het met een .prj (Shapefile) of in een "
            "GeoPackage, in RD New (EPSG:28992) of WGS84 (EPSG:4326)."
        )
    fields = meta.get("fields")  # a numpy array: never asked for its truth (ambiguous with 0 or 2+ fields)
    names = _names([] if fields is None else list(fields), list(field_data or []), len(wkbs), name_field)
    areas, repaired = [], 0
    to_rd, to_wgs84 = _transformers(str(crs))
    for index, wkb in enumerate(wkbs):
        geometry = shapely.from_wkb(wkb) if wkb is not None else None
        area, was_repaired = _checked_area(geometry, index, str(crs), to_rd, to_wgs84)
        repaired += was_repaired
        areas.append(LayerArea(names[index] or f"object {index + 1}", area))
    if not areas:
        raise ValidationError("Het bestand bevat geen objecten.")
    return LayerFile(str(crs), tuple(areas), repaired)


def _names(fields: list[str], data: list[Any], count: int, name_field: str) -> list[str]:
    """The name of each feature: the chosen field, else the first usual name field, else none."""
    by_lower = {str(field).lower(): i for i, field in enumerate(fields)}
    if name_field:
        if name_field.lower() not in by_lower:
            raise ValidationError(
                f"Het bestand heeft geen veld '{name_field}'; er zijn: {', '.join(map(str, fields)) or 'geen'}."
            )
        column = by_lower[name_field.lower()]
    else:
        column = next((by_lower[f] for f in NAME_FIELDS if f in by_lower), -1)
    if column < 0:
        return [""] * count
    return [("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))[:200] for v in data[column]]


def _transformers(crs: str) -> tuple[Any, Any]:
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        source = CRS.from_user_input(crs)
    except CRSError:
        raise ValidationError(f"Het coördinatenstelsel {crs} van het bestand is onbekend.") from None
    return (
        Transformer.from_crs(source, "EPSG:28992", always_xy=True),
        Transformer.from_crs(source, "EPSG:4326", always_xy=True),
    )


def _apply(geometry: BaseGeometry, transformer: Any) -> BaseGeometry:
    def move(coordinates: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack((x, y))

    return shapely.transform(geometry, move)


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """The areas of a geometry (a repaired polygon may come back as a collection with lines and points)."""
    if isinstance(geometry, shapely.Polygon | shapely.MultiPolygon):
        return geometry
    if isinstance(geometry, shapely.GeometryCollection):
        parts = [part for part in geometry.geoms if isinstance(part, shapely.Polygon | shapely.MultiPolygon)]
        return shapely.union_all(parts) if parts else shapely.Polygon()
    return shapely.Polygon()


def _checked_area(
    geometry: BaseGeometry | None, index: int, crs: str, to_rd: Any, to_wgs84: Any
) -> tuple[BaseGeometry, bool]:
    number = index + 1
    if geometry is None or geometry.is_empty:
        raise ValidationError(f"Object {number} heeft geen geometrie.", details={"feature": number})
    if not isinstance(geometry, shapely.Polygon | shapely.MultiPolygon | shapely.GeometryCollection):
        raise ValidationError(
            f"Object {number} is geen vlak maar een {geometry.geom_type}; een beperkingenlaag bestaat uit vlakken.",
            details={"feature": number},
        )
    in_rd = _apply(geometry, to_rd)
    west, south, east, north = RD_ENVELOPE
    bounds = in_rd.bounds
    if not all(math.isfinite(v) for v in bounds) or not (
        west <= bounds[0] and south <= bounds[1] and bounds[2] <= east and bounds[3] <= north
    ):
        raise ValidationError(
            f"Object {number} ligt niet in of bij Nederland: staat het bestand wel in {crs}?",
            details={"feature": number},
        )
    repaired = not geometry.is_valid
    if repaired:
        geometry = polygonal(shapely.make_valid(geometry))
    if geometry.is_empty or geometry.area == 0:
        raise ValidationError(
            f"Object {number} heeft een ongeldige geometrie die niet te herstellen is (geen oppervlak).",
            details={"feature": number},
        )
    # Only the areas are kept: a line or point beside an area in a collection is no area (a bare line is
    # refused above), and overlapping polygons of a collection become one area (else counted twice).
    in_wgs84 = polygonal(shapely.set_precision(_apply(geometry, to_wgs84), 10**-_WGS84_DECIMALS))
    if in_wgs84.is_empty:
        raise ValidationError(
            f"Object {number} is te klein om op te slaan (kleiner dan een centimeter).", details={"feature": number}
        )
    return in_wgs84, repaired
