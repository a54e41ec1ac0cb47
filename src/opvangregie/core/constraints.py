"""Candidate sites against constraint layers (Natura 2000, provincial protected landscape, ...), measured
in RD New (EPSG:28992) metres.

A layer's features are kept with a spatial index (shapely STRtree) so that checking thousands of sites
asks only the nearby features. A site (point or polygon) touches a feature when it lies inside it, or
within the search radius of it; the result says the share of the site's area inside and the distance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from opvangregie.core.errors import ValidationError
from opvangregie.core.geo import RDPoint

_TO_RD = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
_TO_WGS84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


class ConstraintKind(StrEnum):
    """How a layer weighs: a hard exclusion, or a reason to consult (e.g. the province)."""

    EXCLUSION = "exclusion"
    CONSULTATION = "consultation"
    INFORMATION = "information"

    @property
    def label_nl(self) -> str:
        return {"exclusion": "uitsluiting", "consultation": "overleg nodig", "information": "ter informatie"}[self]


def rd_from_wgs84(lon: float, lat: float) -> RDPoint:
    """A WGS84 longitude/latitude (EPSG:4326) in RD New; refuses points outside the Netherlands' grid."""
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(f"({lon}, {lat}) is geen lengte- en breedtegraad.")
    x, y = _TO_RD.transform(lon, lat)
    return RDPoint(x, y)


def wgs84_from_rd(x: float, y: float) -> tuple[float, float]:
    """An RD New point as WGS84 (longitude, latitude), as GeoJSON (RFC 7946) writes positions."""
    lon, lat = _TO_WGS84.transform(x, y)
    return round(lon, 7), round(lat, 7)


# The WGS84 area around the RD grid (the North Sea included); a box is cut to it before it is converted.
_AROUND_THE_GRID = (1.0, 49.0, 9.0, 57.0)


def rd_box(min_lon: float, min_lat: float, max_lon: float, max_lat: float) -> tuple[float, float, float, float]:
    """The RD New envelope (min x, min y, max x, max y) of a WGS84 bounding box, for filtering RD points.

    The box is first cut to the area around the grid (RD New means nothing far from the Netherlands), and its
    edges are sampled, since a longitude/latitude rectangle is not a rectangle in RD. A box that misses the
    area gives an empty envelope."""
    if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):  # refuses NaN and infinities too
        raise ValidationError("Een kader is west,zuid,oost,noord in graden, met west < oost en zuid < noord.")
    west, south = max(min_lon, _AROUND_THE_GRID[0]), max(min_lat, _AROUND_THE_GRID[1])
    east, north = min(max_lon, _AROUND_THE_GRID[2]), min(max_lat, _AROUND_THE_GRID[3])
    if west >= east or south >= north:
        return (0.0, 0.0, 0.0, 0.0)
    steps = [i / 10 for i in range(11)]
    edge = [(west + (east - west) * t, lat) for t in steps for lat in (south, north)]
    edge += [(lon, south + (north - south) * t) for t in steps for lon in (west, east)]
    xs, ys = _TO_RD.transform([lon for lon, _ in edge], [lat for _, lat in edge])
    return float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys))


@dataclass(frozen=True, slots=True)
class Feature:
    """One area of a layer, in RD New."""

    layer: str
    name: str
    kind: ConstraintKind
    geometry: BaseGeometry


@dataclass(frozen=True, slots=True)
class Hit:
    """A feature a site lies in or near: the share of the site inside it and the distance (0 when touching)."""

    feature: Feature
    share_inside: float  # 0..1 of the site's area (a point: 1 inside, 0 outside)
    distance_m: float

    @property
    def inside(self) -> bool:
        return self.distance_m == 0

    def sentence(self) -> str:
        """E.g. "ligt voor 34% in Natura 2000-gebied Kennemerland-Zuid (overleg nodig)"."""
        where = f"{self.feature.layer} {self.feature.name}"
        if self.inside:
            share = "" if self.share_inside >= 0.995 else f" voor {round(self.share_inside * 100)}%"
            return f"ligt{share} in {where} ({self.feature.kind.label_nl})"
        return f"ligt op {round(self.distance_m):,} m van {where} ({self.feature.kind.label_nl})".replace(",", ".")


