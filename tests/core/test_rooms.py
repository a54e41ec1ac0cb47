"""Room rules (core.rooms): beds, one household per room, sharing only where the room allows it."""

from __future__ import annotations

from opvangregie.core.rooms import Occupant, SharingRule, placement_refusal

SAME_SEX = SharingRule.SAME_SEX
SINGLE_WOMAN = Occupant(1, 1, frozenset("F"))
SINGLE_MAN = Occupant(1, 1, frozenset("M"))
FAMILY = Occupant(3, 1, frozenset("FM"))


def test_an_empty_room_takes_a_household_that_fits() -> None:
    assert placement_refusal(beds=3, sharing=SharingRule.NONE, current=[], newcomer=FAMILY) is None
    assert "3 personen" in str(placement_refusal(beds=2, sharing=SharingRule.NONE, current=[], newcomer=FAMILY))


def test_no_strangers_in_a_family_room() -> None:
    refusal = placement_refusal(beds=4, sharing=SharingRule.NONE, current=[SINGLE_WOMAN], newcomer=SINGLE_WOMAN)
    assert refusal is not None
    assert "niet bedoeld om te delen" in refusal


def test_shared_rooms_are_for_single_adults_of_the_same_sex() -> None:
    assert placement_refusal(beds=4, sharing=SAME_SEX, current=[SINGLE_WOMAN], newcomer=SINGLE_WOMAN) is None
    assert "hetzelfde geslacht" in str(
        placement_refusal(beds=4, sharing=SAME_SEX, current=[SINGLE_WOMAN], newcomer=SINGLE_MAN)
    )
    assert "alleenstaande" in str(placement_refusal(beds=6, sharing=SAME_SEX, current=[SINGLE_WOMAN], newcomer=FAMILY))
    unknown = Occupant(1, 1, frozenset({""}))
    assert placement_refusal(beds=4, sharing=SAME_SEX, current=[unknown], newcomer=unknown) is not None


def test_rooms_for_single_adults_take_either_sex_but_no_families() -> None:
    rule = SharingRule.SINGLE_ADULTS
    assert placement_refusal(beds=3, sharing=rule, current=[SINGLE_WOMAN], newcomer=SINGLE_MAN) is None
    assert "alleenstaande" in str(placement_refusal(beds=6, sharing=rule, current=[SINGLE_MAN], newcomer=FAMILY))
    assert placement_refusal(beds=3, sharing=rule, current=[], newcomer=FAMILY) is None
