"""The optimal placement of waiting households into rooms, optionally with moves of residents.

Objective, in this order (lexicographic): the most persons placed; with moves, the lowest move cost;
then the highest total priority. Rules: a household is never split (RooO art. 9(2)); one household per
room unless the room's sharing rule lets single adults share (EUAA guidance, core.rooms); needs are hard.

The model is exact and small because it counts instead of naming: households with the same size, sex
(for single adults) and needs are interchangeable, and so are rooms with the same beds, accessibility,
ground floor, sharing rule and residents. A variable says how many households of a class go to rooms of
a group, so the model has the same few thousand variables for a municipality and for the whole country;
OR-Tools CP-SAT solves it. Which household of a class is placed follows from priority (within a class
only the count matters), and the counts are then turned into named rooms.

With moves, a room whose residents move becomes empty; moving only some of a shared room's residents
never helps, so a room either keeps all its residents or all of them move. Location matters only for
the cost of a move, so waiting households and residents moving to another location see a group in all
locations at once, and only residents moving within their location see the group per location: its
rooms there take those movers first, the group as a whole takes everyone. A move "elsewhere" may land
in the mover's own location at the higher price, which an optimum never needs (a move within a location
costs no more than one between locations). The model grows with locations x groups, not with
locations squared; when a move costs the same anywhere, locations drop out altogether.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.linear_solver.python import model_builder as mb

from opvangregie.core.placement.model import DEFAULT_COSTS, Assignment, Household, Move, MoveCosts, Proposal, Room
from opvangregie.core.placement.reasons import proposal_of
from opvangregie.core.placement.solver import DEFAULT_SETTINGS, SolverSettings, sat_solve
from opvangregie.core.rooms import Occupant, SharingRule, share_kind

ClassKey = tuple[int, bool, str, bool, bool]  # size, single adult, sex of a single adult, accessible, ground floor
GroupKey = tuple[int, bool, bool, SharingRule]  # beds, accessible, ground floor, sharing rule
SAME_COSTS = MoveCosts(within_location=1, between_locations=1)  # a move costs the same anywhere: no locations


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
    """Rooms of one group and location with the same residents (by class): a shared room with free beds, or closed."""

    location: str
    kind: str | None  # share kind of a shared room with residents that others of that kind may join
    free: int  # free beds of each room; only those of a shared room (kind) are ever taken
    residents: tuple[ClassKey, ...]
    rooms: list[Room]
    vacate: Any = 0  # model variable: how many of these rooms are emptied by moving their residents


@dataclass
class _Group:
    """Rooms alike: in every location (``location`` None), or in one location for the movers from there."""

    key: GroupKey
    location: str | None = None
    empty: list[Room] = field(default_factory=list)
    occupied: list[_Content] = field(default_factory=list)
    whole: dict[ClassKey, Any] = field(default_factory=dict)  # waiting class -> households taking a whole room
    shared: dict[ClassKey, Any] = field(default_factory=dict)  # waiting single class -> in a shared room
    new_shared: dict[str, Any] = field(default_factory=dict)  # share kind -> empty rooms opened for sharing
    movers_whole: dict[ClassKey, Any] = field(default_factory=dict)  # resident class -> movers (see ``location``)
    movers_shared: dict[ClassKey, Any] = field(default_factory=dict)
    local: dict[str, _Group] = field(default_factory=dict)  # location -> the group's rooms there (with moves)

    @property
    def beds(self) -> int:
        return self.key[0]

    def takes(self, key: ClassKey) -> bool:
        size, _, _, accessible, ground_floor = key
        return size <= self.beds and (self.key[1] or not accessible) and (self.key[2] or not ground_floor)

    def share_kind(self, key: ClassKey) -> str | None:
        size, single, sex, _, _ = key
        return share_kind(self.key[3], Occupant(size, 1, frozenset({sex}) if sex else frozenset())) if single else None

    def rooms(self) -> int:
        return len(self.empty) + sum(len(content.rooms) for content in self.occupied)

    def pool(self) -> Any:
        """Rooms free for a whole household or to open for sharing: the empty ones and those vacated."""
        return len(self.empty) + mb.LinearExpr.sum([content.vacate for content in self.occupied])

    def shared_beds(self, kind: str) -> Any:
        """Free beds of ``kind`` in shared rooms whose residents stay."""
        return mb.LinearExpr.sum(
            [content.free * (len(content.rooms) - content.vacate) for content in self.occupied if content.kind == kind]
        )


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


def _groups(rooms: Sequence[Room], with_moves: bool, by_location: bool) -> list[_Group]:
    """Rooms by group; with moves every occupied room may be vacated, and ``by_location`` adds the groups per
    location for the movers from there."""
    groups: dict[GroupKey, _Group] = {}
    contents: dict[tuple[GroupKey, str, str | None, int, tuple[ClassKey, ...]], _Content] = {}
    for room in sorted(rooms, key=lambda room: room.key):
        key = (room.beds, room.accessible, room.floor == 0, room.sharing)
        group = groups.setdefault(key, _Group(key))
        local = group.local.setdefault(room.location, _Group(key, room.location)) if by_location else None
        if not room.residents:
            group.empty.append(room)
            if local is not None:
                local.empty.append(room)
            continue
        kind = _share_kind_of(room)
        if kind is None and not with_moves:  # nobody joins and nobody leaves: the room does not matter
            continue
        location = room.location if by_location else ""
        residents = tuple(sorted(class_of(resident) for resident in room.residents)) if with_moves else ()
        content_key = (key, location, kind, room.free_beds, residents)
        if content_key not in contents:
            contents[content_key] = _Content(location, kind, room.free_beds, residents, [])
            group.occupied.append(contents[content_key])
            if local is not None:
                local.occupied.append(contents[content_key])
        contents[content_key].rooms.append(room)
    return list(groups.values())


class _Builder:
    """Adds a group's variables and room constraints to the model; see the module docstring."""

    def __init__(self, model: mb.Model) -> None:
        self.model = model
        self.placed: dict[ClassKey, list[Any]] = defaultdict(list)  # waiting class -> its counts per group
        self.within: dict[tuple[ClassKey, str], list[Any]] = defaultdict(list)  # (class, location) -> movers there
        self.elsewhere: dict[ClassKey, list[Any]] = defaultdict(list)  # resident class -> movers from anywhere

    def add(
        self,
        group: _Group,
        waiting: dict[ClassKey, list[Household]],
        residents: dict[str, dict[ClassKey, int]],
        movers: dict[ClassKey, int],
    ) -> None:
        """The group's locations first (movers within their location), then the group as a whole."""
        whole_rooms: list[Any] = []
        singles: dict[str, list[Any]] = defaultdict(list)
        opened_here: dict[str, list[Any]] = defaultdict(list)
        for location, local in group.local.items():
            local_singles = self._arrivals(local, residents.get(location, {}), self.within, location)
            for kind, variables in local_singles.items():
                singles[kind].extend(variables)
                opened_here[kind].append(local.new_shared[kind])
            whole_rooms.extend(local.movers_whole.values())
        for key, members in waiting.items():
            if group.takes(key):
                share = group.share_kind(key)
                variable = self.model.new_int_var(0, min(len(members), group.rooms() * group.beds), "w")
                (group.shared if share else group.whole)[key] = variable
                (singles[share] if share else whole_rooms).append(variable)
                self.placed[key].append(variable)
        for kind, variables in self._arrivals(group, movers, self.elsewhere, None).items():
            singles[kind].extend(variables)
        whole_rooms.extend(group.movers_whole.values())
        self._rooms(group, singles, whole_rooms, opened_here)

    def _arrivals(
        self, group: _Group, counts: dict[ClassKey, int], into: dict[Any, list[Any]], location: str | None
    ) -> dict[str, list[Any]]:
        """Movers of each class in ``counts`` into ``group``; for a group in one location, also its rooms."""
        singles: dict[str, list[Any]] = defaultdict(list)
        whole_rooms: list[Any] = []
        for key, count in counts.items():
            if not group.takes(key):
                continue
            kind = group.share_kind(key)
            variable = self.model.new_int_var(0, count, "m")
            (group.movers_shared if kind else group.movers_whole)[key] = variable
            (singles[kind] if kind else whole_rooms).append(variable)
            into[key if location is None else (key, location)].append(variable)
        if location is not None:
            self._rooms(group, singles, whole_rooms, {})
        return singles

    def _rooms(
        self, group: _Group, singles: dict[str, list[Any]], whole_rooms: list[Any], opened_here: dict[str, list[Any]]
    ) -> None:
        """Whole households and rooms opened for sharing within the free rooms; single adults within free beds."""
        for kind, variables in singles.items():
            opened = self.model.new_int_var(0, group.rooms(), "d")
            group.new_shared[kind] = opened
            whole_rooms.append(opened)
            if opened_here.get(kind):
                self.model.add(opened >= mb.LinearExpr.sum(opened_here[kind]))
            self.model.add(mb.LinearExpr.sum(variables) <= group.beds * opened + group.shared_beds(kind))
        if whole_rooms:
            self.model.add(mb.LinearExpr.sum(whole_rooms) <= group.pool())


