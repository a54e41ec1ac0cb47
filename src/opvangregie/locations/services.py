"""Writes to the location register: validation, permission check, transaction and audit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from opvangregie import clock
from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_bulk_save, audited_delete, audited_save
from opvangregie.core import projection
from opvangregie.core.errors import NotFound, ValidationError
from opvangregie.core.geo import RDPoint
from opvangregie.core.lifecycle import LocationStatus, Transition, check_transition, status_on
from opvangregie.core.periods import add_months
from opvangregie.core.rooms import SharingRule
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import (
    CapacityChange,
    EventKind,
    ExpectedTransition,
    Location,
    LocationEvent,
    MunicipalTarget,
    OccupancySnapshot,
    Room,
    StatusChange,
)
from opvangregie.organisations.scope import require, scope_for

NO_EDIT = "U mag de locaties van deze gemeente niet wijzigen."


def _require_location_edit(actor: Any, *, municipality: Municipality, target_group: str) -> None:
    require(
        scope_for(actor).edits_location(municipality_id=municipality.pk, target_group=target_group),
        NO_EDIT,
    )


# Plausible dates in the register (issue 15): reception locations in the Netherlands as the register knows them
# date from 2000 on; plans reach at most 30 years ahead (a temporary permit runs 10 to 15 years).
EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 30


def plausible_date(day: date | None, what: str) -> None:
    """Refuse a date before 2000 or more than 30 years from today (a typing error such as 9999 or 0001)."""
    if day is None:
        return
    latest = add_months(clock.today(), 12 * YEARS_AHEAD)
    if not EARLIEST_DATE <= day <= latest:
        raise ValidationError(
            f"{what} ({day:%d-%m-%Y}) is niet aannemelijk: kies een datum tussen "
            f"{EARLIEST_DATE:%d-%m-%Y} en {latest:%d-%m-%Y}.",
            details={"date": day.isoformat()},
        )


def _not_in_future(day: date, what: str) -> None:
    if day > clock.today():
        raise ValidationError(f"De datum van {what} ({day:%d-%m-%Y}) ligt in de toekomst.")


def _transitions(location: Location) -> list[Transition]:
    return [
        Transition(LocationStatus(change.status), change.effective_date, change.reason)
        for change in location.status_changes.all()
    ]


@dataclass(frozen=True, slots=True)
class LocationInput:
    """The descriptive fields of a location."""

    name: str
    target_group: TargetGroup
    address: str = ""
    operator: str = ""
    rd_x: Decimal | None = None
    rd_y: Decimal | None = None
    follow_up_target_group: TargetGroup | None = None
    follow_up_after_years: int | None = None
    expected_in_use: date | None = None
    planned_until: date | None = None
    notes: str = ""
    is_example: bool = False


def _validate_input(data: LocationInput) -> None:
    plausible_date(data.expected_in_use, "De verwachte ingebruikname")
    plausible_date(data.planned_until, "Het geplande einde")
    if not data.name.strip():
        raise ValidationError("Geef de locatie een naam.")
    if (data.rd_x is None) != (data.rd_y is None):
        raise ValidationError("Vul beide RD-coördinaten in (x en y), of geen van beide.")
    if data.rd_x is not None and data.rd_y is not None:
        RDPoint(float(data.rd_x), float(data.rd_y))
    if data.follow_up_after_years is not None and data.follow_up_after_years < 1:
        raise ValidationError("Het vervolggebruik begint na minstens één jaar.")
    if data.expected_in_use and data.planned_until and data.planned_until <= data.expected_in_use:
        raise ValidationError("De geplande einddatum ligt vóór de verwachte ingebruikname.")


@transaction.atomic
def location_create(
    *,
    actor: Any,
    municipality: Municipality,
    data: LocationInput,
    status: LocationStatus = LocationStatus.PLANNED,
    status_date: date,
    places: int | None = None,
) -> Location:
    """Register a location with its first status (and, if known, its nominal capacity)."""
    _require_location_edit(actor, municipality=municipality, target_group=data.target_group)
    _validate_input(data)
    plausible_date(status_date, "De datum van de status")
    if Location.objects.filter(municipality=municipality, name=data.name.strip()).exists():
        raise ValidationError(f"Er is al een locatie '{data.name}' in {municipality.name}.")
    check_transition([], Transition(status, status_date, ""))
    location = Location(
        municipality=municipality,
        name=data.name.strip(),
        target_group=data.target_group.value,
        address=data.address,
        operator=data.operator,
        rd_x=data.rd_x,
        rd_y=data.rd_y,
        follow_up_target_group=data.follow_up_target_group.value if data.follow_up_target_group else "",
        follow_up_after_years=data.follow_up_after_years,
        planned_until=data.planned_until,
        notes=data.notes,
        is_example=data.is_example,
        status=status.value,
    )
    audited_save(location, actor=actor, reason="location created")
    audited_save(StatusChange(location=location, status=status.value, effective_date=status_date), actor=actor)
    _expected_save(actor, location, LocationStatus.IN_USE, data.expected_in_use)
    if places is not None:
        location_capacity_set(actor=actor, location=location, places=places, effective_date=status_date)
    return location


@transaction.atomic
def location_update(*, actor: Any, location: Location, data: LocationInput) -> Location:
    """Change the descriptive fields of a location (not its status, capacity or municipality)."""
    _require_location_edit(actor, municipality=location.municipality, target_group=location.target_group)
    if data.target_group != location.target_group:
        _require_location_edit(actor, municipality=location.municipality, target_group=data.target_group)
    _validate_input(data)
    clash = Location.objects.filter(municipality=location.municipality, name=data.name.strip())
    if clash.exclude(pk=location.pk).exists():
        raise ValidationError(f"Er is al een locatie '{data.name}' in {location.municipality.name}.")
    location.name = data.name.strip()
    location.target_group = data.target_group.value
    location.address, location.operator, location.notes = data.address, data.operator, data.notes
    location.rd_x, location.rd_y = data.rd_x, data.rd_y
    location.follow_up_target_group = data.follow_up_target_group.value if data.follow_up_target_group else ""
    location.follow_up_after_years = data.follow_up_after_years
    location.planned_until = data.planned_until
    location.is_example = data.is_example
    audited_save(location, actor=actor, reason="location updated")
    current = ExpectedTransition.objects.filter(location=location, status=LocationStatus.IN_USE.value).first()
    _expected_plan(actor, location, LocationStatus.IN_USE, data.expected_in_use, current.note if current else "")
    return location


def _expected_plan(
    actor: Any, location: Location, status: LocationStatus, expected_date: date | None, note: str
) -> None:
    """Check the stages stay in order with the new date (core.projection.LocationPlan), then save it."""
    Location.objects.select_for_update().filter(pk=location.pk).first()
    planned = {LocationStatus(e.status): e.expected_date for e in ExpectedTransition.objects.filter(location=location)}
    planned.pop(status, None)
    if expected_date is not None:
        planned[status] = expected_date
    projection.LocationPlan(  # the core refuses stages planned out of order
        key=location.pk,
        target_group=TargetGroup(location.target_group),
        name=location.name,
        expected=[projection.ExpectedTransition(stage, day) for stage, day in planned.items()],
    )
    _expected_save(actor, location, status, expected_date, note)


def _expected_save(
    actor: Any, location: Location, status: LocationStatus, expected: date | None, note: str = ""
) -> None:
    current = ExpectedTransition.objects.filter(location=location, status=status.value).first()
    if expected is None:
        if current is not None:
            audited_delete(current, actor=actor, reason="expected date removed")
        return
    if current is not None and current.expected_date == expected and current.note == note:
        return
    current = current or ExpectedTransition(location=location, status=status.value)
    current.expected_date, current.note = expected, note
    audited_save(current, actor=actor)


@transaction.atomic
def expected_transition_set(
    *, actor: Any, location: Location, status: LocationStatus, expected_date: date | None, note: str = ""
) -> None:
    """Plan (or correct, or with ``None`` drop) the date on which the location is expected to reach ``status``.

    An expected date is a plan, shown as expected and never counted as fact; the actual transition is a
    status change (core.lifecycle).
    """
    _require_location_edit(actor, municipality=location.municipality, target_group=location.target_group)
    if status is LocationStatus.PLANNED:
        raise ValidationError("Een locatie is gepland vanaf haar registratie; die fase heeft geen verwachte datum.")
    plausible_date(expected_date, "De verwachte datum")
    _expected_plan(actor, location, status, expected_date, note)


@transaction.atomic
def location_status_change(
    *, actor: Any, location: Location, status: LocationStatus, effective_date: date, reason: str = ""
) -> StatusChange:
    """Move a location to a new lifecycle stage from ``effective_date`` (core.lifecycle rules)."""
    _require_location_edit(actor, municipality=location.municipality, target_group=location.target_group)
    plausible_date(effective_date, "De datum van de statuswijziging")
    location = Location.objects.select_for_update().get(pk=location.pk)
    transition = Transition(status, effective_date, reason)
    check_transition(_transitions(location), transition)
    change = StatusChange(location=location, status=status.value, effective_date=effective_date, reason=reason)
    audited_save(change, actor=actor)
    current = status_on([*_transitions(location)], clock.today())
    location.status = (current or status).value
    audited_save(location, actor=actor, reason=f"status {status.value} from {effective_date.isoformat()}")
    return change


@transaction.atomic
def location_capacity_set(
    *,
    actor: Any,
    location: Location,
    places: int,
    effective_date: date,
    reason: str = "",
    decision_reference: str = "",
) -> CapacityChange:
    """Record (or correct) that the location has ``places`` nominal places from ``effective_date``.

    A date in the future is an expected change: figures read the capacity in force on their own date.
    """
    _require_location_edit(actor, municipality=location.municipality, target_group=location.target_group)
    if places < 0:
        raise ValidationError("Het aantal plekken kan niet negatief zijn.")
    if places > 10_000:
        raise ValidationError("Meer dan 10.000 plekken op één locatie is niet aannemelijk; controleer het getal.")
    plausible_date(effective_date, "De ingangsdatum van de capaciteit")
    Location.objects.select_for_update().filter(pk=location.pk).first()
    change = CapacityChange.objects.filter(location=location, effective_date=effective_date).first()
    change = change or CapacityChange(location=location, effective_date=effective_date)
    change.places, change.reason, change.decision_reference = places, reason.strip(), decision_reference.strip()
    audited_save(change, actor=actor)
    return change


@transaction.atomic
def location_capacity_remove(*, actor: Any, location: Location, effective_date: date, reason: str = "") -> None:
    """Remove the capacity change of ``effective_date`` (a mistake, or a planned change that will not happen)."""
    _require_location_edit(actor, municipality=location.municipality, target_group=location.target_group)
    change = CapacityChange.objects.filter(location=location, effective_date=effective_date).first()
    if change is None:
        raise NotFound(f"{location.name} heeft geen capaciteitswijziging op {effective_date:%d-%m-%Y}.")
    audited_delete(change, actor=actor, reason=reason.strip() or "capacity change removed")


def _places_on(location: Location, on: date) -> int:
    """The places in force on ``on`` (from the prefetched capacity changes when there are)."""
    changes = [change for change in location.capacity_changes.all() if change.effective_date <= on]
    return max(changes, key=lambda change: change.effective_date).places if changes else 0


@dataclass(frozen=True, slots=True)
class OccupancyInput:
    """One count of persons at a location on a date."""

    on: date
    persons: int
    households: int | None = None
    usable_free_places: int | None = None
    note: str = ""


def occupancy_validate(location: Location, data: OccupancyInput) -> None:
    """Check a count against the rules; raises :class:`ValidationError` with a Dutch message."""
    _not_in_future(data.on, "de telling")
    for label, value in (("personen", data.persons), ("huishoudens", data.households)):
        if value is not None and value < 0:
            raise ValidationError(f"Het aantal {label} kan niet negatief zijn.")
    if data.usable_free_places is not None and data.usable_free_places < 0:
        raise ValidationError("Het aantal bruikbare vrije plekken kan niet negatief zijn.")
    if data.households is not None and data.households > data.persons:
        raise ValidationError("Er kunnen niet meer huishoudens dan personen zijn.")
    if data.persons > 0 and data.households == 0:
        raise ValidationError("Personen zonder huishouden: vul het aantal huishoudens in (minstens 1).")
    status = status_on(_transitions(location), data.on)
    if status is not LocationStatus.IN_USE:
        raise ValidationError(f"Locatie {location.name} is op {data.on:%d-%m-%Y} niet in gebruik.")
    places = _places_on(location, data.on)
    if data.persons > places:
        raise ValidationError(f"{data.persons} personen is meer dan de {places} plekken van {location.name}.")
    if data.usable_free_places is not None and data.usable_free_places > places - data.persons:
        raise ValidationError(
            f"Bruikbare vrije plekken ({data.usable_free_places}) kunnen niet meer zijn dan de vrije plekken "
            f"({places - data.persons})."
        )


@transaction.atomic
def occupancy_record(*, actor: Any, location: Location, data: OccupancyInput) -> OccupancySnapshot:
    """Record (or correct) the count of one date; one snapshot per location per day."""
    _require_location_edit(actor, municipality=location.municipality, target_group=location.target_group)
    occupancy_validate(location, data)
    # One writer per location at a time: the first count of a date is created once, later ones correct it.
    Location.objects.select_for_update().filter(pk=location.pk).first()
    snapshot = OccupancySnapshot.objects.filter(location=location, date=data.on).first()
    snapshot = snapshot or OccupancySnapshot(location=location, date=data.on)
    snapshot.persons, snapshot.households = data.persons, data.households
    snapshot.usable_free_places, snapshot.note = data.usable_free_places, data.note
    snapshot.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    audited_save(snapshot, actor=actor)
    return snapshot


SNAPSHOT_FIELDS = ("persons", "households", "usable_free_places", "note", "recorded_by")


def occupancy_check(*, actor: Any, location: Location, data: OccupancyInput) -> None:
    """Everything :func:`occupancy_record` checks before it writes: who may, and the rules of a count."""
    _require_location_edit(actor, municipality=location.municipality, target_group=location.target_group)
    occupancy_validate(location, data)


@transaction.atomic
def occupancy_record_many(*, actor: Any, counts: Sequence[tuple[Location, OccupancyInput]]) -> int:
    """Record counts already checked by :func:`occupancy_check` (an import): one snapshot per location and day,
    new ones inserted and existing ones corrected in bulk, each with its history; the locations are locked as
    :func:`occupancy_record` locks one."""
    if not counts:
        return 0
    ids = sorted({location.pk for location, _ in counts})
    list(Location.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    days = {data.on for _, data in counts}
    existing = {
        (snapshot.location_id, snapshot.date): snapshot
        for snapshot in OccupancySnapshot.objects.filter(location_id__in=ids, date__in=days)
    }
    recorder = actor if getattr(actor, "is_authenticated", False) else None
    new, changed = [], []
    for location, data in counts:
        snapshot = existing.get((location.pk, data.on))
        if snapshot is None:
            snapshot = OccupancySnapshot(location=location, date=data.on)
            new.append(snapshot)
        else:
            changed.append(snapshot)
        snapshot.persons, snapshot.households = data.persons, data.households
        snapshot.usable_free_places, snapshot.note = data.usable_free_places, data.note
        snapshot.recorded_by = recorder
    audited_bulk_save(new, changed, fields=SNAPSHOT_FIELDS, actor=actor, reason="import")
    return len(counts)


@transaction.atomic
def event_add(
    *, actor: Any, location: Location, kind: EventKind, on: date, title: str, description: str = ""
) -> LocationEvent:
    """Add an entry to a location's timeline."""
    _require_location_edit(actor, municipality=location.municipality, target_group=location.target_group)
    if not title.strip():
        raise ValidationError("Geef de gebeurtenis een titel.")
    plausible_date(on, "De datum van de gebeurtenis")
    event = LocationEvent(location=location, kind=kind.value, date=on, title=title.strip(), description=description)
    audited_save(event, actor=actor)
    return event


