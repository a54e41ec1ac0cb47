"""Navigation items for the base template, from the user's scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from opvangregie.locations.selectors import provinces_readable, regions_readable
from opvangregie.organisations.scope import readable_municipalities, scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    own = readable_municipalities(scope).filter(pk__in=scope.editable_municipalities | scope.readable_municipalities)
    wide = scope.is_superuser or scope.reads_all
    return {
        "nav_municipalities": [] if wide else list(own[:12]),
        "nav_regions": list(regions_readable(scope)[:12]),
        "nav_provinces": list(provinces_readable(scope)[:12]),
        "nav_is_coa": scope.coa_reader,
    }
