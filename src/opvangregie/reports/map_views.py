"""The map: a municipality's own map page (its locations, candidate sites and the constraint layers), and the
settings every map on a page reads (``web/static/web/map.js``): the GeoJSON endpoints, the choropleth, the
texts in the user's language and the optional background tiles."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from opvangregie.areas.boundaries import BOUNDARIES_ATTRIBUTION
from opvangregie.locations.models import TargetGroupChoices
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.reports.choropleth import AreaMap

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
LAYERS_URL = "/api/layers"  # the constraint layers (sites app); the map leaves them out when it cannot read them


def map_settings(
    *, area: dict[str, str], focus: list[str], area_map: AreaMap | None = None, layers_on: bool = False
) -> dict[str, Any]:
    """What map.js needs: ``area`` selects the boundaries (municipality, region or province), ``focus`` the
    municipalities drawn bolder; with ``area_map`` the municipalities are coloured by its measures."""
    api = reverse("api:api-root")
    tiles = (
        {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION} if settings.MAP_TILE_URL else None
    )
    return {
        "boundaries": f"{api}map/boundaries?{urlencode(area)}",
        "locations": f"{api}map/locations",
        "sites": f"{api}sites",
        "layers": LAYERS_URL,
        "layerFeatures": LAYERS_URL + "/{id}/features",
        "layersOn": layers_on,
        "focus": focus,
        "targetGroupColours": TARGET_GROUP_COLOURS,
        "layerKindColours": LAYER_KIND_COLOURS,
        "measures": area_map.as_json() if area_map else {},
        "measureSelect": "map-measure" if area_map else None,
        "overlays": "map-overlays",
        "tiles": tiles,
        "attribution": [BOUNDARIES_ATTRIBUTION],
        "text": {
            "places_persons": _("{places} places, {persons} persons today"),
            "open_location": _("Open the location"),
            "open_site": _("Open the candidate site"),
            "candidate_site": _("Candidate site"),
            "estimated_places": _("about {places} places (estimate)"),
            "approximate": _("approximate position"),
        },
    }


def target_group_legend() -> list[tuple[str, str]]:
    """The colour of each target group's locations on the map, for the legend beside it."""
    return [(str(label), TARGET_GROUP_COLOURS[value]) for value, label in TargetGroupChoices.choices]


@login_required
def municipality_map(request: HttpRequest, code: str) -> HttpResponse:
    """A municipality's map: its boundary, its locations by target group and status, the candidate sites the
    user may see, and the constraint layers (Natura 2000 and the uploaded ones) as toggles."""
    municipality = municipality_readable(scope_for(request.user), code)
    return render(
        request,
        "reports/map.html",
        {
            "municipality": municipality,
            "map_settings": map_settings(
                area={"municipality": municipality.code}, focus=[municipality.code], layers_on=True
            ),
            "map_target_groups": target_group_legend(),
        },
    )