@transaction.atomic
def room_add(
    *,
    actor: Any,
    location: Location,
    name: str,
    beds: int,
    floor: int = 0,
    accessible: bool = False,
    sharing_rule: SharingRule = SharingRule.NONE,
) -> Room:
    """Add a room (or a unit treated as one) with its beds."""
    _require_location_edit(actor, municipality=location.municipality, target_group=location.target_group)
    if beds < 1:
        raise ValidationError("Een kamer heeft minstens één bed.")
    if location.rooms.filter(name=name).exists():
        raise ValidationError(f"Kamer {name} bestaat al op {location.name}.")
    room = Room(
        location=location,
        name=name,
        beds=beds,
        floor=floor,
        accessible=accessible,
        sharing_rule=sharing_rule.value,
    )
    audited_save(room, actor=actor)
    return room


@transaction.atomic
def target_set(
    *,
    actor: Any,
    municipality: Municipality,
    target_group: TargetGroup,
    places: int,
    valid_from: date,
    source: str = "",
    is_example: bool = False,
) -> MunicipalTarget:
    """Record the municipality's target in places for a target group from ``valid_from``."""
    require(
        scope_for(actor).edits_municipality(municipality.pk), "U mag de taakstelling van deze gemeente niet wijzigen."
    )
    if places < 0:
        raise ValidationError("Een taakstelling kan niet negatief zijn.")
    target = MunicipalTarget.objects.filter(
        municipality=municipality, target_group=target_group.value, valid_from=valid_from
    ).first() or MunicipalTarget(municipality=municipality, target_group=target_group.value, valid_from=valid_from)
    target.places, target.source, target.is_example = places, source, is_example
    audited_save(target, actor=actor)
    return target
