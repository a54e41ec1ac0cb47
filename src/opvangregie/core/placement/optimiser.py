"""The optimal placement of waiting households into rooms, optionally with moves of residents.

Objective, in this order (lexicographic): the most persons placed; with moves, the lowest move cost;
then the highest total priority. Rules: a household is never split (RooO art. 9(2)); one household per
room unless the room's sharing rule lets single adults share (EUAA guidance, core.rooms); needs are hard.

The model is exact and small because it counts instead of naming: households with the same size, sex
(for single adults) and needs are interchangeable, and so are rooms with the same beds, accessibility,
ground floor, sharing rule and residents (and, only when residents may move, location). A variable says
how many households of a class go to rooms of a group, so the model has the same few thousand
variables for a municipality and for the whole country; OR-Tools CP-SAT solves it. Which household of a
class is placed follows from priority (within a class only the count matters), and the counts are then
turned into named rooms. With moves, a room whose residents move becomes empty; moving only some of a
shared room's residents never helps, so a room either keeps all its residents or all of them move.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.linear_solver.python import model_builder as mb

from opvangregie.core.placement.model import DEFAULT_COSTS, Assignment, Household, Move, MoveCosts, Proposal, Room
from opvangregie.core.placement.reasons import proposal_of
from opvangregie.core.placement.solver import DEFAULT_SETTINGS, SolverSettings, sat_solve
from opvangregie.core.rooms import Occupant, SharingRule, share_kind

ClassKey = tuple[int, bool, str, bool, bool]  # size, single adult, sex of a single adult, accessible, ground floor
GroupKey = tuple[int, bool, bool, SharingRule, str]  # beds, accessible, ground floor, sharing rule, location


def class_of(household: Household) -> ClassKey:
    single = household.occupant.is_single_adult
    return (
        household.size,
        single,
        household.sex if single else "",
        household.needs_accessible,
        household.needs_ground_floor,
    )


@dataclass
class _Content:
    """Rooms of one group with the same residents (by class): empty, a shared room with free beds, or closed."""

    kind: str | None  # share kind of a shared room with residents that others of that kind may join
    free: int  # free beds of each room; only those of a shared room (kind) are ever taken
    residents: tuple[ClassKey, ...]
    rooms: list[Room]
    vacate: Any = 0  # model variable: how many of these rooms are emptied by moving their residents


@dataclass
class _Group:
    key: GroupKey
    empty: list[Room] = field(default_factory=list)
    occupied: list[_Content] = field(default_factory=list)
    whole: dict[ClassKey, Any] = field(default_factory=dict)  # waiting class -> households taking a whole room
    shared: dict[ClassKey, Any] = field(default_factory=dict)  # waiting single class -> in a shared room
    new_shared: dict[str, Any] = field(default_factory=dict)  # share kind -> empty rooms opened for sharing
    movers_whole: dict[tuple[ClassKey, str], Any] = field(default_factory=dict)  # (class, origin) -> count
    movers_shared: dict[tuple[ClassKey, str], Any] = field(default_factory=dict)

    @property
    def beds(self) -> int:
        return self.key[0]

    @property
    def location(self) -> str:
        return self.key[4]

    def takes(self, key: ClassKey) -> bool:
        size, _, _, accessible, ground_floor = key
        return size <= self.beds and (self.key[1] or not accessible) and (self.key[2] or not ground_floor)

    def share_kind(self, key: ClassKey) -> str | None:
        size, single, sex, _, _ = key
        return share_kind(self.key[3], Occupant(size, 1, frozenset({sex}) if sex else frozenset())) if single else None


@dataclass
class _Model:
    model: mb.Model
    groups: list[_Group]
    waiting: dict[ClassKey, list[Household]]
    placed: dict[ClassKey, Any]
    persons: Any
    cost: Any
    moves: Any


def _share_kind_of(room: Room) -> str | None:
    """The kind of single adult that may still join an occupied room's residents, or None when nobody may."""
    kinds = {room.share_kind(resident) for resident in room.residents}
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


def _groups(rooms: Sequence[Room], with_moves: bool) -> list[_Group]:
    groups: dict[GroupKey, _Group] = {}
    contents: dict[tuple[GroupKey, str | None, int, tuple[ClassKey, ...]], _Content] = {}
    for room in sorted(rooms, key=lambda room: room.key):
        key = (room.beds, room.accessible, room.floor == 0, room.sharing, room.location if with_moves else "")
        group = groups.setdefault(key, _Group(key))
        if not room.residents:
            group.empty.append(room)
            continue
        kind = _share_kind_of(room)
        if kind is None and not with_moves:  # nobody joins and nobody leaves: the room does not matter
            continue
        residents = tuple(sorted(class_of(resident) for resident in room.residents)) if with_moves else ()
        content_key = (key, kind, room.free_beds, residents)
        if content_key not in contents:
            contents[content_key] = _Content(kind, room.free_beds, residents, [])
            group.occupied.append(contents[content_key])
        contents[content_key].rooms.append(room)
    return list(groups.values())


