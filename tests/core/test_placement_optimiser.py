"""core.placement.optimiser: most persons, then (with moves) the lowest move cost, then the highest priority."""

from __future__ import annotations

import time
from typing import Any

import pytest

from opvangregie.core.placement import optimiser as optimiser_module
from opvangregie.core.placement.model import Household, Move, MoveCosts, Room, proposal_violations
from opvangregie.core.placement.optimiser import consolidation_gains, optimise, upper_bound
from opvangregie.core.placement.solver import SolverSettings, sat_solve
from opvangregie.core.rooms import SharingRule

SAME_SEX = SharingRule.SAME_SEX
ONE_CORE = SolverSettings(time_limit=10, workers=1)


def man(key: str) -> Household:
    return Household(key, 1, 1, "M")


def woman(key: str) -> Household:
    return Household(key, 1, 1, "F")


def best(rooms: list[Room], waiting: list[Household], **options: Any) -> Any:
    proposal = optimise(rooms, waiting, settings=ONE_CORE, **options)
    assert proposal_violations(rooms, waiting, proposal) == []
    return proposal


def placed(proposal: Any) -> dict[str, str]:
    return {a.household: a.room for a in proposal.assignments}


@pytest.mark.parametrize(
    ("rooms", "waiting", "persons"),
    [
        ([Room("r", 2)], [woman("w1"), woman("w2")], 1),  # a room not meant for sharing: one household
        ([Room("r", 2, sharing=SAME_SEX)], [woman("w1"), woman("w2")], 2),
        ([Room("r", 2, sharing=SAME_SEX)], [woman("w1"), man("m")], 1),
        ([Room("r", 2, sharing=SharingRule.SINGLE_ADULTS)], [woman("w1"), man("m")], 2),
        ([Room("r", 3, sharing=SAME_SEX, residents=(woman("x"),))], [woman("w1"), woman("w2"), woman("w3")], 2),
        ([Room("r", 2, sharing=SAME_SEX, residents=(woman("x"),))], [woman("w1")], 1),  # the one free bed
        ([Room("r", 3, sharing=SAME_SEX, residents=(woman("x"),))], [Household("couple", 2, 2)], 0),
        # a room whose residents are of both sexes (as found): nobody joins
        ([Room("r", 4, sharing=SAME_SEX, residents=(woman("x"), man("y")))], [woman("w"), man("m")], 0),
        ([Room("r", 3, residents=(woman("x"),))], [woman("w")], 0),
        ([Room("a", 3, residents=(woman("x"),)), Room("b", 2)], [Household("c", 2, 2)], 2),  # rooms after it count
        # two rooms alike: each takes a woman in its free bed
        (
            [
                Room("a", 2, sharing=SAME_SEX, residents=(woman("x"),)),
                Room("b", 2, sharing=SAME_SEX, residents=(woman("y"),)),
            ],
            [woman("w1"), woman("w2")],
            2,
        ),
    ],
)
def test_the_room_rules(rooms: list[Room], waiting: list[Household], persons: int) -> None:
    assert best(rooms, waiting).persons_placed == persons


@pytest.mark.parametrize(("x2", "y", "chosen"), [(0, 4, {"X1", "Y"}), (4, 0, {"X1", "X2"})])
def test_the_priority_of_every_class_counts(x2: int, y: int, chosen: set[str]) -> None:
    """A household that fits no room comes first in the waiting list, the others after it: the same model
    but for the priorities, so the choice between two couples of one class and one of another must be theirs."""
    waiting = [
        Household("big", 5, 2, priority=10),
        Household("X1", 2, 2, priority=5),
        Household("X2", 2, 2, priority=x2),
        Household("Y", 2, 2, priority=y, needs_ground_floor=True),
    ]
    assert set(placed(best([Room("a", 2), Room("b", 2)], waiting))) == chosen


def test_across_classes_the_highest_total_priority() -> None:
    """Two couples of one class (priorities 5 and 0) and a couple that needs the ground floor (4)."""
    waiting = [
        Household("X1", 2, 2, priority=5),
        Household("X2", 2, 2),
        Household("Y", 2, 2, priority=4, needs_ground_floor=True),
    ]
    two = [Room("a", 2), Room("b", 2)]
    assert placed(best(two, waiting)).keys() == {"X1", "Y"}  # 9, not 5 + 0
    assert set(placed(best(two[:1], waiting))) == {"X1"}  # 5, not 4
    assert best(two, waiting).priority == 9


