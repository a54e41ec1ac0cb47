"""Municipality boundaries for maps: the CBS Wijk- en Buurtkaart 2024, simplified (data/SOURCES.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from opvangregie.core.map_shapes import ShapeSet

BOUNDARIES_FILE = Path(__file__).resolve().parents[1] / "data" / "gemeenten-2024-wgs84-simplified.geojson"
BOUNDARIES_ATTRIBUTION = "Gemeentegrenzen: CBS / Kadaster, Wijk- en Buurtkaart 2024 (CC BY 4.0)"


@cache
def municipality_boundaries() -> ShapeSet:
    """The 342 municipalities (land parts), keyed by CBS code (GM0397), read once per process."""
    data = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))
    return ShapeSet.from_geojson(data, key_property="gemeentecode", name_property="gemeentenaam")
