"""The vacant-building list of a municipality (from its last BAG import) and candidate sites made from it.

Listed are buildings with a status that may mean they stand empty and units with an office, education or
meeting function from ``BAG_MIN_FLOOR_AREA_M2`` up (rules and sources in ``core.vacancy``), each with the
estimated number of places and the nearest area of the constraint layers (spatial index). The list is
internal, like an unpublished candidate site: only the municipality's own editors see it and make sites
from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from shapely.geometry import Point

from opvangregie import clock
from opvangregie.areas.models import Municipality
from opvangregie.core.errors import NotFound, ValidationError
from opvangregie.core.vacancy import (
    EDUCATION,
    GONE_UNIT_STATUSES,
    OFFICE,
    QUALIFYING_FUNCTIONS,
    VACANT_STATUSES,
    estimated_places,
    qualifying_function,
)
from opvangregie.organisations.scope import require, scope_for
from opvangregie.sites.layers import active_layers
from opvangregie.sites.models import BagBuilding, BagImport, BagUnit, CandidateSite, ImportStatus, OwnerKind, SiteKind
from opvangregie.sites.services import SiteInput, site_create

NO_LIST = "De lijst met leegstand is alleen voor de eigen medewerkers van de gemeente."
BUILDING, UNIT = "building", "unit"
KINDS = {OFFICE: SiteKind.OFFICE, EDUCATION: SiteKind.SCHOOL}
MAX_PLACES = 10_000  # the candidate site's own limit


@dataclass(frozen=True, slots=True)
class VacantRow:
    """One line of the list: a building by its status, or a unit by its function and floor area."""

    kind: str  # BUILDING or UNIT
    identification: str
    building_identification: str
    status: str
    function: str  # the qualifying function of a unit; "" for a building
    functions: tuple[str, ...]
    construction_year: int | None
    floor_area_m2: float
    from_footprint: bool  # a building without units: its footprint stands in for the floor area
    places: int
    rd_x: Decimal
    rd_y: Decimal


@dataclass(frozen=True, slots=True)
class VacantList:
    rows: list[VacantRow]
    last_import: BagImport | None
    min_floor_area_m2: int
    m2_per_place: int


def require_officer(actor: Any, municipality: Municipality) -> None:
    """Only the municipality's own editors; everyone else is told nothing exists (404)."""
    if not scope_for(actor).edits_municipality(municipality.pk):
        raise NotFound(NO_LIST)