def test_a_move_is_proposed_for_more_persons_not_for_priority() -> None:
    """ADR 0005: most persons, then the lowest move cost, then priority."""
    rooms = [Room("p", 2), Room("q", 2, accessible=True, residents=(man("m"),))]
    waiting = [Household("A", 2, 2, needs_accessible=True, priority=9), Household("B", 2, 2)]
    proposal = best(rooms, waiting, max_moves=1)
    assert placed(proposal) == {"B": "p"}
    assert proposal.moves == ()


@pytest.mark.parametrize("near", ["a", "z"])
def test_a_move_within_the_location_before_one_to_another(near: str) -> None:
    far = "z" if near == "a" else "a"
    rooms = [
        Room("r", 3, "L1", residents=(man("m"),)),
        Room(near, 1, "L1", sharing=SAME_SEX),
        Room(far, 1, "L2"),
    ]
    family = [Household("family", 3, 2)]
    proposal = best(rooms, family, max_moves=1, costs=MoveCosts(within_location=1, between_locations=4))
    assert placed(proposal) == {"family": "r"}
    assert proposal.moves == (Move("m", "r", near, 1),)
    assert proposal.move_cost == 1


def test_each_extra_move_and_what_it_gains() -> None:
    rooms = [
        Room("a", 2, "L1", sharing=SAME_SEX, residents=(woman("wa"),)),
        Room("b", 2, "L1", sharing=SAME_SEX, residents=(woman("wb"),)),
        Room("c", 2, "L1", sharing=SAME_SEX, residents=(man("mc"),)),
        Room("d", 2, "L1", sharing=SAME_SEX, residents=(man("md"),)),
    ]
    couples = [Household("c1", 2, 2), Household("c2", 2, 2)]
    gains = consolidation_gains(rooms, couples, max_moves=3, settings=ONE_CORE)
    assert [(g.moves, g.persons_placed, g.gain) for g in gains] == [(0, 0, 0), (1, 2, 2), (2, 4, 2)]
    gains = consolidation_gains(rooms, [*couples[:1], woman("w")], max_moves=1, settings=ONE_CORE)
    assert [(g.moves, g.persons_placed, g.gain) for g in gains] == [(0, 1, 0), (1, 3, 2)]
    gains = consolidation_gains(rooms[:1], couples, max_moves=2, settings=ONE_CORE)  # nowhere to go
    assert [(g.moves, g.persons_placed, g.gain) for g in gains] == [(0, 0, 0), (1, 0, 0), (2, 0, 0)]
    assert upper_bound(rooms, couples) == 0
    assert upper_bound(rooms, couples, max_moves=2) == 4


def test_a_single_resident_moves_to_a_room_too_small_for_another() -> None:
    rooms = [
        Room("r1", 3, "L1", residents=(Household("C", 2, 2),)),
        Room("r2", 3, "L1", residents=(man("M"),)),
        Room("s", 1, "L1"),
    ]
    proposal = best(rooms, [Household("family", 3, 2)], max_moves=1)
    assert placed(proposal) == {"family": "r2"}
    assert proposal.moves == (Move("M", "r2", "s", 1),)


def test_a_resident_with_a_need_the_room_does_not_meet_stays_when_no_room_meets_it() -> None:
    rooms = [
        Room("e", 2, "L1", residents=(Household("X", 2, 2, needs_accessible=True),)),
        Room("f", 2, "L1", accessible=True, residents=(Household("X2", 2, 2, needs_accessible=True),)),
    ]
    waiting = [Household("W", 2, 2, needs_accessible=True)]
    proposal = best(rooms, waiting, max_moves=2)
    assert (proposal.persons_placed, proposal.moves) == (0, ())


