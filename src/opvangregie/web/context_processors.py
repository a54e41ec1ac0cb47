"""Navigation items for the base template, from the user's scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from opvangregie.areas.models import Municipality
from opvangregie.locations.selectors import provinces_readable, regions_readable
from opvangregie.organisations.models import OrganisationKind
from opvangregie.organisations.scope import scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    own = Municipality.objects.filter(
        organisation__kind=OrganisationKind.MUNICIPALITY, organisation__memberships__user=user
    ).order_by("name")
    return {
        "nav_municipalities": list(own[:6]),
        "nav_regions": list(regions_readable(scope)[:12]),
        "nav_provinces": list(provinces_readable(scope)[:12]),
        "nav_is_coa": scope.coa_reader,
    }
