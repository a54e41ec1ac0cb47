"""The map: a municipality's own map page (its locations, candidate sites and the constraint layers), and the
settings of an area's choropleth map."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opvangregie.areas.boundaries import BOUNDARIES_ATTRIBUTION
from opvangregie.locations.models import TargetGroupChoices
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.reports.choropleth import AreaMap
from opvangregie.ui.maps import map_settings, target_group_legend


def area_map_settings(*, area: dict[str, str], area_map: AreaMap) -> dict[str, Any]:
    """An area's map, its municipalities coloured by the choropleth's measures."""
    return map_settings(
        area=area,
        focus=[row.code for row in area_map.rows],
        attribution=[BOUNDARIES_ATTRIBUTION],
        measures=area_map.as_json(),
    )


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
                area={"municipality": municipality.code},
                focus=[municipality.code],
                attribution=[BOUNDARIES_ATTRIBUTION],
                layers_on=True,
            ),
            "map_target_groups": target_group_legend(TargetGroupChoices.choices),
        },
    )
