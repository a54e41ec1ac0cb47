"""core.placement.greedy: the officer's rule, case by case and against a plain room-by-room version."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvangregie.core.placement.greedy import greedy
from opvangregie.core.placement.model import Household, Room
from opvangregie.core.rooms import SharingRule

SAME_SEX, SINGLE_ADULTS = SharingRule.SAME_SEX, SharingRule.SINGLE_ADULTS


def placed(rooms: list[Room], households: list[Household]) -> dict[str, str]:
    return {assignment.household: assignment.room for assignment in greedy(rooms, households).assignments}


def woman(key: str, **extra: object) -> Household:
    return Household(key, 1, 1, "F", **extra)  # type: ignore[arg-type]


def test_the_largest_household_first() -> None:
    assert placed([Room("r", 3)], [woman("single", priority=9), Household("trio", 3, 2)]) == {"trio": "r"}


def test_among_equal_sizes_the_highest_priority_then_the_key() -> None:
    couples = [Household("B", 2, 2, priority=1), Household("A", 2, 2), Household("C", 2, 2, priority=5)]
    assert placed([Room("r", 2)], couples) == {"C": "r"}
    assert placed([Room("r", 2)], couples[:2]) == {"B": "r"}
    assert placed([Room("r", 2)], [Household("B", 2, 2), Household("A", 2, 2)]) == {"A": "r"}


def test_the_room_with_the_fewest_free_beds_that_fits_exactly_or_more() -> None:
    rooms = [Room("four", 4), Room("one", 1), Room("two", 2), Room("three", 3)]
    assert placed(rooms, [Household("couple", 2, 2)]) == {"couple": "two"}
    assert placed(rooms, [Household("four", 4, 2)]) == {"four": "four"}
    assert placed(rooms, [Household("five", 5, 2)]) == {}
    assert placed([Room("one", 1)], [woman("w")]) == {"w": "one"}
    # free beds, not beds: a shared room of 4 with 3 women has 1 free bed, fewer than an empty room of 2
    shared = Room("shared", 4, sharing=SAME_SEX, residents=(woman("r1"), woman("r2"), woman("r3")))
    assert placed([Room("empty", 2), shared], [woman("w")]) == {"w": "shared"}


def test_with_as_many_free_beds_a_shared_room_in_use_before_an_empty_one_then_the_room_key() -> None:
    in_use = Room("b", 3, sharing=SAME_SEX, residents=(woman("r"),))
    assert placed([Room("a", 2, sharing=SAME_SEX), in_use], [woman("w")]) == {"w": "b"}
    assert placed([Room("b", 2), Room("c", 2), Room("a", 2)], [Household("couple", 2, 2)]) == {"couple": "a"}


def test_with_as_many_free_beds_the_rooms_others_may_need_last() -> None:
    couple = [Household("couple", 2, 2)]
    assert placed([Room("a", 2, accessible=True), Room("b", 2, floor=1)], couple) == {"couple": "b"}
    assert placed([Room("a", 2, floor=0), Room("b", 2, floor=2)], couple) == {"couple": "b"}


def test_needs_are_met_wherever_the_room_lies_in_the_order() -> None:
    rooms = [Room("a", 2, floor=0, accessible=True), Room("b", 2, floor=1), Room("c", 2, floor=0)]
    assert placed(rooms, [Household("h", 2, 2, needs_accessible=True)]) == {"h": "a"}
    assert placed(rooms, [Household("h", 2, 2, needs_ground_floor=True)]) == {"h": "c"}
    assert placed(rooms[1:], [Household("h", 2, 2, needs_accessible=True)]) == {}
    assert placed(rooms[1:2], [Household("h", 2, 2, needs_ground_floor=True)]) == {}
    # a room too small is passed over for a larger one in the same kind of room
    assert placed([Room("a", 3), Room("b", 1)], [Household("trio", 3, 2)]) == {"trio": "a"}


def test_a_shared_room_fills_up_bed_by_bed_and_no_further() -> None:
    rooms = [Room("s", 2, floor=0, sharing=SAME_SEX)]
    women = [woman("w1", needs_ground_floor=True), woman("w2", needs_ground_floor=True), woman("w3")]
    assert placed(rooms, women) == {"w1": "s", "w2": "s"}
    proposal = greedy(rooms, women)
    assert [item.household for item in proposal.unplaced] == ["w3"]
    assert (proposal.method, proposal.optimal, proposal.persons_placed) == ("greedy", False, 2)


def test_a_shared_room_only_for_its_kind_and_a_family_room_for_nobody_else() -> None:
    men = Room("men", 3, sharing=SAME_SEX, residents=(Household("m", 1, 1, "M"),))
    family = Room("family", 4, residents=(Household("f", 2, 2),))
    mixed = Room("mixed", 3, sharing=SINGLE_ADULTS, residents=(Household("m2", 1, 1, "M"),))
    assert placed([men, family], [woman("w"), Household("single man", 1, 1, "M")]) == {"single man": "men"}
    assert placed([men, family, mixed], [woman("w")]) == {"w": "mixed"}
    assert placed([men, mixed], [Household("couple", 2, 2)]) == {}


def test_nobody_joins_a_shared_room_whose_residents_are_of_both_sexes() -> None:
    mixed = Room("mixed", 4, sharing=SAME_SEX, residents=(woman("x"), Household("y", 1, 1, "M")))
    assert placed([mixed], [woman("w"), Household("m", 1, 1, "M")]) == {}


def officer(rooms: list[Room], households: list[Household]) -> list[tuple[str, str]]:
    """The rule written out room by room: for each household in turn, every room that takes it now."""
    present = {room.key: list(room.residents) for room in rooms}

    def rank(room: Room) -> tuple[object, ...]:
        occupants = present[room.key]
        free = room.beds - sum(occupant.size for occupant in occupants)
        kind = room.share_kind(occupants[0]) if occupants else ""
        return (free, not occupants, room.accessible, room.floor == 0, kind, room.key)

    result = []
    for household in sorted(households, key=lambda h: (-h.size, -h.priority, h.key)):
        takes = [room for room in rooms if room.refusal(household, present[room.key]) is None]
        if takes:
            room = min(takes, key=rank)
            present[room.key].append(household)
            result.append((household.key, room.key))
    return result


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Room], list[Household]]:
    rooms = []
    for number in range(draw(st.integers(1, 8))):
        beds = draw(st.integers(1, 4))
        sharing = draw(st.sampled_from(list(SharingRule)))
        residents: tuple[Household, ...] = ()
        occupied = draw(st.sampled_from(["empty", "family", "singles"]))
        if occupied == "family":
            residents = (Household(f"r{number}", draw(st.integers(1, beds)), 2),)
        elif occupied == "singles":
            residents = tuple(
                Household(f"r{number}-{n}", 1, 1, draw(st.sampled_from("MF")))
                for n in range(draw(st.integers(1, beds)))
            )
        rooms.append(Room(f"k{number}", beds, "", draw(st.integers(0, 1)), draw(st.booleans()), sharing, residents))
    households = [
        Household(
            f"h{number}",
            size,
            1 if size == 1 else draw(st.integers(1, 2)),
            draw(st.sampled_from(["M", "F", ""])) if size == 1 else "",
            draw(st.booleans()),
            draw(st.booleans()),
            draw(st.integers(0, 3)),
        )
        for number, size in enumerate(draw(st.lists(st.integers(1, 4), max_size=10)))
    ]
    return draw(st.permutations(rooms)), households


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_greedy_is_the_rule_written_out_room_by_room(case: tuple[list[Room], list[Household]]) -> None:
    rooms, households = case
    assert [(a.household, a.room) for a in greedy(rooms, households).assignments] == officer(rooms, households)
