"""Writes to the area register: reference data and regions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.text import slugify

from opvangregie.areas import reference_data
from opvangregie.areas.models import Municipality, MunicipalityYear, Province, Region, SafetyRegion
from opvangregie.core.errors import PermissionDenied, ValidationError


@dataclass(frozen=True, slots=True)
class LoadReport:
    year: int
    provinces: int
    safety_regions: int
    municipalities: int
    population: int


@transaction.atomic
def reference_data_load(*, year: int, path: Path | None = None) -> LoadReport:
    """Load (or reload) provinces, safety regions and the municipal division of ``year``.

    Idempotent: running it twice changes nothing; another year's file is stored beside this one.
    Municipality names, province and safety region follow the most recent year loaded.
    """
    source = path or reference_data.municipality_file(year)
    if not source.exists():
        raise ValidationError(f"Geen referentiebestand voor {year}: {source.name} ontbreekt.")
    rows = reference_data.read_municipalities(source)

    provinces: dict[str, Province] = {}
    for province_row in reference_data.read_provinces():
        province, _ = Province.objects.update_or_create(
            code=province_row.code.value, defaults={"name": province_row.name}
        )
        provinces[province_row.name] = province
        if province_row.alias:
            provinces[province_row.alias] = province
    regions: dict[str, SafetyRegion] = {}
    for region_row in reference_data.read_safety_regions():
        region, _ = SafetyRegion.objects.update_or_create(
            code=region_row.code,
            defaults={"name": region_row.name, "province": Province.objects.get(code=region_row.province.value)},
        )
        regions[region_row.name] = region

    errors = []
    for row in rows:
        if row.province not in provinces:
            errors.append(f"{row.code}: onbekende provincie {row.province!r}")
        elif row.safety_region not in regions:
            errors.append(f"{row.code}: onbekende veiligheidsregio {row.safety_region!r}")
        elif regions[row.safety_region].province_id != provinces[row.province].pk:
            errors.append(f"{row.code}: veiligheidsregio {row.safety_region} ligt niet in {row.province}")
    if errors:
        raise ValidationError(
            "Referentiegegevens zijn niet consistent; niets is ingelezen.", details={"errors": errors}
        )

    latest_year = max([year, *MunicipalityYear.objects.values_list("reference_year", flat=True)])
    for row in rows:
        province, region = provinces[row.province], regions[row.safety_region]
        municipality, created = Municipality.objects.get_or_create(
            code=row.code.value, defaults={"name": row.name, "province": province, "safety_region": region}
        )
        if not created and year >= latest_year:
            municipality.name, municipality.province, municipality.safety_region = row.name, province, region
            municipality.save()
        MunicipalityYear.objects.update_or_create(
            municipality=municipality,
            reference_year=year,
            defaults={
                "name": row.name,
                "province": province,
                "safety_region": region,
                "population": row.population,
                "population_date": row.population_date,
                "ses_score": row.ses_score,
            },
        )
    return LoadReport(
        year=year,
        provinces=len({p.pk for p in provinces.values()}),
        safety_regions=len(regions),
        municipalities=len(rows),
        population=sum(row.population for row in rows),
    )


@transaction.atomic
def region_define(
    *, actor: AbstractBaseUser | AnonymousUser, name: str, municipality_codes: Iterable[str], description: str = ""
) -> Region:
    """Define (or redefine) a region as a partnership of municipalities; administrators only."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied("Alleen een beheerder kan regio's vastleggen.")
    codes = sorted(set(municipality_codes))
    members = list(Municipality.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {m.code for m in members})
    if unknown:
        raise ValidationError(f"Onbekende gemeentecodes: {', '.join(unknown)}.")
    if not members:
        raise ValidationError("Een regio heeft ten minste één gemeente.")
    region, _ = Region.objects.update_or_create(slug=slugify(name), defaults={"name": name, "description": description})
    region._history_user = actor  # type: ignore[attr-defined]
    region.save()
    region.members.set(members)
    return region
