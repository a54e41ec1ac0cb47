"""core.placement.model: households and rooms as placement sees them, and every rule a proposal may break."""

from __future__ import annotations

import pytest

from opvangregie.core.placement.model import (
    DEFAULT_COSTS,
    Assignment,
    Household,
    Move,
    MoveCosts,
    Proposal,
    Room,
    persons,
    proposal_violations,
)
from opvangregie.core.rooms import SharingRule

SAME_SEX = SharingRule.SAME_SEX


def test_a_household_is_one_adult_without_needs_or_priority_and_a_room_on_the_ground_floor_unless_told() -> None:
    assert Household("h", 3) == Household("h", 3, 1, "", False, False, 0)
    assert Room("r", 2) == Room("r", 2, "", 0, False, SharingRule.NONE, ())
    assert Household("h", 1).occupant.is_single_adult


@pytest.mark.parametrize(
    ("floor", "accessible", "needs_accessible", "needs_ground_floor", "met"),
    [
        (0, False, False, False, True),
        (0, False, True, False, False),
        (0, False, False, True, True),
        (0, True, True, True, True),
        (1, True, True, False, True),
        (1, True, False, True, False),
        (-1, True, False, True, False),  # a basement is not the ground floor
        (1, False, False, False, True),
        (1, False, True, True, False),
    ],
)
def test_needs_are_met_entry_by_entry(
    floor: int, accessible: bool, needs_accessible: bool, needs_ground_floor: bool, met: bool
) -> None:
    room = Room("r", 4, floor=floor, accessible=accessible)
    household = Household("h", 2, 2, needs_accessible=needs_accessible, needs_ground_floor=needs_ground_floor)
    assert room.meets_needs(household) is met
    assert (room.refusal(household) is None) is met


def test_free_beds_and_the_refusal_with_other_residents() -> None:
    room = Room("r", 4, sharing=SAME_SEX, residents=(Household("w1", 1, 1, "F"), Household("w2", 1, 1, "F")))
    assert room.free_beds == 2
    assert room.refusal(Household("w3", 1, 1, "F")) is None
    assert room.refusal(Household("m", 1, 1, "M")) is not None
    assert room.refusal(Household("m", 1, 1, "M"), residents=()) is None  # as if the women had moved out
    assert room.share_kind(Household("w3", 1, 1, "F")) == "F"
    assert persons([Household("a", 3), Household("b", 2)]) == 5


def test_move_costs_within_and_between_locations() -> None:
    assert (DEFAULT_COSTS.within_location, DEFAULT_COSTS.between_locations) == (1, 2)
    assert MoveCosts() == DEFAULT_COSTS
    costs = MoveCosts(within_location=3, between_locations=7)
    assert costs.of("L1", "L1") == 3
    assert costs.of("L1", "L2") == 7
    moves = (Move("a", "r1", "r2", 3), Move("b", "r2", "r3", 7))
    assert proposal(moves=moves).move_cost == 10
    assert proposal().move_cost == 0


def proposal(assignments: tuple[Assignment, ...] = (), moves: tuple[Move, ...] = ()) -> Proposal:
    return Proposal("test", assignments, (), 0, 0, 0, True, 0.0, moves)


WAITING = [Household("A", 2, 2), Household("B", 1, 1, "F"), Household("C", 1, 1, "F"), Household("D", 3, 2)]
ROOMS = [
    Room("r1", 2, "L1"),
    Room("r2", 3, "L1", sharing=SAME_SEX, residents=(Household("w", 1, 1, "F"),)),
    Room("r3", 4, "L2", residents=(Household("fam", 2, 2),)),
    Room("r4", 2, "L2", floor=1),
]


def test_a_valid_proposal_breaks_nothing() -> None:
    valid = proposal(
        (Assignment("A", "r1"), Assignment("B", "r2"), Assignment("C", "r2"), Assignment("D", "r3")),
        (Move("fam", "r3", "r4", 2),),
    )
    assert proposal_violations(ROOMS, WAITING, valid) == []


def test_every_broken_rule_is_listed() -> None:
    broken = proposal(
        (
            Assignment("A", "r1"),
            Assignment("A", "r4"),  # placed twice
            Assignment("X", "r1"),  # not waiting
            Assignment("Y", "r1"),  # nor this one
            Assignment("B", "r9"),  # no such room
            Assignment("C", "r8"),  # nor this one
            Assignment("D", "r3"),  # the family of 2 did not move: 5 persons in 4 beds
        ),
        (
            Move("w", "r3", "r1", 1),  # w lives in r2
            Move("ghost", "r2", "r1", 1),  # nobody of that name
        ),
    )
    assert sorted(proposal_violations(ROOMS, WAITING, broken)) == [
        "A is meer dan eens geplaatst.",
        "D in r3: De kamer heeft 4 bedden; 2 in gebruik, het huishouden telt 3 personen.",
        "Kamer r8 bestaat niet.",
        "Kamer r9 bestaat niet.",
        "X staat niet op de wachtlijst.",
        "Y staat niet op de wachtlijst.",
        "ghost woont niet in r2.",
        "w woont niet in r3.",
    ]


def test_a_resident_moves_once_and_newcomers_are_checked_one_after_the_other() -> None:
    twice = proposal(moves=(Move("fam", "r3", "r4", 2), Move("fam", "r3", "r1", 2)))
    assert proposal_violations(ROOMS, WAITING, twice) == ["fam woont niet in r3."]
    women = proposal((Assignment("B", "r2"), Assignment("C", "r2")), (Move("w", "r2", "r1", 1),))
    assert proposal_violations(ROOMS, WAITING, women) == []  # w left: B and C take 2 of the 3 beds
    crowded = proposal((Assignment("B", "r2"), Assignment("C", "r2"), Assignment("A", "r2")))
    assert proposal_violations(ROOMS, WAITING, crowded) == [
        "A in r2: De kamer heeft 3 bedden; 3 in gebruik, het huishouden telt 2 personen."
    ]
    upstairs = proposal((Assignment("A", "r4"),))
    ground = [Household("A", 2, 2, needs_ground_floor=True)]
    assert proposal_violations(ROOMS, ground, upstairs) == ["A in r4: De kamer ligt niet op de begane grond."]
