"""core.placement.synthetic: the generator draws what its docstring says, threshold by threshold."""

from __future__ import annotations

import types
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest

from opvangregie.core.placement import synthetic
from opvangregie.core.placement.model import Household, Room
from opvangregie.core.placement.synthetic import SPECS, InstanceSpec, _residents, household, instance
from opvangregie.core.rooms import SharingRule, placement_refusal

SIZES = [(1, 40), (2, 22), (3, 16), (4, 12), (5, 6), (6, 3), (7, 1)]
BEDS = [(1, 15), (2, 30), (3, 20), (4, 20), (5, 10), (6, 5)]


class Draws:
    """Stands in for random.Random: every ``random()`` is ``value``; ``randint``, ``choice`` and ``choices``
    give their first option (or with ``last`` their last) and note what they were asked."""

    def __init__(self, value: float, *, last: bool = False) -> None:
        self.value, self.last = value, last
        self.ranges: list[tuple[int, int]] = []
        self.options: list[tuple[Any, ...]] = []
        self.weighted: list[list[tuple[int, int]]] = []

    def random(self) -> float:
        return self.value

    def randint(self, low: int, high: int) -> int:
        self.ranges.append((low, high))
        return high if self.last else low

    def choice(self, options: Sequence[Any]) -> Any:
        self.options.append(tuple(options))
        return options[-1] if self.last else options[0]

    def choices(self, population: Sequence[int], weights: Sequence[int]) -> list[int]:
        self.weighted.append(list(zip(population, weights, strict=True)))
        return [population[-1] if self.last else population[0]]


def drawn(value: float, **extra: Any) -> tuple[Household, Draws]:
    draws = Draws(value, last=extra.pop("last", False))
    return household(draws, "h", **extra), draws  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "vulnerable", "sex", "accessible", "ground_floor"),
    [
        (0.0, True, "M", True, True),
        (0.0499, True, "M", True, True),
        (0.05, True, "M", False, True),  # needs an accessible room: 5 %
        (0.0799, True, "M", False, True),
        (0.08, True, "M", False, False),  # needs the ground floor: 8 %
        (0.0999, True, "M", False, False),
        (0.1, False, "M", False, False),  # vulnerable: 10 %
        (0.5999, False, "M", False, False),
        (0.6, False, "F", False, False),  # a single adult is a man in 60 %
        (0.9999, False, "F", False, False),
    ],
)
def test_a_waiting_household_threshold_by_threshold(
    value: float, vulnerable: bool, sex: str, accessible: bool, ground_floor: bool
) -> None:
    single, draws = drawn(value)
    assert draws.weighted == [SIZES]
    assert (single.key, single.size, single.adults, single.sex) == ("h", 1, 1, sex)
    assert (single.needs_accessible, single.needs_ground_floor) == (accessible, ground_floor)
    assert single.priority == (13 if vulnerable else 0)  # weeks waited: the lowest draw, 0
    assert draws.ranges == [(0, 26)]
    longest, _ = drawn(value, last=True)
    assert longest.size == 7
    assert longest.priority == 26 + (13 if vulnerable else 0)


def test_adults_and_sex_by_size() -> None:
    single, draws = drawn(0.5, size=1, last=True)
    assert (single.size, single.adults, single.sex, draws.options, draws.weighted) == (1, 1, "M", [], [])
    for last, adults in ((False, 1), (True, 2)):
        family, draws = drawn(0.0, size=3, last=last)
        assert (family.size, family.adults, family.sex) == (3, adults, "")
        assert draws.options == [(1, 2)]
    chosen, _ = drawn(0.0, size=1, sex="F")
    assert chosen.sex == "F"


def seeded(draws: Draws, spec: InstanceSpec) -> tuple[list[Room], list[Household]]:
    """``instance(spec)`` with ``draws`` for the generator seeded with the spec's seed."""
    seeds: list[int] = []

    def seeded_with(seed: int) -> Draws:
        seeds.append(seed)
        return draws

    patch = pytest.MonkeyPatch()
    patch.setattr(synthetic, "random", types.SimpleNamespace(Random=seeded_with))
    try:
        made = instance(spec)
    finally:
        patch.undo()
    assert seeds == [spec.seed]
    return made


def one_room(value: float, *, occupied: float = 0.6) -> tuple[Room, Draws]:
    draws = Draws(value, last=True)
    rooms, waiting = seeded(draws, InstanceSpec("t", locations=1, rooms=1, households=1, occupied=occupied))
    assert [(h.key, h.size) for h in waiting] == [("W00000", 7)]
    return rooms[0], draws


