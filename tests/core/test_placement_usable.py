"""core.placement.usable: usable places room by room (one family per room; single adults where sharing allows)."""

from __future__ import annotations

import pytest

from opvangregie.core.placement.model import Household, Room
from opvangregie.core.placement.usable import FAMILY_SIZES, UsablePlaces, usable_places
from opvangregie.core.rooms import SharingRule


def woman(key: str) -> Household:
    return Household(key, 1, 1, "F")


@pytest.mark.parametrize(
    ("beds", "families"),
    [(1, (0, 0, 0, 0)), (2, (1, 0, 0, 0)), (3, (1, 1, 0, 0)), (4, (1, 1, 1, 0)), (5, (1, 1, 1, 1)), (6, (1, 1, 1, 1))],
)
def test_an_empty_room_takes_one_family_of_up_to_its_beds(beds: int, families: tuple[int, ...]) -> None:
    """Families of 2, 3, 4 and 5 or more (the last column counts rooms of 5 beds or more)."""
    assert FAMILY_SIZES == (2, 3, 4, 5)
    usable = usable_places([Room("r", beds)])
    assert usable.families == families
    assert (usable.rooms, usable.empty_rooms, usable.single_men, usable.single_women) == (1, 1, 1, 1)
    assert (usable.beds, usable.persons, usable.free_beds, usable.usable_beds, usable.unusable_beds) == (
        beds,
        0,
        beds,
        beds,
        0,
    )


@pytest.mark.parametrize(
    ("room", "men", "women", "unusable"),
    [
        (Room("family", 5, residents=(Household("couple", 2, 2),)), 0, 0, 3),
        (Room("full", 2, residents=(Household("couple", 2, 2),)), 0, 0, 0),
        (Room("women", 4, sharing=SharingRule.SAME_SEX, residents=(woman("w1"),)), 0, 3, 0),
        (Room("anyone", 4, sharing=SharingRule.SINGLE_ADULTS, residents=(woman("w1"),)), 3, 3, 0),
        (Room("single", 3, residents=(woman("w1"),)), 0, 0, 2),
        (Room("empty shared", 3, sharing=SharingRule.SAME_SEX), 3, 3, 0),
        (Room("empty single adults", 2, sharing=SharingRule.SINGLE_ADULTS), 2, 2, 0),
    ],
)
def test_single_adults_and_the_free_beds_nobody_new_can_use(room: Room, men: int, women: int, unusable: int) -> None:
    usable = usable_places([room])
    assert (usable.single_men, usable.single_women, usable.unusable_beds) == (men, women, unusable)
    assert usable.rooms == 1
    assert usable.empty_rooms == int(not room.residents)
    assert usable.usable_beds == room.free_beds - unusable
    if room.residents:
        assert usable.families == (0, 0, 0, 0)


def test_reports_add_up_field_by_field() -> None:
    one = UsablePlaces(10, 4, 3, 1, 2, 5, (1, 1, 0, 0), 3)
    other = UsablePlaces(6, 1, 2, 2, 0, 1, (2, 1, 1, 1), 0)
    assert one + other == UsablePlaces(16, 5, 5, 3, 2, 6, (3, 2, 1, 1), 3)
    assert (one + other).free_beds == 11
    assert (one + other).usable_beds == 8
    with pytest.raises(ValueError, match="zip"):  # counts of different family sizes never add up
        UsablePlaces(families=(1, 1, 1)) + UsablePlaces()


def test_no_rooms_is_nothing_at_all() -> None:
    nothing = UsablePlaces()
    assert usable_places([]) == nothing
    assert (nothing.beds, nothing.persons, nothing.rooms, nothing.empty_rooms) == (0, 0, 0, 0)
    assert (nothing.single_men, nothing.single_women, nothing.unusable_beds) == (0, 0, 0)
    assert nothing.families == (0,) * len(FAMILY_SIZES)


def test_unusable_beds_add_up_over_locations() -> None:
    family_room = Room("a", 4, residents=(Household("x", 2, 2),))  # 2 free beds no one else may use
    other = Room("b", 3, residents=(Household("y", 1, 1, "F"),))  # 2 more
    assert (usable_places([family_room]) + usable_places([other])).unusable_beds == 4
    assert usable_places([family_room, other]).unusable_beds == 4


def test_a_shared_room_of_men_with_a_free_bed_is_usable_for_a_man_only() -> None:
    men = Room("m", 3, sharing=SharingRule.SAME_SEX, residents=(Household("m1", 1, 1, "M"),))
    report = usable_places([men])
    assert (report.single_men, report.single_women, report.unusable_beds, report.usable_beds) == (2, 0, 0, 2)