def test_every_solve_gets_the_time_left_and_starts_from_the_previous_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[Any, float]] = []

    def solved(model: Any, settings: SolverSettings, deadline: float) -> Any:
        seen.append((model.export_to_proto(), deadline - time.perf_counter()))
        return sat_solve(model, settings, deadline)

    monkeypatch.setattr(optimiser_module, "sat_solve", solved)
    rooms = [Room("r", 3, "L1", residents=(man("m"),)), Room("s", 1, "L1")]
    optimise(rooms, [Household("family", 3, 2)], max_moves=1, settings=SolverSettings(time_limit=7, workers=1))
    assert len(seen) == 3  # persons, move cost, priority
    assert all(0 < left <= 7 for _, left in seen)
    assert seen[0][1] > 6
    first, second, third = (proto for proto, _ in seen)
    assert not first.solution_hint.var_index
    for proto in (second, third):
        assert len(proto.solution_hint.var_index) >= len(first.variable)  # every variable of the model
    seen.clear()
    consolidation_gains(rooms, [Household("family", 3, 2)], max_moves=1, settings=SolverSettings(time_limit=7))
    assert len(seen) == 2
    assert all(6 < left <= 7 for _, left in seen)  # each step its own time limit


@pytest.mark.parametrize(
    ("max_moves", "proven", "optimal"),
    [
        (0, [True, True], True),
        (0, [False, True], False),
        (0, [True, False], False),
        (1, [True, True, True], True),
        (1, [False, True, True], False),
        (1, [True, False, True], False),
        (1, [True, True, False], False),
    ],
)
def test_optimal_only_when_every_stage_is_proven(
    monkeypatch: pytest.MonkeyPatch, max_moves: int, proven: list[bool], optimal: bool
) -> None:
    answers = iter(proven)

    def reported(model: Any, settings: SolverSettings, deadline: float) -> Any:
        solver, _ = sat_solve(model, settings, deadline)
        return solver, next(answers)

    monkeypatch.setattr(optimiser_module, "sat_solve", reported)
    proposal = optimise([Room("r", 2)], [Household("c", 2, 2)], max_moves=max_moves, settings=ONE_CORE)
    assert proposal.optimal is optimal
    assert next(answers, None) is None  # one stage per answer: the move cost only with moves


def test_the_pool_hands_out_rooms_in_order_and_in_the_asked_location_first() -> None:
    """Naming a proposal (optimiser._Pool): the next free room in order, or the next one in the mover's own
    location while there is one, never a room twice."""
    a, b, c = Room("a", 1, location="north"), Room("b", 1, location="north"), Room("c", 1, location="south")
    pool = optimiser_module._Pool([a, b, c])
    assert pool.take() is a  # the first in order
    assert pool.take("south") is c  # the asked location before the order
    assert pool.take("north") is b  # a is taken: the next one there
    assert pool.rest() == []
    other = optimiser_module._Pool([a, b, c])
    assert other.take("nowhere") is a  # no free room there: the next in order
    assert other.take(None) is b
    assert other.rest() == [c]


def test_a_shared_bed_a_local_mover_took_is_not_handed_out_again() -> None:
    """The second naming stage (everyone else, from anywhere) gets only the shared beds the movers within their own
    location left over: here the woman moving from a into b takes one of b's beds, and the two waiting women get
    b's other bed and c's."""
    rooms = [
        Room("a", 3, "L1", sharing=SAME_SEX, residents=(woman("xa"),)),
        Room("b", 3, "L1", sharing=SAME_SEX, residents=(woman("xb"),)),
        Room("c", 3, "L1", sharing=SAME_SEX, residents=(woman("xc1"), woman("xc2"))),
    ]
    waiting = [Household("family", 3, 2), woman("w1"), woman("w2")]
    proposal = best(rooms, waiting, max_moves=1, costs=MoveCosts(within_location=1, between_locations=4))
    assert proposal.persons_placed == 5
    assert proposal.moves == (Move("xa", "a", "b", 1),)
    assert placed(proposal) == {"family": "a", "w1": "b", "w2": "c"}


def test_a_room_opened_for_sharing_by_the_group_though_by_no_location() -> None:
    """Rooms a location opens for its own movers are not opened twice; a room the group opens for waiting single
    adults, where no location opened one for movers of that kind, is opened once."""
    rooms = [Room("e", 3, "L1", sharing=SAME_SEX), Room("f", 2, "L2", residents=(Household("C", 2, 2),))]
    waiting = [woman("w1"), woman("w2")]
    proposal = best(rooms, waiting, max_moves=1, costs=MoveCosts(within_location=1, between_locations=4))
    assert placed(proposal) == {"w1": "e", "w2": "e"}
    assert proposal.moves == ()
