"""The rule an officer applies by hand: the largest household first, into the smallest room that fits.

Households are taken largest first and, among equal sizes, in order of priority (the longest waiting
first), then by key; each goes to the room with the fewest free beds that still takes it under the room
rules (core.rooms), a shared room where it may join counting with its free beds. Among rooms with as many
free beds: a shared room already in use before an empty one, a room without accessibility before an
accessible one and a room upstairs before one on the ground floor (those are kept for who needs them),
then the sharing kind (any sex, then by sex) and the room key. It is fast and often good, but not
optimal: it does not look ahead (see tests/core/test_placement.py for a case it gets wrong).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence

from opvangregie.core.placement.model import Assignment, Household, Proposal, Room
from opvangregie.core.placement.reasons import proposal_of

# A room's state for the greedy index: empty (any household), or shared by single adults of one kind.
EMPTY = ""


def greedy(rooms: Sequence[Room], households: Sequence[Household]) -> Proposal:
    """Place ``households`` by the officer's rule; see the module docstring."""
    started = time.perf_counter()
    # (accessible, ground floor, state) -> free beds -> rooms in key order, as a stack (reversed).
    index: dict[tuple[bool, bool, str], dict[int, list[Room]]] = defaultdict(lambda: defaultdict(list))
    occupants: dict[str, list[Household]] = {}
    for room in sorted(rooms, key=lambda room: room.key, reverse=True):
        state = _state(room, list(room.residents))
        if state is not None:  # a full room stays in the index; no household fits its 0 free beds
            index[(room.accessible, room.floor == 0, state)][room.free_beds].append(room)
        occupants[room.key] = list(room.residents)
    assignments: list[Assignment] = []
    for household in sorted(households, key=lambda h: (-h.size, -h.priority, h.key)):
        chosen = _smallest_fit(index, household)
        if chosen is None:
            continue
        present = occupants[chosen.key]
        present.append(household)
        assignments.append(Assignment(household.key, chosen.key))
        state = _state(chosen, present)
        if state is not None:
            free = chosen.beds - sum(occupant.size for occupant in present)
            index[(chosen.accessible, chosen.floor == 0, state)][free].append(chosen)
    return proposal_of("greedy", rooms, households, assignments, optimal=False, started=started)


def _state(room: Room, present: list[Household]) -> str | None:
    """EMPTY, the share kind of the single adults present, or None when nobody else may join."""
    if not present:
        return EMPTY
    kinds = {room.share_kind(occupant) for occupant in present}
    if len(kinds) == 1 and None not in kinds:
        return kinds.pop()
    return None


def _smallest_fit(index: dict[tuple[bool, bool, str], dict[int, list[Room]]], household: Household) -> Room | None:
    """The room that takes ``household`` by the rule of the module docstring, taken out of the index.

    A stack's rooms are alike (free beds, needs met, state; the state names the sharing rule: ``*`` single
    adults, a sex the same sex) and lie in key order: a room goes back only onto an empty stack, since
    a room of that stack, with fewer free beds, would have been chosen before it."""
    fits = [
        (free, state == EMPTY, (accessible, ground_floor, state))
        for (accessible, ground_floor, state), by_free in index.items()
        if (accessible or not household.needs_accessible) and (ground_floor or not household.needs_ground_floor)
        for free, stack in by_free.items()
        if stack and free >= household.size and (state == EMPTY or stack[-1].share_kind(household) == state)
    ]
    if not fits:
        return None
    free, _, key = min(fits)
    return index[key][free].pop()
