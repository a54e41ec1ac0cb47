"""Writes to the candidate sites: validation, permission check, transaction and audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from opvangregie import clock
from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core.errors import ValidationError
from opvangregie.core.geo import RDPoint
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.site_areas import RD_NEW, site_area_parse, wgs84_geojson
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import Location
from opvangregie.locations.services import LocationInput, location_create
from opvangregie.organisations.scope import require, scope_for
from opvangregie.sites.layer_services import site_checks_run
from opvangregie.sites.models import CandidateSite, OwnerKind, SiteKind, SiteStatus, SiteStep

NO_EDIT = "Alleen de eigen gemeente legt haar kandidaatlocaties vast."


@dataclass(frozen=True, slots=True)
class SiteInput:
    name: str
    rd_x: Decimal
    rd_y: Decimal
    owner: OwnerKind
    kind: SiteKind
    target_group: TargetGroup = TargetGroup.ASYLUM
    address: str = ""
    approximate: bool = False
    estimated_places: int | None = None
    notes: str = ""
    is_example: bool = False
    area: str = ""  # the outline as GeoJSON or WKT, in area_crs; empty: the site is a point
    area_crs: str = RD_NEW
    bag_identification: str = ""  # the BAG building it was made from (see vacancy.site_from_bag)


def _check_date(day: date) -> None:
    if day > clock.today():
        raise ValidationError(
            f"De datum {day:%d-%m-%Y} ligt in de toekomst; een stap wordt vastgelegd als hij is gezet."
        )
    if day.year < 2000:
        raise ValidationError(f"De datum {day:%d-%m-%Y} is niet aannemelijk.")


@transaction.atomic
def site_create(
    *, actor: Any, municipality: Municipality, data: SiteInput, status: SiteStatus = SiteStatus.IDEA, on: date
) -> CandidateSite:
    """Record a candidate site of the municipality (its own editors); confidential until made public. It is
    checked at once against every constraint layer in force (issue 17)."""
    require(scope_for(actor).edits_municipality(municipality.pk), NO_EDIT)
    if not data.name.strip():
        raise ValidationError("Geef de kandidaatlocatie een naam.")
    RDPoint(float(data.rd_x), float(data.rd_y))
    area = wgs84_geojson(site_area_parse(data.area, crs=data.area_crs)) if data.area.strip() else ""
    _check_date(on)
    if CandidateSite.objects.filter(municipality=municipality, name=data.name.strip()).exists():
        raise ValidationError(f"Er is al een kandidaatlocatie '{data.name.strip()}' in {municipality.name}.")
    site = CandidateSite(
        municipality=municipality,
        name=data.name.strip(),
        address=data.address.strip(),
        rd_x=data.rd_x,
        rd_y=data.rd_y,
        approximate=data.approximate,
        owner=data.owner.value,
        kind=data.kind.value,
        target_group=data.target_group.value,
        estimated_places=data.estimated_places,
        notes=data.notes,
        is_example=data.is_example,
        area=area,
        bag_identification=data.bag_identification,
        status=status.value,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audited_save(site, actor=actor, reason="candidate site created")
    audited_save(SiteStep(site=site, status=status.value, effective_date=on), actor=actor)
    site_checks_run(site=site)
    return site


@transaction.atomic
def site_step(*, actor: Any, site: CandidateSite, status: SiteStatus, on: date, reason: str = "") -> SiteStep:
    """Record the site's next step (e.g. made public on 6 October 2025); dropping a site needs a reason."""
    require(scope_for(actor).edits_municipality(site.municipality_id), NO_EDIT)
    _check_date(on)
    if status is SiteStatus.DROPPED and not reason.strip():
        raise ValidationError("Geef de reden waarom de locatie afvalt.")
    site = CandidateSite.objects.select_for_update().get(pk=site.pk)
    last = site.steps.order_by("-effective_date", "-pk").first()
    if last is not None and on < last.effective_date:
        raise ValidationError(f"De datum {on:%d-%m-%Y} ligt vóór de laatste stap ({last.effective_date:%d-%m-%Y}).")
    step = SiteStep(site=site, status=status.value, effective_date=on, reason=reason.strip())
    audited_save(step, actor=actor)
    site.status = status.value
    if status is SiteStatus.CHOSEN and site.location_id is None:
        site.location = _planned_location(actor, site, on)
    audited_save(site, actor=actor, reason=f"status {status.value}")
    return step


def _planned_location(actor: Any, site: CandidateSite, on: date) -> Location:
    """A chosen site enters the register as a planned location, linked to the site (places follow later)."""
    name = site.name
    if Location.objects.filter(municipality=site.municipality, name=name).exists():
        name = f"{site.name} (kandidaatlocatie)"
    return location_create(
        actor=actor,
        municipality=site.municipality,
        data=LocationInput(
            name=name,
            target_group=TargetGroup(site.target_group),
            address=site.address,
            rd_x=site.rd_x,
            rd_y=site.rd_y,
            notes=f"Gekozen kandidaatlocatie; geschatte plekken: {site.estimated_places or 'onbekend'}.",
            is_example=site.is_example,
        ),
        status=LocationStatus.PLANNED,
        status_date=on,
    )
