"""``opvangregie sites check --point LON,LAT [--radius M] [--json]``: the constraint layers a point lies in or near."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from shapely.geometry import Point

from opvangregie.core.constraints import check, rd_from_wgs84
from opvangregie.core.errors import ApplicationError
from opvangregie.sites.layers import active_layers


def _lon_lat(raw: str) -> tuple[float, float]:
    try:
        lon, lat = (float(part) for part in raw.split(","))
    except ValueError:
        raise CommandError(
            f"--point {raw!r}: geef lengte- en breedtegraad als LON,LAT, bijvoorbeeld 4.56,52.40."
        ) from None
    return lon, lat


class Command(BaseCommand):
    help = "Candidate sites: 'check' lists every constraint-layer feature a point lies in or within a radius of."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["check"])
        parser.add_argument("--point", required=True, help="WGS84 longitude,latitude, e.g. 4.56,52.40")
        parser.add_argument("--radius", type=float, default=0, help="search radius in metres (RD New)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        lon, lat = _lon_lat(options["point"])
        try:
            point = rd_from_wgs84(lon, lat)
            hits = check(Point(point.x, point.y), active_layers(), options["radius"])
        except ApplicationError as error:
            raise CommandError(error.message) from error
        rows = [
            {
                "layer": hit.feature.layer,
                "feature": hit.feature.name,
                "kind": hit.feature.kind.value,
                "inside": hit.inside,
                "distance_m": round(hit.distance_m, 1),
            }
            for hit in hits
        ]
        if options["json"]:
            self.stdout.write(
                json.dumps({"rd": [round(point.x, 2), round(point.y, 2)], "hits": rows}, ensure_ascii=False)
            )
            return
        self.stdout.write(
            f"Punt {lon}, {lat} = RD ({point.x:.0f}, {point.y:.0f}); zoekafstand {options['radius']:.0f} m"
        )
        for hit in hits:
            self.stdout.write(f"  {hit.sentence()}")
        if not hits:
            self.stdout.write("  geen beperkingen gevonden")