def vacant_list(*, actor: Any, municipality: Municipality, status: str = "", function: str = "") -> VacantList:
    """The rows to look at, largest estimate first; ``status`` keeps buildings of that status only,
    ``function`` units of that function only (four queries)."""
    require_officer(actor, municipality)
    if status and status not in VACANT_STATUSES:
        raise ValidationError(f"Onbekende status '{status}'.")
    if function and function not in QUALIFYING_FUNCTIONS:
        raise ValidationError(f"Onbekende functie '{function}'.")
    m2_per_place, min_area = int(settings.BAG_M2_PER_PLACE), int(settings.BAG_MIN_FLOOR_AREA_M2)
    rows: list[VacantRow] = []
    if not function:
        buildings = list(
            BagBuilding.objects.filter(
                municipality=municipality, status__in=[status] if status else VACANT_STATUSES
            ).values("identification", "status", "construction_year", "footprint_area_m2", "rd_x", "rd_y")
        )
        unit_areas: dict[str, int] = {}
        for unit in BagUnit.objects.filter(
            municipality=municipality, building_identification__in=[b["identification"] for b in buildings]
        ).values("building_identification", "floor_area_m2"):
            key = unit["building_identification"]
            unit_areas[key] = unit_areas.get(key, 0) + (unit["floor_area_m2"] or 0)
        for building in buildings:
            area = unit_areas.get(building["identification"])
            floor = float(area) if area else float(building["footprint_area_m2"])
            rows.append(
                VacantRow(
                    kind=BUILDING,
                    identification=building["identification"],
                    building_identification=building["identification"],
                    status=building["status"],
                    function="",
                    functions=(),
                    construction_year=building["construction_year"],
                    floor_area_m2=floor,
                    from_footprint=not area,
                    places=estimated_places(floor, m2_per_place),
                    rd_x=building["rd_x"],
                    rd_y=building["rd_y"],
                )
            )
    if not status:
        wanted = [function] if function else list(QUALIFYING_FUNCTIONS)
        condition = Q()
        for name in wanted:
            condition |= Q(functions__contains=name)
        units = BagUnit.objects.filter(condition, municipality=municipality, floor_area_m2__gte=min_area)
        for unit in units.exclude(status__in=GONE_UNIT_STATUSES).values(
            "identification", "building_identification", "functions", "floor_area_m2", "status", "rd_x", "rd_y"
        ):
            functions = tuple(f for f in unit["functions"].split(",") if f)
            held = function if function in functions else qualifying_function(functions)
            if held is None:  # a look-alike such as "kantoorfunctie-achtig" matched the text search
                continue
            rows.append(
                VacantRow(
                    kind=UNIT,
                    identification=unit["identification"],
                    building_identification=unit["building_identification"],
                    status=unit["status"],
                    function=held,
                    functions=functions,
                    construction_year=None,
                    floor_area_m2=float(unit["floor_area_m2"] or 0),
                    from_footprint=False,
                    places=estimated_places(unit["floor_area_m2"], m2_per_place),
                    rd_x=unit["rd_x"],
                    rd_y=unit["rd_y"],
                )
            )
    rows.sort(key=lambda row: (-row.places, row.identification))
    last = (
        BagImport.objects.filter(municipality=municipality, status=ImportStatus.DONE)
        .defer("content")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return VacantList(rows, last, min_area, m2_per_place)


def nearest_constraint(row: VacantRow) -> str:
    """The sentence of the nearest area of the constraint layers (each layer's spatial index), or ""."""
    point = Point(float(row.rd_x), float(row.rd_y))
    hits = [hit for layer in active_layers() if (hit := layer.nearest(point)) is not None]
    return min(hits, key=lambda hit: hit.distance_m).sentence() if hits else ""


def sites_from_bag(*, municipality: Municipality, identifications: list[str]) -> dict[str, int]:
    """The candidate sites already made from these buildings: building identification -> site id."""
    return dict(
        CandidateSite.objects.filter(municipality=municipality, bag_identification__in=identifications).values_list(
            "bag_identification", "pk"
        )
    )


def _row(municipality: Municipality, identification: str) -> VacantRow:
    row = vacant_row(municipality, identification)
    if row is None:
        raise NotFound("Dit pand of verblijfsobject staat niet in de lijst.")
    return row


def vacant_row(municipality: Municipality, identification: str) -> VacantRow | None:
    """The row of a listed building or unit by its identification, or None when it is not listed."""
    if not (len(identification) == 16 and identification.isdigit()):
        return None
    m2_per_place, min_area = int(settings.BAG_M2_PER_PLACE), int(settings.BAG_MIN_FLOOR_AREA_M2)
    building = BagBuilding.objects.filter(
        municipality=municipality, identification=identification, status__in=VACANT_STATUSES
    ).first()
    if building is not None:
        area = sum(
            value or 0
            for value in BagUnit.objects.filter(
                municipality=municipality, building_identification=identification
            ).values_list("floor_area_m2", flat=True)
        )
        floor = float(area) if area else building.footprint_area_m2
        return VacantRow(
            BUILDING, identification, identification, building.status, "", (), building.construction_year,
            floor, not area, estimated_places(floor, m2_per_place), building.rd_x, building.rd_y,
        )  # fmt: skip
    unit = (
        BagUnit.objects.filter(municipality=municipality, identification=identification, floor_area_m2__gte=min_area)
        .exclude(status__in=GONE_UNIT_STATUSES)
        .first()
    )
    if unit is None or (function := qualifying_function(unit.function_list)) is None:
        return None
    return VacantRow(
        UNIT, identification, unit.building_identification or identification, unit.status, function,
        tuple(unit.function_list), None, float(unit.floor_area_m2 or 0), False,
        estimated_places(unit.floor_area_m2, m2_per_place), unit.rd_x, unit.rd_y,
    )  # fmt: skip


def _name(row: VacantRow) -> str:
    label = {OFFICE: "Kantoor", EDUCATION: "School"}.get(row.function, "Pand")
    return f"{label} BAG {row.building_identification}"


@transaction.atomic
def site_from_bag(
    *, actor: Any, municipality: Municipality, identification: str, on: date | None = None
) -> tuple[CandidateSite, bool]:
    """A candidate site from a listed building or unit (its building: one site per building); a second
    call returns the site made before. Returns the site and whether it was made now."""
    require(scope_for(actor).edits_municipality(municipality.pk), NO_LIST)
    row = _row(municipality, identification)
    existing = CandidateSite.objects.filter(
        municipality=municipality, bag_identification=row.building_identification
    ).first()
    if existing is not None:
        return existing, False
    last = (
        BagImport.objects.filter(municipality=municipality, status=ImportStatus.DONE)
        .order_by("-finished_at", "-pk")
        .values_list("data_date", flat=True)
        .first()
    )
    source = f"BAG (stand {last:%d-%m-%Y})" if last else "BAG"
    area = f"{round(row.floor_area_m2):,} m²".replace(",", ".")
    basis = "grondoppervlak van het pand" if row.from_footprint else "gebruiksoppervlakte"
    notes = (
        f"Uit de lijst met leegstand, {source}: {row.status}"
        + (f", {row.function}" if row.function else "")
        + (f", bouwjaar {row.construction_year}" if row.construction_year else "")
        + f"; {area} ({basis}), {settings.BAG_M2_PER_PLACE} m² per plek. Eigenaar nog na te gaan."
    )
    try:
        with transaction.atomic():
            site = site_create(
                actor=actor,
                municipality=municipality,
                data=SiteInput(
                    name=_name(row),
                    rd_x=row.rd_x,
                    rd_y=row.rd_y,
                    owner=OwnerKind.PRIVATE,
                    kind=KINDS.get(row.function, SiteKind.VACANT_BUILDING),
                    estimated_places=min(row.places, MAX_PLACES) or None,
                    notes=notes,
                    bag_identification=row.building_identification,
                ),
                on=on or clock.today(),
            )
    except IntegrityError:  # made at the same moment by another request
        return CandidateSite.objects.get(
            municipality=municipality, bag_identification=row.building_identification
        ), False
    return site, True
