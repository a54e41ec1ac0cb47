"""core.placement: the optimiser against hand-checked cases, the greedy rule and the naive model."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvangregie.core.placement.greedy import greedy
from opvangregie.core.placement.model import Household, MoveCosts, Room, proposal_violations
from opvangregie.core.placement.naive import naive
from opvangregie.core.placement.optimiser import consolidation_gains, optimise, upper_bound
from opvangregie.core.placement.synthetic import SPECS, InstanceSpec, instance
from opvangregie.core.placement.usable import usable_beds, usable_places
from opvangregie.core.rooms import SharingRule

SAME_SEX = SharingRule.SAME_SEX


def woman(key: str, **extra: object) -> Household:
    return Household(key, 1, 1, "F", **extra)  # type: ignore[arg-type]


def test_greedy_gives_the_accessible_room_away_and_the_optimiser_does_not() -> None:
    rooms = [Room("r1", 2, accessible=True), Room("r2", 3)]
    households = [Household("A", 2, 2, priority=5), Household("B", 2, 2, needs_accessible=True)]
    by_hand = greedy(rooms, households)
    best = optimise(rooms, households)
    assert by_hand.persons_placed == 2
    assert by_hand.unplaced[0].household == "B"
    assert best.persons_placed == 4
    assert {(a.household, a.room) for a in best.assignments} == {("A", "r2"), ("B", "r1")}
    assert best.optimal
    assert upper_bound(rooms, households) == 4


def test_persons_first_then_priority() -> None:
    rooms = [Room("r", 3)]
    households = [
        Household("single", 1, priority=50),
        Household("couple", 2, 2, priority=1),
        Household("trio", 3, 2, priority=0),
        Household("other trio", 3, 1, priority=7),
    ]
    best = optimise(rooms, households)
    assert best.persons_placed == 3
    assert [a.household for a in best.assignments] == ["other trio"]


def test_single_adults_share_a_room_by_sex_and_families_take_it_whole() -> None:
    rooms = [Room("shared", 4, sharing=SAME_SEX, residents=(woman("resident"),)), Room("empty", 3, sharing=SAME_SEX)]
    households = [
        Household("man 1", 1, 1, "M"),
        Household("man 2", 1, 1, "M"),
        woman("w1"),
        woman("w2"),
        woman("w3"),
        woman("w4"),
        Household("family", 3, 2),
    ]
    best = optimise(rooms, households)
    # 3 women join the resident, the family takes the empty room: 6 persons; the men and one woman wait.
    assert best.persons_placed == 6
    assert not proposal_violations(rooms, households, best)
    reasons = {item.household: item.reason for item in best.unplaced}
    assert set(reasons) == {"man 1", "man 2", "w4"}
    assert "voorstel geeft die aan andere" in reasons["man 1"]


def test_reasons_for_the_unplaced() -> None:
    rooms = [
        Room("a", 2, floor=1, residents=(Household("x", 1),)),
        Room("b", 4, sharing=SAME_SEX, residents=(Household("m", 1, 1, "M"),)),
    ]
    households = [
        Household("wheelchair", 2, 2, needs_accessible=True),
        Household("big", 6, 2),
        woman("w"),
        Household("couple", 2, 2),
    ]
    reasons = {item.household: item.reason for item in optimise(rooms, households).unplaced}
    assert "toegankelijke kamer" in reasons["wheelchair"]
    assert "6 of meer bedden" in reasons["big"]
    assert "grootste heeft 4" in reasons["big"]
    assert "andere geslacht" in reasons["w"]
    assert reasons["couple"] == (  # one room lived in, the other shared: only by single adults
        "Alle kamers met 2 of meer bedden zijn bewoond; een gedeelde kamer is alleen voor alleenstaande volwassenen."
    )


def test_consolidation_moves_residents_to_free_a_room_and_reports_each_moves_gain() -> None:
    rooms = [
        Room("a", 2, "L1", sharing=SAME_SEX, residents=(woman("s1"),)),
        Room("b", 2, "L1", sharing=SAME_SEX, residents=(woman("s2"),)),
        Room("c", 5, "L2", residents=(Household("couple", 2, 2),)),
    ]
    family = [Household("family", 4, 2)]
    assert optimise(rooms, family).persons_placed == 0
    assert optimise(rooms, family, max_moves=1).persons_placed == 0
    proposal = optimise(rooms, family, max_moves=3, costs=MoveCosts(within_location=1, between_locations=5))
    assert proposal.persons_placed == 4
    assert len(proposal.moves) == 2
    assert proposal.move_cost == 1 + 5
    assert not proposal_violations(rooms, family, proposal)
    gains = consolidation_gains(rooms, family, max_moves=5)
    assert [(g.moves, g.persons_placed, g.gain) for g in gains] == [(0, 0, 0), (1, 0, 0), (2, 4, 4)]


def test_a_resident_moves_within_the_location_where_it_can_and_a_move_never_costs_less_between_locations() -> None:
    rooms = [
        Room("a", 2, "L1", sharing=SAME_SEX, residents=(woman("s1"),)),
        Room("b", 3, "L1", sharing=SAME_SEX, residents=(woman("s2"),)),
        Room("c", 3, "L2", sharing=SAME_SEX, residents=(woman("s3"),)),
    ]
    couple = [Household("couple", 2, 2)]
    proposal = optimise(rooms, couple, max_moves=1, costs=MoveCosts(within_location=1, between_locations=3))
    assert proposal.persons_placed == 2
    [move] = proposal.moves  # one woman joins the other in L1, not the one in L2
    assert {move.from_room, move.to_room} == {"a", "b"}
    assert proposal.move_cost == 1
    assert not proposal_violations(rooms, couple, proposal)
    with pytest.raises(ValueError, match="within a location"):
        MoveCosts(within_location=2, between_locations=1)


def test_usable_places_count_whole_rooms_for_families_and_shared_beds_for_singles() -> None:
    rooms = [
        Room("family room", 5, residents=(Household("couple", 2, 2),)),
        Room("women", 4, sharing=SAME_SEX, residents=(woman("w1"), woman("w2"))),
        Room("empty", 3),
        Room("empty shared", 2, sharing=SAME_SEX),
    ]
    usable = usable_places(rooms)
    assert (usable.beds, usable.persons, usable.free_beds) == (14, 4, 10)
    assert usable.families == (2, 1, 0, 0)  # sizes 2, 3, 4, 5+
    assert usable.single_women == 2 + 1 + 2
    assert usable.single_men == 1 + 2
    assert usable.unusable_beds == 3
    assert usable_places(rooms[:2]) + usable_places(rooms[2:]) == usable
    assert [usable_beds(room) for room in rooms] == [0, 2, 3, 2]


def test_synthetic_instances_follow_their_seed() -> None:
    small = InstanceSpec("small", locations=3, rooms=40, households=50)
    assert instance(small) == instance(small)
    assert instance(small) != instance(InstanceSpec("small", locations=3, rooms=40, households=50, seed=1))
    rooms, households = instance(SPECS["region"])
    assert (len(rooms), len(households), len({room.location for room in rooms})) == (1200, 1500, 40)


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Room], list[Household]]:
    rooms = []
    for number in range(draw(st.integers(1, 5))):
        beds = draw(st.integers(1, 4))
        sharing = draw(st.sampled_from(list(SharingRule)))
        occupied = draw(st.sampled_from(["empty", "family", "singles"]))
        residents: tuple[Household, ...] = ()
        if occupied == "family":
            residents = (Household(f"r{number}", draw(st.integers(1, beds)), 1),)
        elif occupied == "singles" and sharing is not SharingRule.NONE:
            sex = draw(st.sampled_from("MF"))
            residents = tuple(Household(f"r{number}-{n}", 1, 1, sex) for n in range(draw(st.integers(1, beds))))
        rooms.append(
            Room(f"k{number}", beds, f"L{number % 2}", draw(st.integers(0, 1)), draw(st.booleans()), sharing, residents)
        )
    households = [
        Household(
            f"h{number}",
            size,
            1 if size == 1 else 2,
            draw(st.sampled_from("MF")) if size == 1 else "",
            draw(st.booleans()),
            draw(st.booleans()),
            draw(st.integers(0, 5)),
        )
        for number, size in enumerate(draw(st.lists(st.integers(1, 4), min_size=1, max_size=6)))
    ]
    return rooms, households


@given(cases())
def test_usable_beds_per_room_add_up_to_the_report(case: tuple[list[Room], list[Household]]) -> None:
    """The overviews sum usable beds room by room: the same figure as the usable-places report's."""
    rooms, _ = case
    assert sum(usable_beds(room) for room in rooms) == usable_places(rooms).usable_beds
    for room in rooms:  # a room without residents is usable whole; an occupied one wholly or not at all
        assert usable_beds(room) in ({room.free_beds} if not room.residents else {0, room.free_beds})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_the_optimiser_is_valid_at_least_greedy_and_equal_to_the_naive_optimum(
    case: tuple[list[Room], list[Household]],
) -> None:
    rooms, households = case
    best, by_hand, reference = optimise(rooms, households), greedy(rooms, households), naive(rooms, households)
    for proposal in (best, by_hand, reference):
        assert proposal_violations(rooms, households, proposal) == []
        assert proposal.households_placed + len(proposal.unplaced) == len(households)
    assert best.optimal
    assert best.persons_placed >= by_hand.persons_placed
    assert (best.persons_placed, best.priority) == (reference.persons_placed, reference.priority)
    assert upper_bound(rooms, households) >= best.persons_placed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.integers(1, 3))
def test_consolidation_is_valid_within_its_moves_and_never_worse(
    case: tuple[list[Room], list[Household]], max_moves: int
) -> None:
    rooms, households = case
    proposal = optimise(rooms, households, max_moves=max_moves)
    assert proposal_violations(rooms, households, proposal) == []
    assert len(proposal.moves) <= max_moves
    assert proposal.persons_placed >= optimise(rooms, households).persons_placed
    gains = consolidation_gains(rooms, households, max_moves=max_moves)
    assert all(later.persons_placed >= earlier.persons_placed for earlier, later in itertools.pairwise(gains))
    assert gains[-1].persons_placed == proposal.persons_placed
