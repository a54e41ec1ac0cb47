"""Who may be placed in a room: beds, family unity and the rule for sharing with strangers.

- EASO/EUAA guidance on reception conditions, housing standard: "a maximum of one family is allocated
  per bedroom".
- RooO art. 9(2): family unity is protected, so a household is never split over rooms here.
- Strangers share a room only where the room is meant for it; the default sharing rule admits single
  adults of the same sex.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Occupant:
    """A household as the room rules see it: its size, adults and the sexes of its members."""

    size: int
    adults: int
    sexes: frozenset[str] = frozenset()

    @property
    def is_single_adult(self) -> bool:
        return self.size == 1 and self.adults == 1


def placement_refusal(
    *, beds: int, strangers_may_share: bool, current: Sequence[Occupant], newcomer: Occupant
) -> str | None:
    """Why ``newcomer`` may not join a room with ``beds`` beds and the ``current`` households, or None if it may."""
    used = sum(occupant.size for occupant in current)
    if used + newcomer.size > beds:
        return f"De kamer heeft {beds} bedden; {used} in gebruik, het huishouden telt {newcomer.size} personen."
    if not current:
        return None
    if not strangers_may_share:
        return "In deze kamer woont al een ander huishouden; de kamer is niet bedoeld om te delen."
    everyone = [*current, newcomer]
    if not all(occupant.is_single_adult for occupant in everyone):
        return "Een gedeelde kamer is alleen voor alleenstaande volwassenen."
    sexes = set().union(*(occupant.sexes for occupant in everyone))
    if len(sexes) != 1 or "" in sexes:
        return "Een gedeelde kamer is alleen voor volwassenen van hetzelfde geslacht."
    return None