def _reprojected(geometry: BaseGeometry, transformer: Transformer) -> BaseGeometry:
    def to_rd(coordinates: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack((x, y))

    return shapely.transform(geometry, to_rd)


# Layers may reach beyond the grid's area of use (the North Sea), but not this far: a layer declared in one
# CRS but written in another lands hundreds of kilometres off, or at (0, 0).
_RD_ENVELOPE = shapely.box(-200_000, 200_000, 500_000, 900_000)  # North Sea areas (Doggersbank) included


def _near_the_netherlands(geometry: BaseGeometry, index: int, crs: str) -> None:
    if geometry.is_empty or not _RD_ENVELOPE.contains(geometry):
        raise ValidationError(
            f"Object {index + 1} ligt niet in of bij Nederland: staat het bestand wel in {crs}?",
            details={"feature": index + 1},
        )


class Layer:
    """The features of one constraint layer with a spatial index."""

    def __init__(self, name: str, kind: ConstraintKind, features: Sequence[Feature]) -> None:
        self.name, self.kind, self.features = name, kind, tuple(features)
        self._tree = STRtree([f.geometry for f in self.features])

    @classmethod
    def from_geojson(
        cls, name: str, kind: ConstraintKind, data: Mapping[str, Any], *, name_property: str, crs: str = "EPSG:4326"
    ) -> Layer:
        """A layer from a GeoJSON FeatureCollection in WGS84 (or RD New with ``crs="EPSG:28992"``).

        Invalid geometries are repaired (``make_valid``); coordinates outside the grid are refused."""
        if data.get("type") != "FeatureCollection":
            raise ValidationError("Een lagenbestand moet een GeoJSON FeatureCollection zijn.")
        transformer = None if crs == "EPSG:28992" else Transformer.from_crs(crs, "EPSG:28992", always_xy=True)
        features = []
        for index, item in enumerate(data.get("features") or []):
            try:
                geometry = shape(item["geometry"])
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise ValidationError(f"Object {index + 1} heeft geen leesbare geometrie ({error}).") from None
            if transformer is not None:
                geometry = _reprojected(geometry, transformer)
            if not geometry.is_valid:
                geometry = shapely.make_valid(geometry)
            _near_the_netherlands(geometry, index, crs)
            label = str((item.get("properties") or {}).get(name_property) or f"object {index + 1}")
            features.append(Feature(name, label, kind, geometry))
        return cls(name, kind, features)

    def hits(self, site: BaseGeometry, radius_m: float = 0) -> list[Hit]:
        """The features ``site`` lies in, or within ``radius_m`` of, nearest first."""
        if radius_m < 0:
            raise ValidationError("De zoekafstand kan niet negatief zijn.")
        found = []
        for index in (
            self._tree.query(site, predicate="dwithin", distance=radius_m)
            if radius_m
            else self._tree.query(site, predicate="intersects")
        ):
            feature = self.features[int(index)]
            distance = float(site.distance(feature.geometry))
            share = (
                float(site.intersection(feature.geometry).area / site.area)
                if site.area
                else (1.0 if distance == 0 else 0.0)
            )
            found.append(Hit(feature, share, distance))
        return sorted(found, key=lambda hit: (hit.distance_m, hit.feature.name))

    def nearest(self, site: BaseGeometry) -> Hit | None:
        """The nearest feature of the layer, however far."""
        if not self.features:
            return None
        feature = self.features[int(self._tree.nearest(site))]
        distance = float(site.distance(feature.geometry))
        share = float(site.intersection(feature.geometry).area / site.area) if site.area else float(distance == 0)
        return Hit(feature, share, distance)


def check(site: BaseGeometry, layers: Iterable[Layer], radius_m: float = 0) -> list[Hit]:
    """Every feature of every layer the site touches or lies within ``radius_m`` of, nearest first."""
    return sorted((hit for layer in layers for hit in layer.hits(site, radius_m)), key=lambda hit: hit.distance_m)
