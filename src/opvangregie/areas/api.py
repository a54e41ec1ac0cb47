"""API for municipalities, regions and provinces, with their occupancy aggregates."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from opvangregie.areas.models import MunicipalityYear
from opvangregie.organisations.scope import (
    readable_municipalities,
    scope_for,
)
from opvangregie.ui.api_errors import errors

router = Router(tags=["areas"])


class MunicipalityOut(Schema):
    code: str
    name: str
    province: str
    safety_region: str
    population: int | None
    population_date: date | None


@router.get("/municipalities", response={200: list[MunicipalityOut], **errors(422)})
def municipalities(request: HttpRequest, province: str | None = None, year: int = 2025) -> list[MunicipalityOut]:
    """Municipalities the caller may read, with population of the reference year."""
    queryset = readable_municipalities(scope_for(request.user))
    if province:
        queryset = queryset.filter(province__code=province)
    population = {
        y.municipality_id: y for y in MunicipalityYear.objects.filter(reference_year=year, municipality__in=queryset)
    }
    return [
        MunicipalityOut(
            code=m.code,
            name=m.name,
            province=m.province.name,
            safety_region=m.safety_region.name,
            population=population[m.pk].population if m.pk in population else None,
            population_date=population[m.pk].population_date if m.pk in population else None,
        )
        for m in queryset
    ]