def _build(rooms: Sequence[Room], households: Sequence[Household], max_moves: int, costs: MoveCosts) -> _Model:
    with_moves = max_moves > 0
    model = mb.Model()
    groups = _groups(rooms, with_moves)
    waiting: dict[ClassKey, list[Household]] = defaultdict(list)
    for household in sorted(households, key=lambda h: (-h.priority, h.key)):
        waiting[class_of(household)].append(household)
    movers: dict[tuple[ClassKey, str], list[tuple[_Content, int]]] = defaultdict(list)
    moves = []
    for group in groups:
        for content in group.occupied:
            if with_moves:
                content.vacate = model.new_int_var(0, len(content.rooms), "vacate")
                moves.append(len(content.residents) * content.vacate)
                for resident in set(content.residents):
                    movers[(resident, group.location)].append((content, content.residents.count(resident)))
    placed: dict[ClassKey, list[Any]] = defaultdict(list)
    arrivals: dict[tuple[ClassKey, str], list[Any]] = defaultdict(list)
    cost_terms = []
    for group in groups:
        pool = len(group.empty) + sum(content.vacate for content in group.occupied) if with_moves else len(group.empty)
        upper = len(group.empty) + sum(len(content.rooms) for content in group.occupied)
        singles_by_kind: dict[str, list[Any]] = defaultdict(list)
        whole_rooms: list[Any] = []
        for key, members in waiting.items():
            if not group.takes(key):
                continue
            kind = group.share_kind(key)
            variable = model.new_int_var(0, min(len(members), upper * group.beds), "w")
            (group.shared if kind else group.whole)[key] = variable
            (singles_by_kind[kind] if kind else whole_rooms).append(variable)
            placed[key].append(variable)
        for mover_key, origins in movers.items():
            key, origin = mover_key
            if not group.takes(key):
                continue
            kind = group.share_kind(key)
            total = sum(content.residents.count(key) * len(content.rooms) for content, _ in origins)
            variable = model.new_int_var(0, total, "m")
            (group.movers_shared if kind else group.movers_whole)[mover_key] = variable
            (singles_by_kind[kind] if kind else whole_rooms).append(variable)
            arrivals[mover_key].append(variable)
            cost_terms.append(costs.of(origin, group.location) * variable)
        for kind, singles in singles_by_kind.items():
            opened = model.new_int_var(0, upper, "d")
            group.new_shared[kind] = opened
            whole_rooms.append(opened)
            free = [
                content.free * (len(content.rooms) - content.vacate)
                for content in group.occupied
                if content.kind == kind
            ]
            model.add(mb.LinearExpr.sum(singles) <= group.beds * opened + mb.LinearExpr.sum(free))
        if whole_rooms:
            model.add(mb.LinearExpr.sum(whole_rooms) <= pool)
    placed_counts = {}
    for key, variables in placed.items():
        placed_counts[key] = mb.LinearExpr.sum(variables)
        model.add(placed_counts[key] <= len(waiting[key]))
    for mover_key, origins in movers.items():
        leaving = mb.LinearExpr.sum([count * content.vacate for content, count in origins])
        model.add(mb.LinearExpr.sum(arrivals.get(mover_key, [])) == leaving)
    if with_moves:
        model.add(mb.LinearExpr.sum(moves) <= max_moves)
    persons = mb.LinearExpr.sum([key[0] * count for key, count in placed_counts.items()])
    return _Model(
        model, groups, dict(waiting), placed_counts, persons, mb.LinearExpr.sum(cost_terms), mb.LinearExpr.sum(moves)
    )


def _hint(built: _Model, solver: mb.Solver) -> None:
    built.model.clear_hints()
    for variable in built.model.get_variables():
        built.model.add_hint(variable, round(solver.value(variable)))


def _priority(built: _Model) -> Any:
    """Total priority of the placed households: within a class the highest priorities are placed first."""
    terms: list[Any] = []
    for key, members in built.waiting.items():
        if key not in built.placed:
            continue
        levels: dict[int, int] = defaultdict(int)  # priority -> how many of the class have it
        for member in members:
            levels[member.priority] += 1
        parts = {priority: built.model.new_int_var(0, count, "p") for priority, count in levels.items()}
        built.model.add(mb.LinearExpr.sum(list(parts.values())) == built.placed[key])
        terms.extend(priority * part for priority, part in parts.items())
    return mb.LinearExpr.sum(terms)


def optimise(
    rooms: Sequence[Room],
    households: Sequence[Household],
    *,
    max_moves: int = 0,
    costs: MoveCosts = DEFAULT_COSTS,
    settings: SolverSettings = DEFAULT_SETTINGS,
) -> Proposal:
    """The optimal proposal (see the module docstring); residents move only when ``max_moves`` > 0."""
    started = time.perf_counter()
    deadline = started + settings.time_limit
    built = _build(rooms, households, max_moves, costs)
    built.model.maximize(built.persons)
    solver, optimal = sat_solve(built.model, settings, deadline)
    built.model.add(built.persons >= round(solver.value(built.persons)))
    _hint(built, solver)
    if max_moves > 0:
        built.model.minimize(built.cost)
        solver, cost_optimal = sat_solve(built.model, settings, deadline)
        optimal = optimal and cost_optimal
        built.model.add(built.cost <= round(solver.value(built.cost)))
        _hint(built, solver)
    priority = _priority(built)
    built.model.maximize(priority)
    solver, priority_optimal = sat_solve(built.model, settings, deadline)
    assignments, moves = _named(built, solver, costs)
    return proposal_of(
        "optimiser", rooms, households, assignments, optimal=optimal and priority_optimal, started=started, moves=moves
    )


