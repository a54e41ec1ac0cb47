"""The placement problem's data: waiting households, rooms with their residents, and a proposal.

A household is never split over rooms (RooO art. 9(2)); a room takes one household unless its sharing
rule lets single adults share it (core.rooms). Needs (an accessible room, the ground floor) are hard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from opvangregie.core.rooms import Occupant, SharingRule, placement_refusal, share_kind


@dataclass(frozen=True, slots=True)
class Household:
    """A household as placement sees it; ``priority`` ranks households that place the same number of persons."""

    key: str
    size: int
    adults: int = 1
    sex: str = ""
    needs_accessible: bool = False
    needs_ground_floor: bool = False
    priority: int = 0

    @property
    def occupant(self) -> Occupant:
        return Occupant(self.size, self.adults, frozenset({self.sex}) if self.sex else frozenset())


@dataclass(frozen=True, slots=True)
class Room:
    """A room (or a flat let as one unit) with its beds, rules and current residents."""

    key: str
    beds: int
    location: str = ""
    floor: int = 0
    accessible: bool = False
    sharing: SharingRule = SharingRule.NONE
    residents: tuple[Household, ...] = ()

    @property
    def free_beds(self) -> int:
        return self.beds - sum(resident.size for resident in self.residents)

    def meets_needs(self, household: Household) -> bool:
        return (self.accessible or not household.needs_accessible) and (
            self.floor == 0 or not household.needs_ground_floor
        )

    def refusal(self, household: Household, residents: Sequence[Household] | None = None) -> str | None:
        """Why ``household`` may not join this room with ``residents`` (default: the current ones)."""
        if household.needs_accessible and not self.accessible:
            return "De kamer is niet toegankelijk."
        if household.needs_ground_floor and self.floor != 0:
            return "De kamer ligt niet op de begane grond."
        present = self.residents if residents is None else residents
        return placement_refusal(
            beds=self.beds,
            sharing=self.sharing,
            current=[resident.occupant for resident in present],
            newcomer=household.occupant,
        )

    def share_kind(self, household: Household) -> str | None:
        return share_kind(self.sharing, household.occupant)


@dataclass(frozen=True, slots=True)
class MoveCosts:
    """The cost of moving a resident household: within its location, or to another location."""

    within_location: int = 1
    between_locations: int = 2

    def __post_init__(self) -> None:
        if not 0 <= self.within_location <= self.between_locations:
            raise ValueError("a move within a location may not cost more than one between locations")

    def of(self, origin: str, destination: str) -> int:
        return self.within_location if origin == destination else self.between_locations


DEFAULT_COSTS = MoveCosts()


@dataclass(frozen=True, slots=True)
class Assignment:
    household: str
    room: str


@dataclass(frozen=True, slots=True)
class Move:
    """A resident household moving to another room to make place; ``cost`` per MoveCosts."""

    household: str
    from_room: str
    to_room: str
    cost: int


@dataclass(frozen=True, slots=True)
class Unplaced:
    household: str
    reason: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """A placement proposal: who goes where, which residents move, and why the others could not be placed."""

    method: str
    assignments: tuple[Assignment, ...]
    unplaced: tuple[Unplaced, ...]
    persons_placed: int
    households_placed: int
    priority: int
    optimal: bool
    seconds: float
    moves: tuple[Move, ...] = ()
    upper_bound: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def move_cost(self) -> int:
        return sum(move.cost for move in self.moves)


def proposal_violations(rooms: Sequence[Room], households: Sequence[Household], proposal: Proposal) -> list[str]:
    """Every broken rule in ``proposal``: beds, sharing rules, needs, a household placed twice or unknown."""
    problems: list[str] = []
    by_key = {household.key: household for household in households}
    rooms_by_key = {room.key: room for room in rooms}
    residents = {room.key: list(room.residents) for room in rooms}
    newcomers: dict[str, list[Household]] = defaultdict(list)
    for move in proposal.moves:
        mover = next((r for r in residents.get(move.from_room, []) if r.key == move.household), None)
        if mover is None:  # not living there, or moved already
            problems.append(f"{move.household} woont niet in {move.from_room}.")
            continue
        residents[move.from_room].remove(mover)
        newcomers[move.to_room].append(mover)
    placed = [assignment.household for assignment in proposal.assignments]
    for key in {key for key in placed if placed.count(key) > 1}:
        problems.append(f"{key} is meer dan eens geplaatst.")
    for assignment in proposal.assignments:
        if assignment.household not in by_key:
            problems.append(f"{assignment.household} staat niet op de wachtlijst.")
            continue
        newcomers[assignment.room].append(by_key[assignment.household])
    for room_key, arriving in newcomers.items():
        room = rooms_by_key.get(room_key)
        if room is None:
            problems.append(f"Kamer {room_key} bestaat niet.")
            continue
        present = list(residents[room_key])
        for household in arriving:
            refusal = room.refusal(household, present)
            if refusal:
                problems.append(f"{household.key} in {room_key}: {refusal}")
            present.append(household)
    return problems


def persons(households: Iterable[Household]) -> int:
    return sum(household.size for household in households)
