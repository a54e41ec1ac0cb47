"""Positions of the demo locations on the map, in RD New (EPSG:28992).

Heemstede's locations are placed by street, read off the map by hand: approximate, as the seed letter gives
no coordinates. Every other demo location (examples, COA locations) is put inside its municipality's
boundary, spread around a point of it. All of them are demo positions, not addresses.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from opvangregie.areas.boundaries import municipality_boundaries
from opvangregie.audit import audited_save
from opvangregie.core.constraints import rd_from_wgs84
from opvangregie.locations.models import Location

# Longitude, latitude (WGS84) of the street each Heemstede location is on; approximate.
HEEMSTEDE_STREETS = {
    "Glipperweg 55-57": (4.6125, 52.3502),
    "Glipperweg 61": (4.6118, 52.3510),
    "Heemsteedse Dreef": (4.6262, 52.3488),
    "Herenweg": (4.6140, 52.3395),
    "Kerklaan 61": (4.6203, 52.3533),
    "Lieven de Keylaan": (4.6065, 52.3468),
    "Ringvaartlaan": (4.6420, 52.3445),
}
SPREAD_DEGREES = 0.004  # about 300 m between the demo locations of one municipality


def _street_position(location: Location) -> tuple[float, float] | None:
    for street, position in HEEMSTEDE_STREETS.items():
        if location.address.startswith(street):
            # Two locations on one address (Princehof and Glipperweg) are drawn a little apart.
            offset = 0.0006 * Location.objects.filter(address=location.address, pk__lt=location.pk).count()
            return position[0] + offset, position[1]
    return None


def _inside(area: BaseGeometry, number: int) -> tuple[float, float]:
    """A point of the municipality for its ``number``-th location: around a point inside it, kept inside."""
    centre = area.representative_point()
    step = SPREAD_DEGREES * number
    for dx, dy in ((step, 0.0), (0.0, step), (-step, 0.0), (0.0, -step), (0.0, 0.0)):
        candidate = Point(centre.x + dx, centre.y + dy)
        if area.contains(candidate):
            return candidate.x, candidate.y
    return centre.x, centre.y


def place_demo_locations(admin: Any) -> None:
    """Give every demo location without a position one (audited like every write)."""
    areas = {shape.key: shape.geometry for shape in municipality_boundaries().shapes}
    numbers: dict[int, int] = {}
    for location in Location.objects.filter(rd_x__isnull=True).select_related("municipality").order_by("pk"):
        position = _street_position(location)
        if position is None:
            number = numbers.get(location.municipality_id, 0)
            numbers[location.municipality_id] = number + 1
            position = _inside(areas[location.municipality.code], number)
        point = rd_from_wgs84(*position)
        location.rd_x, location.rd_y = Decimal(f"{point.x:.2f}"), Decimal(f"{point.y:.2f}")
        audited_save(location, actor=admin, reason="demo position")
