"""The settings every map on a page reads (``web/static/web/map.js``): the GeoJSON endpoints, the choropleth,
the texts in the user's language, the optional background tiles, and for a form the fields a click fills."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

# Location markers by target group (ColorBrewer Paired, distinguishable on the boundaries' blue), constraint
# layers by kind (ColorBrewer RdBu: red excludes, orange asks for consultation, blue informs).
TARGET_GROUP_COLOURS = {
    "ukrainian": "#1f78b4",
    "asylum": "#33a02c",
    "amv": "#6a3d9a",
    "status_holder": "#ff7f00",
    "emergency": "#e31a1c",
}
LAYER_KIND_COLOURS = {"exclusion": "#b2182b", "consultation": "#ef8a62", "information": "#67a9cf"}
# RD New (EPSG:28992) for proj4js, with the seven-parameter datum shift of the EPSG registry (Amersfoort to
# WGS84, EPSG:15739): within about a metre of RDNAPTRANS, enough to pick a point on a map.
RD_NEW_PROJ4 = (
    "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 "
    "+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs"
)


def map_settings(
    *,
    area: dict[str, str],
    focus: list[str],
    attribution: list[str],
    measures: dict[str, Any] | None = None,
    layers_on: bool = False,
    pick: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What map.js needs: ``area`` selects the boundaries (municipality, region or province), ``focus`` the
    municipalities drawn bolder; with ``measures`` the municipalities are coloured; with ``pick`` (the ids of
    the RD x and y inputs) a click on the map fills them."""
    api = reverse("api:api-root")
    tiles = (
        {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION} if settings.MAP_TILE_URL else None
    )
    return {
        "boundaries": f"{api}map/boundaries?{urlencode(area)}",
        "locations": f"{api}map/locations",
        "sites": f"{api}sites",
        "layers": f"{api}layers",
        "layerFeatures": f"{api}layers/{{id}}/features",
        "layersOn": layers_on,
        "focus": focus,
        "targetGroupColours": TARGET_GROUP_COLOURS,
        "layerKindColours": LAYER_KIND_COLOURS,
        "measures": measures or {},
        "measureSelect": "map-measure" if measures else None,
        "overlays": "map-overlays",
        "tiles": tiles,
        "attribution": attribution,
        "pick": {**pick, "rd": RD_NEW_PROJ4} if pick else None,
        "text": {
            "places_persons": _("{places} places, {persons} persons today"),
            "open_location": _("Open the location"),
            "open_site": _("Open the candidate site"),
            "candidate_site": _("Candidate site"),
            "estimated_places": _("about {places} places (estimate)"),
            "approximate": _("approximate position"),
            "picked": _("The new site's position"),
        },
    }


def target_group_legend(choices: Iterable[tuple[str, Any]]) -> list[tuple[str, str]]:
    """The colour of each target group's locations on the map, for the legend beside it."""
    return [(str(label), TARGET_GROUP_COLOURS[value]) for value, label in choices]
