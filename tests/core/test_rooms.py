"""Room rules (core.rooms): beds, one household per room, sharing only where the room allows it."""

from __future__ import annotations

import pytest

from opvangregie.core.rooms import Occupant, SharingRule, placement_refusal, share_kind

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


def test_beds_are_the_limit_exactly() -> None:
    """Two beds used of four: a household of two fits, one of three does not."""
    two = Occupant(2, 2, frozenset("FM"))
    assert placement_refusal(beds=4, sharing=SharingRule.SINGLE_ADULTS, current=[], newcomer=two) is None
    assert placement_refusal(beds=2, sharing=SharingRule.NONE, current=[], newcomer=two) is None
    assert placement_refusal(beds=4, sharing=SAME_SEX, current=[SINGLE_WOMAN, SINGLE_WOMAN], newcomer=two) == (
        "Een gedeelde kamer is alleen voor alleenstaande volwassenen."
    )
    assert (
        placement_refusal(beds=3, sharing=SAME_SEX, current=[SINGLE_WOMAN, SINGLE_WOMAN], newcomer=SINGLE_WOMAN) is None
    )
    assert placement_refusal(beds=2, sharing=SAME_SEX, current=[SINGLE_WOMAN, SINGLE_WOMAN], newcomer=SINGLE_WOMAN) == (
        "De kamer heeft 2 bedden; 2 in gebruik, het huishouden telt 1 persoon."
    )
    assert placement_refusal(beds=1, sharing=SharingRule.NONE, current=[], newcomer=two) == (
        "De kamer heeft 1 bed; 0 in gebruik, het huishouden telt 2 personen."
    )


def test_a_single_adult_is_one_person_who_is_an_adult() -> None:
    assert SINGLE_WOMAN.is_single_adult
    assert not Occupant(1, 0, frozenset("F")).is_single_adult  # a child alone
    assert not Occupant(2, 1, frozenset("F")).is_single_adult  # a mother with a child
    assert not Occupant(2, 2, frozenset("F")).is_single_adult  # a couple


@pytest.mark.parametrize(
    ("sharing", "occupant", "kind"),
    [
        (SharingRule.NONE, SINGLE_WOMAN, None),
        (SharingRule.SINGLE_ADULTS, SINGLE_WOMAN, "*"),
        (SharingRule.SINGLE_ADULTS, Occupant(1, 1), "*"),
        (SharingRule.SINGLE_ADULTS, FAMILY, None),
        (SharingRule.SAME_SEX, SINGLE_WOMAN, "F"),
        (SharingRule.SAME_SEX, SINGLE_MAN, "M"),
        (SharingRule.SAME_SEX, Occupant(1, 1), None),  # sex not recorded
        (SharingRule.SAME_SEX, Occupant(1, 1, frozenset({"", "X"})), "X"),
        (SharingRule.SAME_SEX, Occupant(1, 1, frozenset({"F", "M"})), None),
        (SharingRule.SAME_SEX, FAMILY, None),
    ],
)
def test_share_kind(sharing: SharingRule, occupant: Occupant, kind: str | None) -> None:
    assert share_kind(sharing, occupant) == kind


def test_the_refusals_written_out() -> None:
    assert placement_refusal(beds=4, sharing=SharingRule.NONE, current=[SINGLE_MAN], newcomer=SINGLE_MAN) == (
        "In deze kamer woont al een ander huishouden; de kamer is niet bedoeld om te delen."
    )
    assert placement_refusal(beds=4, sharing=SAME_SEX, current=[SINGLE_MAN, SINGLE_WOMAN], newcomer=SINGLE_MAN) == (
        "Een gedeelde kamer is alleen voor volwassenen van hetzelfde geslacht."
    )
    assert placement_refusal(beds=4, sharing=SAME_SEX, current=[SINGLE_MAN], newcomer=SINGLE_MAN) is None
