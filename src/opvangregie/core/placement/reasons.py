"""Why a waiting household was not placed, in words an officer can pass on.

The reasons are checked from the most basic to the most specific: no room meets its needs, no such room
has enough beds, every such room is taken by another household (or only shared with the other sex),
or a room was free but the proposal gave it to others (more persons placed, or longer waiting).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from opvangregie.core.placement.model import Assignment, Household, Move, Proposal, Room, Unplaced
from opvangregie.core.rooms import SharingRule, beds_text


def _needs(household: Household) -> str:
    if household.needs_accessible and household.needs_ground_floor:
        return " op de begane grond en toegankelijk"
    if household.needs_accessible:
        return " (toegankelijke kamer)"
    if household.needs_ground_floor:
        return " (kamer op de begane grond)"
    return ""


def unplaced_reason(household: Household, rooms: Sequence[Room]) -> str:
    """The reason ``household`` is not placed, given the rooms with their residents before the proposal."""
    suitable = [room for room in rooms if room.meets_needs(household)]
    if not suitable:
        return f"Er is geen kamer die past bij de behoefte{_needs(household)}."
    large = [room for room in suitable if room.beds >= household.size]
    if not large:
        biggest = max(room.beds for room in suitable)
        return (
            f"Geen passende kamer{_needs(household)} met {household.size} of meer bedden; "
            f"de grootste heeft {beds_text(biggest)}."
        )
    if any(room.refusal(household) is None for room in large):
        return (
            "Er was een passende kamer vrij, maar het voorstel geeft die aan andere huishoudens "
            "(zo worden meer personen geplaatst, of zij wachten langer)."
        )
    if household.occupant.is_single_adult:
        other_sex = [
            room
            for room in large
            if room.residents
            and room.free_beds >= 1
            and all(room.share_kind(resident) is not None for resident in room.residents)
        ]
        if other_sex:
            return "Alleen bedden vrij in gedeelde kamers met bewoners van het andere geslacht."
    return _all_taken(household, large)


def _all_taken(household: Household, large: Sequence[Room]) -> str:
    """Every room with beds enough is refused: lived in by a household it may not share with, or full."""
    rooms = f"Alle kamers{_needs(household)} met {household.size} of meer bedden"
    shared = [room for room in large if room.sharing is not SharingRule.NONE]
    if not shared:
        return f"{rooms} worden bewoond door een ander huishouden en zijn niet bedoeld om te delen."
    if not household.occupant.is_single_adult:
        return f"{rooms} zijn bewoond; een gedeelde kamer is alleen voor alleenstaande volwassenen."
    if all(room.free_beds < household.size for room in shared):
        return f"{rooms} zijn bewoond en de gedeelde kamers daarvan zijn vol."
    return f"{rooms} worden bewoond door huishoudens met wie deze persoon geen kamer mag delen."


def unplaced_with_reasons(rooms: Sequence[Room], households: Sequence[Household]) -> tuple[Unplaced, ...]:
    """The reason per household; rooms and households that the rules cannot tell apart are checked once."""
    representatives = list({room_signature(room): room for room in rooms}.values())
    reasons: dict[tuple[object, ...], str] = {}
    result = []
    for household in households:
        signature = household_class(household)
        if signature not in reasons:
            reasons[signature] = unplaced_reason(household, representatives)
        result.append(Unplaced(household.key, reasons[signature]))
    return tuple(result)


def household_class(household: Household) -> tuple[object, ...]:
    """What the room rules see of a household: size, adults, sex and needs (not its key or priority)."""
    return (household.size, household.adults, household.sex, household.needs_accessible, household.needs_ground_floor)


def room_signature(room: Room) -> tuple[object, ...]:
    """What the room rules see of a room: beds, accessibility, ground floor, sharing rule and residents."""
    residents = tuple(sorted((r.size, r.adults, r.sex) for r in room.residents))
    return (room.beds, room.accessible, room.floor == 0, room.sharing, residents)


def proposal_of(
    method: str,
    rooms: Sequence[Room],
    households: Sequence[Household],
    assignments: Sequence[Assignment],
    *,
    optimal: bool,
    started: float,
    moves: Sequence[Move] = (),
) -> Proposal:
    """The proposal with its totals and the reasons for the households left out; ``started`` is perf_counter."""
    placed = {assignment.household for assignment in assignments}
    return Proposal(
        method=method,
        assignments=tuple(assignments),
        unplaced=unplaced_with_reasons(rooms, [h for h in households if h.key not in placed]),
        persons_placed=sum(h.size for h in households if h.key in placed),
        households_placed=len(placed),
        priority=sum(h.priority for h in households if h.key in placed),
        optimal=optimal,
        seconds=time.perf_counter() - started,
        moves=tuple(moves),
    )