@pytest.mark.parametrize(
    ("value", "sharing", "floor", "accessible", "residents"),
    [
        (0.0, SharingRule.SAME_SEX, 0, True, "6 single men"),
        (0.0999, SharingRule.SAME_SEX, 0, True, "6 single men"),
        (0.1, SharingRule.SAME_SEX, 0, False, "6 single men"),  # accessible: 10 %
        (0.1499, SharingRule.SAME_SEX, 0, False, "6 single men"),
        (0.15, SharingRule.SINGLE_ADULTS, 0, False, "6 single men"),  # same sex 15 %, any sex 5 %
        (0.1999, SharingRule.SINGLE_ADULTS, 0, False, "6 single men"),
        (0.2, SharingRule.NONE, 0, False, "a household of 6"),
        (0.3499, SharingRule.NONE, 0, False, "a household of 6"),
        (0.35, SharingRule.NONE, 3, False, "a household of 6"),  # ground floor: 35 %, else floors 1-3
        (0.5999, SharingRule.NONE, 3, False, "a household of 6"),
        (0.6, SharingRule.NONE, 3, False, "nobody"),  # occupied: 60 %
    ],
)
def test_a_room_threshold_by_threshold(
    value: float, sharing: SharingRule, floor: int, accessible: bool, residents: str
) -> None:
    room, draws = one_room(value)
    assert (room.key, room.location, room.beds) == ("K00000", "L000", 6)
    assert (room.sharing, room.floor, room.accessible) == (sharing, floor, accessible)
    assert draws.weighted[0] == BEDS
    if floor:
        assert (1, 3) in draws.ranges
    if residents == "6 single men":
        assert [(r.key, r.size, r.sex) for r in room.residents] == [(f"K00000-{n}", 1, "M") for n in range(6)]
        assert (1, 6) in draws.ranges
    elif residents == "a household of 6":
        assert [(r.key, r.size) for r in room.residents] == [("K00000-1", 6)]
        assert draws.weighted[1] == SIZES[:6]  # a household that fits the room
    else:
        assert room.residents == ()


def test_the_share_of_occupied_rooms_is_the_spec_s() -> None:
    assert not one_room(0.65)[0].residents
    assert one_room(0.65, occupied=0.7)[0].residents
    assert not one_room(0.7, occupied=0.7)[0].residents


@pytest.mark.parametrize(
    ("value", "sharing", "last", "expected"),
    [
        (0.7999, SharingRule.SAME_SEX, True, [(1, "F")] * 3),  # single adults in 80 % of shared rooms
        (0.7999, SharingRule.SAME_SEX, False, [(1, "F")]),
        (0.5999, SharingRule.SINGLE_ADULTS, True, [(1, "M")] * 3),
        (0.6, SharingRule.SAME_SEX, True, [(1, "F")] * 3),  # a shared room of men in 60 %
        (0.8, SharingRule.SAME_SEX, True, [(3, "")]),
        (0.0, SharingRule.NONE, True, [(3, "")]),
    ],
)
def test_residents_of_a_room_of_three(value: float, sharing: SharingRule, last: bool, expected: list[object]) -> None:
    draws = Draws(value, last=last)
    residents = _residents(draws, SPECS["region"], "K", 3, sharing)  # type: ignore[arg-type]
    assert [(r.size, r.sex) for r in residents] == expected
    if expected[0] == (3, ""):
        assert draws.weighted == [SIZES[:3]]
    else:
        assert draws.ranges[0] == (1, 3)


def test_the_instances_of_the_benchmark() -> None:
    """ADR 0005: a region of 1,200 rooms and 1,500 households, the country of 25,000 and 30,000 (and the scarce and
    consolidation instances of issue 20, tested in test_placement_instances)."""
    assert set(SPECS) == {"region", "national", "scarce", "consolidation"}
    assert SPECS["region"] == InstanceSpec(
        "region", locations=40, rooms=1_200, households=1_500, seed=2025, occupied=0.6
    )
    assert SPECS["national"] == InstanceSpec(
        "national", locations=800, rooms=25_000, households=30_000, seed=2025, occupied=0.6
    )
    rooms, _ = seeded(Draws(0.9), InstanceSpec("t", locations=3, rooms=5, households=0, seed=7))
    assert [room.location for room in rooms] == ["L000", "L001", "L002", "L000", "L001"]


def test_the_national_instance_in_numbers() -> None:
    """The seeded country: shares within a point or two of the docstring's, and every room keeps its rules."""
    rooms, waiting = instance(SPECS["national"])

    def share(items: list[Any], test: Any) -> float:
        return 100 * sum(1 for item in items if test(item)) / len(items)

    sizes = Counter(h.size for h in waiting)
    assert sorted(sizes) == [1, 2, 3, 4, 5, 6, 7]
    assert all(abs(100 * sizes[size] / len(waiting) - weight) < 1 for size, weight in SIZES)
    beds = Counter(room.beds for room in rooms)
    assert all(abs(100 * beds[bed] / len(rooms) - weight) < 1 for bed, weight in BEDS)
    assert abs(share(waiting, lambda h: h.needs_accessible) - 5) < 0.5
    assert abs(share(waiting, lambda h: h.needs_ground_floor) - 8) < 0.5
    assert abs(share([h for h in waiting if h.size == 1], lambda h: h.sex == "M") - 60) < 1.5
    assert abs(share(rooms, lambda r: r.accessible) - 10) < 1
    assert abs(share(rooms, lambda r: r.floor == 0) - 35) < 1.5
    assert abs(share(rooms, lambda r: bool(r.residents)) - 60) < 1.5
    assert abs(share(rooms, lambda r: r.sharing is SharingRule.SAME_SEX) - 15) < 1
    assert abs(share(rooms, lambda r: r.sharing is SharingRule.SINGLE_ADULTS) - 5) < 1
    assert {h.priority for h in waiting} == set(range(40))  # 0-26 weeks, +13 for the vulnerable
    for room in rooms:
        present: list[Any] = []
        for resident in room.residents:
            occupant = resident.occupant
            assert placement_refusal(beds=room.beds, sharing=room.sharing, current=present, newcomer=occupant) is None
            present.append(occupant)
    mixed = [r for r in rooms if r.sharing is SharingRule.SINGLE_ADULTS and len({x.sex for x in r.residents}) == 2]
    assert mixed  # rooms for single adults of any sex do hold men and women together
