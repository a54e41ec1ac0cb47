"""Placement proposals: started by an officer, computed by a task with progress, confirmed at most once.

Confirming records, in one transaction, the residents' moves and the waiting households' placements
(stays, the request's "placed" step, RooO art. 3) and a new occupancy snapshot for every location that
changed; it is refused when the proposal was confirmed before or when rooms, residents or the waiting
list have changed since the proposal was made (the fingerprint differs).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from opvangregie import clock
from opvangregie.areas.models import Municipality, Region
from opvangregie.audit import audited_save
from opvangregie.core.contribution import ReceptionType
from opvangregie.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from opvangregie.core.placement.greedy import greedy
from opvangregie.core.placement.model import Assignment, Move, Proposal, proposal_violations
from opvangregie.core.placement.optimiser import consolidation_gains, optimise
from opvangregie.households import services
from opvangregie.households.selectors import stay_counts
from opvangregie.locations import services as location_services
from opvangregie.organisations.scope import require, scope_for
from opvangregie.placement.allocation import PlacementState, placement_state
from opvangregie.placement.models import PlacementRun, RunStatus
from opvangregie.progress import record_progress

MAX_MOVES = 20


def run_municipalities(run: PlacementRun) -> list[Municipality]:
    if run.municipality is not None:
        return [run.municipality]
    assert run.region is not None
    return list(run.region.members.order_by("name"))


def _require_run(actor: Any, *, municipality: Municipality | None, region: Region | None) -> None:
    scope = scope_for(actor)
    if municipality is not None:
        require(
            scope.reads_households(municipality.pk), "Alleen de eigen medewerkers van de gemeente maken voorstellen."
        )
    elif region is not None:
        require(scope.edits_region(region.pk), "Alleen de regiocoördinator maakt regionale voorstellen.")


def run_get(*, actor: Any, run_id: int) -> PlacementRun:
    """A proposal its maker's organisation may see; others get NotFound."""
    run = (
        PlacementRun.objects.select_related("municipality", "region", "created_by", "confirmed_by")
        .filter(pk=run_id)
        .first()
    )
    scope = scope_for(actor)
    if run is None or not (
        (run.municipality is not None and scope.reads_households(run.municipality.pk))
        or (run.region is not None and scope.edits_region(run.region.pk))
    ):
        raise NotFound("Voorstel niet gevonden.")
    return run


def proposal_start(
    *, actor: Any, municipality: Municipality | None = None, region: Region | None = None, max_moves: int = 0
) -> PlacementRun:
    """Queue a proposal for a municipality or a region; the task computes it (see ``placement_compute``)."""
    if (municipality is None) == (region is None):
        raise ValidationError("Kies een gemeente of een regio.")
    _require_run(actor, municipality=municipality, region=region)
    if not 0 <= max_moves <= MAX_MOVES:
        raise ValidationError(f"Kies 0 tot {MAX_MOVES} verhuizingen.")
    run = PlacementRun(
        municipality=municipality, region=region, max_moves=max_moves, created_by=actor, stage="In de wachtrij"
    )
    audited_save(run, actor=actor)
    placement_compute.enqueue(run.pk)
    return run


def _serialised(proposal: Proposal) -> dict[str, Any]:
    return {
        "assignments": [dataclasses.asdict(a) for a in proposal.assignments],
        "moves": [dataclasses.asdict(m) for m in proposal.moves],
        "unplaced": [dataclasses.asdict(u) for u in proposal.unplaced],
        "persons_placed": proposal.persons_placed,
        "households_placed": proposal.households_placed,
        "optimal": proposal.optimal,
        "seconds": round(proposal.seconds, 3),
    }


