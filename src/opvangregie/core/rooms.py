"""Who may be placed in a room: beds, family unity and the rule for sharing with strangers.

- EASO/EUAA guidance on reception conditions, housing standard: "a maximum of one family is allocated
  per bedroom".
- RooO art. 9(2): family unity is protected, so a household is never split over rooms here.
- Strangers share a room only where the room is meant for it, under the room's sharing rule: single
  adults of the same sex, or single adults regardless of sex (e.g. a flat with lockable bedrooms let as
  one unit). An empty shared room may still take one household of any composition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class SharingRule(StrEnum):
    """Whether strangers may share a room, and who."""

    NONE = "none"
    SAME_SEX = "same_sex"
    SINGLE_ADULTS = "single_adults"


ANY_SEX = "*"


@dataclass(frozen=True, slots=True)
class Occupant:
    """A household as the room rules see it: its size, adults and the sexes of its members."""

    size: int
    adults: int
    sexes: frozenset[str] = frozenset()

    @property
    def is_single_adult(self) -> bool:
        return self.size == 1 and self.adults == 1


def beds_text(count: int) -> str:
    """ "1 bed", "2 bedden"."""
    return f"{count} bed" if count == 1 else f"{count} bedden"


def persons_text(count: int) -> str:
    """ "1 persoon", "2 personen"."""
    return f"{count} persoon" if count == 1 else f"{count} personen"


def share_kind(sharing: SharingRule, occupant: Occupant) -> str | None:
    """The kind of shared room ``occupant`` may join under ``sharing``: its sex, ``*`` (any), or None (none)."""
    if sharing is SharingRule.NONE or not occupant.is_single_adult:
        return None
    if sharing is SharingRule.SINGLE_ADULTS:
        return ANY_SEX
    sexes = occupant.sexes - {""}
    return next(iter(sexes)) if len(sexes) == 1 else None


def placement_refusal(
    *, beds: int, sharing: SharingRule, current: Sequence[Occupant], newcomer: Occupant
) -> str | None:
    """Why ``newcomer`` may not join a room with ``beds`` beds and the ``current`` households, or None if it may."""
    used = sum(occupant.size for occupant in current)
    if used + newcomer.size > beds:
        return (
            f"De kamer heeft {beds_text(beds)}; {used} in gebruik, het huishouden telt {persons_text(newcomer.size)}."
        )
    if not current:
        return None
    if sharing is SharingRule.NONE:
        return "In deze kamer woont al een ander huishouden; de kamer is niet bedoeld om te delen."
    everyone = [*current, newcomer]
    if not all(occupant.is_single_adult for occupant in everyone):
        return "Een gedeelde kamer is alleen voor alleenstaande volwassenen."
    kinds = {share_kind(sharing, occupant) for occupant in everyone}
    if None in kinds or len(kinds) != 1:
        return "Een gedeelde kamer is alleen voor volwassenen van hetzelfde geslacht."
    return None