def _build(rooms: Sequence[Room], households: Sequence[Household], max_moves: int, costs: MoveCosts) -> _Model:
    with_moves = max_moves > 0
    model = mb.Model()
    groups = _groups(rooms, with_moves, by_location=with_moves and costs.within_location != costs.between_locations)
    waiting: dict[ClassKey, list[Household]] = defaultdict(list)
    for household in sorted(households, key=lambda h: (-h.priority, h.key)):
        waiting[class_of(household)].append(household)
    leaving: dict[tuple[ClassKey, str], list[Any]] = defaultdict(list)  # (class, location) -> terms
    most: dict[tuple[ClassKey, str], int] = defaultdict(int)  # (class, location) -> residents of that class there
    moves = []
    for group in groups:
        for content in group.occupied:
            if with_moves:
                content.vacate = model.new_int_var(0, min(len(content.rooms), max_moves // len(content.residents)), "v")
                moves.append(len(content.residents) * content.vacate)
                for resident in set(content.residents):
                    count = content.residents.count(resident)
                    leaving[(resident, content.location)].append(count * content.vacate)
                    most[(resident, content.location)] += count * len(content.rooms)
    movers: dict[ClassKey, int] = defaultdict(int)
    residents: dict[str, dict[ClassKey, int]] = defaultdict(dict)
    for (key, location), count in most.items():
        movers[key] += count
        residents[location][key] = count
    builder = _Builder(model)
    for group in groups:
        builder.add(group, waiting, residents, movers)
    placed_counts = {}
    for key, variables in builder.placed.items():
        placed_counts[key] = mb.LinearExpr.sum(variables)
        model.add(placed_counts[key] <= len(waiting[key]))
    cost_terms = []
    away: dict[ClassKey, list[Any]] = defaultdict(list)
    for mover_key, terms in leaving.items():
        within = mb.LinearExpr.sum(builder.within.get(mover_key, []))
        model.add(within <= mb.LinearExpr.sum(terms))
        away[mover_key[0]].append(mb.LinearExpr.sum(terms) - within)
        cost_terms.append(
            costs.within_location * within + costs.between_locations * (mb.LinearExpr.sum(terms) - within)
        )
    for key, terms in away.items():
        model.add(mb.LinearExpr.sum(builder.elsewhere.get(key, [])) == mb.LinearExpr.sum(terms))
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
    """The most persons any proposal could place: the LP relaxation of the model above (GLOP), rounded down.

    Where residents move to does not change who fits, so the model is built without locations (equal costs).
    """
    built = _build(rooms, households, max_moves, SAME_COSTS)
    built.model.maximize(built.persons)
    solver = mb.Solver("glop")
    if solver.solve(built.model) != mb.SolveStatus.OPTIMAL:
        raise RuntimeError(f"GLOP gaf geen oplossing: {solver.status_string}")
    return math.floor(solver.objective_value + 1e-6)


def _value(solver: mb.Solver, variable: Any) -> int:
    return 0 if isinstance(variable, int) else round(solver.value(variable))


@dataclass
class _Namer:
    """Turns the model's counts into named households, rooms and moves."""

    solver: mb.Solver
    costs: MoveCosts
    queues: dict[ClassKey, Iterator[Household]]
    vacated: set[str] = field(default_factory=set)
    leaving: dict[Any, list[tuple[Household, Room]]] = field(default_factory=lambda: defaultdict(list))
    assignments: list[Assignment] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)

    def count(self, variable: Any) -> int:
        return _value(self.solver, variable)

    def vacate(self, groups: Sequence[_Group]) -> None:
        """Note the rooms whose residents move, and put the residents on the list of movers."""
        for group in groups:
            for content in group.occupied:
                for room in content.rooms[: self.count(content.vacate)]:
                    self.vacated.add(room.key)
                    for resident in room.residents:
                        self.leaving[(class_of(resident), room.location)].append((resident, room))

    def free_rooms(self, group: _Group) -> list[Room]:
        """The group's empty rooms and those whose residents move."""
        return group.empty + [
            room for content in group.occupied for room in content.rooms[: self.count(content.vacate)]
        ]

    def stayed_beds(self, group: _Group) -> dict[str, list[Room]]:
        """Free beds per share kind in the group's shared rooms whose residents stay."""
        beds: dict[str, list[Room]] = defaultdict(list)
        for content in group.occupied:
            if content.kind:
                for room in content.rooms[self.count(content.vacate) :]:
                    beds[content.kind].extend([room] * content.free)
        return beds

    def from_anywhere(self) -> None:
        """The movers not yet placed in their own location are placed by class, wherever they live."""
        by_class: dict[Any, list[tuple[Household, Room]]] = defaultdict(list)
        for (key, _), pairs in self.leaving.items():
            by_class[key].extend(pairs)
        self.leaving = by_class

    def fill(
        self, group: _Group, origin: str | None, rooms: list[Room], beds: dict[str, list[Room]], opened: dict[str, int]
    ) -> list[Room]:
        """Place the group's counts in free ``rooms`` and free ``beds`` (what is left stays in ``beds``); movers
        come from ``origin`` (None: anywhere) and go first, each to its own location where it can. Returns the
        rooms left free."""
        free = _Pool(sorted(rooms, key=lambda room: (room.key in self.vacated, room.key)))
        mover = (lambda key: key) if origin is None else (lambda key: (key, origin))
        for key, variable in group.movers_whole.items():
            for _ in range(self.count(variable)):
                self._move(mover(key), free)
        for key, variable in group.whole.items():
            for _ in range(self.count(variable)):
                self.assignments.append(Assignment(next(self.queues[key]).key, free.take().key))
        for kind, count in opened.items():
            beds[kind] = beds.get(kind, []) + [room for _ in range(count) for room in [free.take()] * group.beds]
        pools = {kind: _Pool(free_beds) for kind, free_beds in beds.items()}
        for key, variable in group.movers_shared.items():
            for _ in range(self.count(variable)):
                self._move(mover(key), pools[group.share_kind(key) or ""])
        for key, variable in group.shared.items():
            for _ in range(self.count(variable)):
                self.assignments.append(
                    Assignment(next(self.queues[key]).key, pools[group.share_kind(key) or ""].take().key)
                )
        for kind, pool in pools.items():
            beds[kind] = pool.rest()
        return free.rest()

    def _move(self, mover: Any, pool: _Pool) -> None:
        """The move to a room of ``pool`` in the mover's own location if there is one; none when it lands back
        in its own room."""
        resident, origin = self.leaving[mover].pop()
        destination = pool.take(origin.location)
        if origin.key != destination.key:
            cost = self.costs.of(origin.location, destination.location)
            self.moves.append(Move(resident.key, origin.key, destination.key, cost))


class _Pool:
    """Free rooms (or free beds, a room once per bed) in order, to hand out the next one or, preferably, the
    next one in a given location."""

    def __init__(self, rooms: list[Room]) -> None:
        self.rooms = rooms
        self.taken = [False] * len(rooms)
        self.first = 0
        self.by_location: dict[str, deque[int]] = defaultdict(deque)
        for number, room in enumerate(rooms):
            self.by_location[room.location].append(number)

    def take(self, location: str | None = None) -> Room:
        here = self.by_location.get(location, deque()) if location is not None else deque()
        while here and self.taken[here[0]]:
            here.popleft()
        if here:
            number = here.popleft()
        else:
            while self.taken[self.first]:
                self.first += 1
            number = self.first
        self.taken[number] = True
        return self.rooms[number]

    def rest(self) -> list[Room]:
        return [room for room, taken in zip(self.rooms, self.taken, strict=True) if not taken]


def _named(built: _Model, solver: mb.Solver, costs: MoveCosts) -> tuple[list[Assignment], list[Move]]:
    """Named households, rooms and moves: first the movers within their own location, then everyone else."""
    namer = _Namer(solver, costs, {key: iter(members) for key, members in built.waiting.items()})
    namer.vacate(built.groups)
    spare: dict[GroupKey, tuple[list[Room], dict[str, list[Room]]]] = {}
    for group in built.groups:
        if not group.local:
            spare[group.key] = namer.free_rooms(group), namer.stayed_beds(group)
            continue
        rooms: list[Room] = []
        beds: dict[str, list[Room]] = defaultdict(list)
        for location, local in group.local.items():
            here = namer.stayed_beds(local)
            opened = {kind: namer.count(variable) for kind, variable in local.new_shared.items()}
            rooms += namer.fill(local, location, namer.free_rooms(local), here, opened)
            for kind, free in here.items():
                beds[kind].extend(free)
        spare[group.key] = rooms, beds
    namer.from_anywhere()
    for group in built.groups:
        rooms, beds = spare[group.key]
        opened = {
            kind: namer.count(variable)
            - sum(namer.count(local.new_shared[kind]) for local in group.local.values() if kind in local.new_shared)
            for kind, variable in group.new_shared.items()
        }
        namer.fill(group, None, rooms, beds, opened)
    return namer.assignments, namer.moves


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
    step: int = 1,
    settings: SolverSettings = DEFAULT_SETTINGS,
) -> tuple[MoveGain, ...]:
    """What each extra move gains: the most persons placed with 0, 1, … ``max_moves`` moves (or 0, ``step``,
    2 ``step``, … ``max_moves``, each gain then over the previous step).

    Stops early once everyone waiting is placed.
    """
    everyone = sum(household.size for household in households)
    gains: list[MoveGain] = []
    for moves in sorted({*range(0, max_moves + 1, step), max_moves}):
        built = _build(rooms, households, moves, SAME_COSTS)  # only persons count here: locations do not matter
        built.model.maximize(built.persons)
        solver, _ = sat_solve(built.model, settings, time.perf_counter() + settings.time_limit)
        placed = round(solver.value(built.persons))
        gains.append(MoveGain(moves, placed, placed - gains[-1].persons_placed if gains else 0))
        if placed == everyone:
            break
    return tuple(gains)