def compute(run: PlacementRun, *, now: datetime | None = None) -> PlacementRun:
    """Compute the proposal of ``run`` and store it with the fingerprint of the state it was made for."""
    run.status = RunStatus.RUNNING
    record_progress(run, 10, "Kamers, bewoners en wachtlijst laden")
    try:
        state = placement_state(run_municipalities(run), now=now or clock.now())
        record_progress(run, 30, "Voorstel berekenen")
        proposal = optimise(state.rooms, state.waiting, max_moves=run.max_moves)
        result = _serialised(proposal)
        result["greedy_persons_placed"] = greedy(state.rooms, state.waiting).persons_placed
        result["waiting_persons"] = sum(h.size for h in state.waiting)
        result["waiting_households"] = len(state.waiting)
        if run.max_moves:
            record_progress(run, 60, "Doorrekenen wat elke verhuizing oplevert")
            gains = consolidation_gains(state.rooms, state.waiting, max_moves=run.max_moves)
            result["gains"] = [dataclasses.asdict(gain) for gain in gains]
        run.result, run.fingerprint, run.status = result, state.fingerprint, RunStatus.DONE
        run.progress, run.stage = 100, "Klaar"
    except RuntimeError as error:
        run.status, run.error, run.stage = RunStatus.FAILED, str(error)[:500], "Mislukt"
    audited_save(run, actor=None)
    return run


@task()
def placement_compute(run_id: int) -> None:
    """The task behind ``proposal_start``."""
    run = PlacementRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).first()
    if run is not None:
        compute(run)


def _ordered(moves: list[Move]) -> list[Move]:
    """Moves in an order that empties a room before someone moves in (a chain, never a cycle)."""
    pending, ordered = list(moves), []
    while pending:
        ready = [m for m in pending if not any(other.from_room == m.to_room for other in pending if other is not m)]
        if not ready:
            raise ValidationError("De verhuizingen vormen een kring; bevestig ze apart.")
        ordered.extend(ready)
        pending = [m for m in pending if m not in ready]
    return ordered


def _selected(run: PlacementRun, accepted: Collection[str] | None) -> tuple[list[Assignment], list[Move]]:
    assignments = [Assignment(**a) for a in run.result.get("assignments", [])]
    moves = [Move(**m) for m in run.result.get("moves", [])]
    if accepted is None:
        return assignments, moves
    return (
        [a for a in assignments if f"a:{a.household}" in accepted],
        [m for m in moves if f"m:{m.household}" in accepted],
    )


def _check(state: PlacementState, assignments: list[Assignment], moves: list[Move]) -> None:
    proposal = Proposal("confirmed", tuple(assignments), (), 0, 0, 0, True, 0.0, tuple(moves))
    problems = proposal_violations(state.rooms, state.waiting, proposal)
    if problems:
        raise ValidationError(
            "Deze keuze uit het voorstel kan niet: " + " ".join(problems[:5]) + " Neem de verhuizing op die de "
            "kamer vrijmaakt, of laat de plaatsing weg."
        )


@transaction.atomic
def proposal_confirm(
    *, actor: Any, run_id: int, accepted: Collection[str] | None = None, now: datetime | None = None
) -> PlacementRun:
    """Record the (accepted part of the) proposal; ``accepted`` holds ``a:<household>`` and ``m:<household>``."""
    run_get(actor=actor, run_id=run_id)
    run = PlacementRun.objects.select_for_update().get(pk=run_id)  # no outer joins: PostgreSQL locks one table
    municipalities = run_municipalities(run)
    scope = scope_for(actor)
    if not all(scope.reads_households(m.pk) for m in municipalities):
        raise PermissionDenied(
            "Een regionaal voorstel bevestigen de gemeenten zelf; u kunt hun huishoudens niet wijzigen."
        )
    if run.status == RunStatus.CONFIRMED:
        assert run.confirmed_at is not None
        raise Conflict(f"Dit voorstel is al bevestigd op {timezone.localtime(run.confirmed_at):%d-%m-%Y %H:%M}.")
    if run.status != RunStatus.DONE:
        raise Conflict("Dit voorstel is nog niet klaar of is mislukt; maak een nieuw voorstel.")
    now = now or clock.now()
    state = placement_state(municipalities, now=now)
    if state.fingerprint != run.fingerprint:
        raise Conflict("Sinds dit voorstel zijn kamers, bewoners of de wachtlijst veranderd; maak een nieuw voorstel.")
    assignments, moves = _selected(run, accepted)
    if not assignments and not moves:
        raise ValidationError("Kies ten minste één plaatsing of verhuizing om te bevestigen.")
    _check(state, assignments, moves)
    changed = set()
    for move in _ordered(moves):
        room = state.room_objects[move.to_room]
        services.household_move(
            actor=actor,
            household=state.households[move.household],
            to=services.Placement(ReceptionType.MUNICIPAL, room.location, room),
            on=state.on,
        )
        changed |= {state.room_objects[move.from_room].location, room.location}
    for assignment in assignments:
        room = state.room_objects[assignment.room]
        services.request_place(
            actor=actor,
            request=state.requests[assignment.household],
            to=services.Placement(ReceptionType.MUNICIPAL, room.location, room),
            at=now,
        )
        changed.add(room.location)
    for location in sorted(changed, key=lambda location: location.pk):
        persons, households = stay_counts(location, state.on)
        location_services.occupancy_record(
            actor=actor,
            location=location,
            data=location_services.OccupancyInput(
                on=state.on, persons=persons, households=households, note=f"plaatsingsvoorstel {run.pk}"
            ),
        )
    run.status, run.confirmed_by, run.confirmed_at = RunStatus.CONFIRMED, actor, now
    run.result = {**run.result, "confirmed": {"assignments": len(assignments), "moves": len(moves)}}
    audited_save(run, actor=actor, reason="confirmed")
    return run