def upper_bound(rooms: Sequence[Room], households: Sequence[Household], *, max_moves: int = 0) -> int:
    """The most persons any proposal could place: the LP relaxation of the model above (GLOP), rounded down."""
    built = _build(rooms, households, max_moves, MoveCosts())
    built.model.maximize(built.persons)
    solver = mb.Solver("glop")
    if solver.solve(built.model) != mb.SolveStatus.OPTIMAL:
        raise RuntimeError(f"GLOP gaf geen oplossing: {solver.status_string}")
    return math.floor(solver.objective_value + 1e-6)


def _value(solver: mb.Solver, variable: Any) -> int:
    return 0 if isinstance(variable, int) else round(solver.value(variable))


def _named(built: _Model, solver: mb.Solver, costs: MoveCosts) -> tuple[list[Assignment], list[Move]]:
    """Turn the counts into named households and rooms."""
    queues = {key: iter(members) for key, members in built.waiting.items()}
    leaving: dict[tuple[ClassKey, str], list[tuple[Household, Room]]] = defaultdict(list)
    pools: dict[GroupKey, list[Room]] = {}
    for group in built.groups:
        pool = list(group.empty)
        for content in group.occupied:
            emptied = content.rooms[: _value(solver, content.vacate)]
            pool.extend(emptied)
            for room in emptied:
                for resident in room.residents:
                    leaving[(class_of(resident), group.location)].append((resident, room))
        pools[group.key] = pool
    assignments: list[Assignment] = []
    moves: list[Move] = []
    for group in built.groups:
        pool = pools[group.key]
        rooms_of_movers = {room.key for pairs in leaving.values() for _, room in pairs}
        pool.sort(key=lambda room: (room.key in rooms_of_movers, room.key))
        free_rooms = iter(pool)
        for key, variable in group.whole.items():
            for _ in range(_value(solver, variable)):
                assignments.append(Assignment(next(queues[key]).key, next(free_rooms).key))
        for mover_key, variable in group.movers_whole.items():
            for _ in range(_value(solver, variable)):
                resident, origin = leaving[mover_key].pop()
                moves.extend(_move(resident, origin, next(free_rooms), costs))
        for kind, opened in group.new_shared.items():
            beds = _shared_beds(group, kind, [next(free_rooms) for _ in range(_value(solver, opened))], solver)
            for key, variable in group.shared.items():
                if group.share_kind(key) == kind:
                    for _ in range(_value(solver, variable)):
                        assignments.append(Assignment(next(queues[key]).key, next(beds).key))
            for mover_key, variable in group.movers_shared.items():
                if group.share_kind(mover_key[0]) == kind:
                    for _ in range(_value(solver, variable)):
                        resident, origin = leaving[mover_key].pop()
                        moves.extend(_move(resident, origin, next(beds), costs))
    return assignments, moves


def _shared_beds(group: _Group, kind: str, opened: list[Room], solver: mb.Solver) -> Iterator[Room]:
    """Free beds of ``kind`` in the group's shared rooms: first those with residents who stay, then new ones."""
    for content in group.occupied:
        if content.kind == kind:
            for room in content.rooms[_value(solver, content.vacate) :]:
                yield from [room] * content.free
    for room in opened:
        yield from [room] * group.beds


def _move(resident: Household, origin: Room, destination: Room, costs: MoveCosts) -> list[Move]:
    """The move, or none when the resident lands back in its own room."""
    if origin.key == destination.key:
        return []
    return [Move(resident.key, origin.key, destination.key, costs.of(origin.location, destination.location))]


@dataclass(frozen=True, slots=True)
class MoveGain:
    """With at most ``moves`` moves of residents, ``persons_placed`` waiting persons fit: ``gain`` more."""

    moves: int
    persons_placed: int
    gain: int


def consolidation_gains(
    rooms: Sequence[Room],
    households: Sequence[Household],
    *,
    max_moves: int,
    costs: MoveCosts = DEFAULT_COSTS,
    settings: SolverSettings = DEFAULT_SETTINGS,
) -> tuple[MoveGain, ...]:
    """What each extra move gains: the most persons placed with 0, 1, … ``max_moves`` moves.

    Stops early once everyone waiting is placed.
    """
    everyone = sum(household.size for household in households)
    gains: list[MoveGain] = []
    for moves in range(max_moves + 1):
        built = _build(rooms, households, moves, costs)
        built.model.maximize(built.persons)
        solver, _ = sat_solve(built.model, settings, time.perf_counter() + settings.time_limit)
        placed = round(solver.value(built.persons))
        gains.append(MoveGain(moves, placed, placed - gains[-1].persons_placed if gains else 0))
        if placed == everyone:
            break
    return tuple(gains)
