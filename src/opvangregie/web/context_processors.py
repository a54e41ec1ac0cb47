"""Navigation items for the base template, from the user's scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from opvangregie import clock
from opvangregie.areas.models import Municipality
from opvangregie.locations.selectors import provinces_readable, regions_readable
from opvangregie.organisations.models import OrganisationKind
from opvangregie.organisations.scope import scope_for
from opvangregie.ui.params import InvalidParameter, reference_date


def _kept_query(request: HttpRequest) -> str:
    """``?datum=…`` when the page was asked for a valid reference date, so that navigating keeps it."""
    if not request.GET.get("datum"):
        return ""
    try:
        return f"?datum={reference_date(request):%Y-%m-%d}"
    except InvalidParameter:
        return ""


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu of the user's municipalities, regions and provinces, the kept reference date and the demo's day."""
    shared = {"demo_today": clock.pinned_day()}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return shared
    scope = scope_for(user)
    own = Municipality.objects.filter(
        organisation__kind=OrganisationKind.MUNICIPALITY, organisation__memberships__user=user
    ).order_by("name")
    return {
        **shared,
        "nav_query": _kept_query(request),
        "nav_municipalities": list(own[:6]),
        "nav_regions": list(regions_readable(scope)[:12]),
        "nav_provinces": list(provinces_readable(scope)[:12]),
        "nav_is_coa": scope.coa_reader,
    }
