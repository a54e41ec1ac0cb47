"""core.placement.reasons: why a household is not placed, from the most basic reason to the most specific."""

from __future__ import annotations

import time

import pytest

from opvangregie.core.placement.model import Assignment, Household, Room
from opvangregie.core.placement.reasons import proposal_of, unplaced_reason, unplaced_with_reasons
from opvangregie.core.rooms import SharingRule

SAME_SEX = SharingRule.SAME_SEX
NO_ROOM = "Er is geen kamer die past bij de behoefte"
GIVEN_AWAY = (
    "Er was een passende kamer vrij, maar het voorstel geeft die aan andere huishoudens "
    "(zo worden meer personen geplaatst, of zij wachten langer)."
)
OTHER_SEX = "Alleen bedden vrij in gedeelde kamers met bewoners van het andere geslacht."


def woman(key: str) -> Household:
    return Household(key, 1, 1, "F")


def man(key: str) -> Household:
    return Household(key, 1, 1, "M")


@pytest.mark.parametrize(
    ("accessible", "ground_floor", "words"),
    [
        (True, False, " (toegankelijke kamer)"),
        (False, True, " (kamer op de begane grond)"),
        (True, True, " op de begane grond en toegankelijk"),
        (False, False, ""),
    ],
)
def test_each_need_in_words(accessible: bool, ground_floor: bool, words: str) -> None:
    household = Household("h", 2, 2, needs_accessible=accessible, needs_ground_floor=ground_floor)
    upstairs = Room("upstairs", 2, floor=1)
    if accessible or ground_floor:
        assert unplaced_reason(household, [upstairs]) == f"{NO_ROOM}{words}."
    small = Room("small", 1, floor=0, accessible=True)
    assert unplaced_reason(household, [small]) == (
        f"Geen passende kamer{words} met 2 of meer bedden; de grootste heeft 1 bed."
    )
    taken = Room("taken", 2, floor=0, accessible=True, residents=(Household("other", 1),))
    assert unplaced_reason(household, [taken]) == (
        f"Alle kamers{words} met 2 of meer bedden worden bewoond door een ander huishouden en zijn niet bedoeld "
        "om te delen."
    )


def test_the_largest_suitable_room_is_named_and_a_room_of_exactly_the_size_is_large_enough() -> None:
    household = Household("h", 4, 2, needs_ground_floor=True)
    rooms = [Room("a", 2), Room("b", 3), Room("c", 6, floor=1)]
    assert unplaced_reason(household, rooms).endswith("de grootste heeft 3 bedden.")
    assert unplaced_reason(household, [*rooms, Room("d", 4)]) == GIVEN_AWAY
    assert "bewoond door een ander huishouden" in unplaced_reason(
        household, [*rooms, Room("d", 4, residents=(Household("x", 1),))]
    )


def test_other_sex_only_where_a_shared_room_of_the_other_sex_has_a_free_bed() -> None:
    one_free = Room("men", 3, sharing=SAME_SEX, residents=(man("m1"), man("m2")))
    assert unplaced_reason(woman("w"), [one_free]) == OTHER_SEX
    full = Room("men", 2, sharing=SAME_SEX, residents=(man("m1"), man("m2")))
    assert unplaced_reason(woman("w"), [full]) != OTHER_SEX
    family = Room("family", 4, sharing=SAME_SEX, residents=(Household("couple", 2, 2),))
    assert unplaced_reason(woman("w"), [family]) != OTHER_SEX
    not_shared = Room("family", 4, residents=(man("m1"),))
    assert unplaced_reason(woman("w"), [not_shared]) != OTHER_SEX
    assert unplaced_reason(Household("couple", 2, 2), [one_free]) != OTHER_SEX  # only single adults share


def test_when_every_large_room_is_taken_the_reason_says_why_it_may_not_be_shared() -> None:
    taken = "Alle kamers met 1 of meer bedden"
    women = Room("women", 2, sharing=SAME_SEX, residents=(woman("w1"), woman("w2")))
    assert unplaced_reason(woman("w"), [women]) == f"{taken} zijn bewoond en de gedeelde kamers daarvan zijn vol."
    family = Room("family", 4, sharing=SAME_SEX, residents=(Household("couple", 2, 2),))
    assert unplaced_reason(woman("w"), [women, family]) == (
        f"{taken} worden bewoond door huishoudens met wie deze persoon geen kamer mag delen."
    )
    assert unplaced_reason(Household("couple", 2, 2), [Room("r", 3, sharing=SAME_SEX, residents=(woman("w1"),))]) == (
        "Alle kamers met 2 of meer bedden zijn bewoond; een gedeelde kamer is alleen voor alleenstaande volwassenen."
    )
    one_bed_left = Room("r", 3, sharing=SAME_SEX, residents=(Household("couple", 2, 2),))  # not full: a family
    assert unplaced_reason(woman("w"), [one_bed_left]) == (
        f"{taken} worden bewoond door huishoudens met wie deze persoon geen kamer mag delen."
    )
    assert unplaced_reason(woman("w"), [Room("r", 3, residents=(woman("w1"),))]) == (
        f"{taken} worden bewoond door een ander huishouden en zijn niet bedoeld om te delen."
    )


def test_rooms_alike_are_asked_once_but_the_ground_floor_tells_them_apart() -> None:
    household = Household("h", 2, 2, needs_ground_floor=True)
    (reason,) = unplaced_with_reasons([Room("a", 2, floor=0), Room("b", 2, floor=2)], [household])
    assert reason.reason == GIVEN_AWAY
    (reason,) = unplaced_with_reasons([Room("b", 2, floor=2), Room("a", 2, floor=0)], [household])
    assert reason.reason == GIVEN_AWAY


def test_the_proposal_totals_and_its_time() -> None:
    rooms = [Room("r", 3)]
    households = [Household("a", 3, 2, priority=4), Household("b", 2, 2, priority=7), Household("c", 1, priority=2)]
    before = time.perf_counter()
    proposal = proposal_of("test", rooms, households, [Assignment("a", "r")], optimal=True, started=before - 2)
    after = time.perf_counter()
    assert (proposal.method, proposal.optimal, proposal.persons_placed, proposal.households_placed) == (
        "test",
        True,
        3,
        1,
    )
    assert proposal.priority == 4
    assert [item.household for item in proposal.unplaced] == ["b", "c"]
    assert 2 <= proposal.seconds <= after - before + 2