@dataclasses.dataclass(frozen=True, slots=True)
class Item:
    """A household in a proposal as the page shows it: the checkbox key, a label and where it comes from."""

    key: str
    label: str
    size: int
    detail: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class RoomLine:
    location: str
    room: str
    beds: int
    arriving: list[Item]
    leaving: list[Item]


@dataclasses.dataclass(frozen=True, slots=True)
class RunView:
    run: PlacementRun
    lines: list[RoomLine]
    unplaced: list[tuple[Item, str]]
    moves: list[tuple[Item, str, str, int]]
    may_confirm: bool


def run_view(*, actor: Any, run: PlacementRun) -> RunView:
    """The proposal per location and room, with labels the actor may see (references only for officers)."""
    from opvangregie.households.models import Household
    from opvangregie.locations.models import Room

    result = run.result or {}
    keys = {a["household"] for a in result.get("assignments", [])} | {m["household"] for m in result.get("moves", [])}
    keys |= {u["household"] for u in result.get("unplaced", [])}
    households = {
        str(h.pk): h
        for h in Household.objects.filter(pk__in=keys).select_related("municipality").prefetch_related("members")
    }
    room_keys = {a["room"] for a in result.get("assignments", [])}
    room_keys |= {m["to_room"] for m in result.get("moves", [])} | {m["from_room"] for m in result.get("moves", [])}
    rooms = {str(r.pk): r for r in Room.objects.filter(pk__in=room_keys).select_related("location")}
    scope = scope_for(actor)

    def item(prefix: str, key: str, detail: str = "") -> Item:
        household = households.get(key)
        if household is None:
            return Item(f"{prefix}:{key}", "–", 0, detail)
        size = len(household.members.all())
        own = scope.reads_households(household.municipality_id)
        label = household.reference if own else f"{household.municipality.name}, {size}"
        return Item(f"{prefix}:{key}", label, size, detail)

    def room_name(key: str) -> str:
        room = rooms.get(key)
        return f"{room.location.name} {room.name}" if room else "–"

    lines: dict[str, RoomLine] = {}

    def line(key: str) -> RoomLine:
        room = rooms[key]
        return lines.setdefault(key, RoomLine(room.location.name, room.name, room.beds, [], []))

    for assignment in result.get("assignments", []):
        line(assignment["room"]).arriving.append(item("a", assignment["household"], _("waiting list")))
    moves = []
    for move in result.get("moves", []):
        moving = item("m", move["household"], _("from %(room)s") % {"room": room_name(move["from_room"])})
        line(move["to_room"]).arriving.append(moving)
        line(move["from_room"]).leaving.append(
            item("m", move["household"], _("to %(room)s") % {"room": room_name(move["to_room"])})
        )
        moves.append((moving, room_name(move["from_room"]), room_name(move["to_room"]), move["cost"]))
    municipalities = run_municipalities(run)
    return RunView(
        run=run,
        lines=sorted(lines.values(), key=lambda line: (line.location, line.room)),
        unplaced=[(item("u", u["household"]), u["reason"]) for u in result.get("unplaced", [])],
        moves=moves,
        may_confirm=run.status == RunStatus.DONE and all(scope.reads_households(m.pk) for m in municipalities),
    )
