"""Usable places: how many households of each size can still be placed, beyond nominal places and free beds.

A family takes a whole room (EUAA: one family per bedroom), so a free bed in an occupied room is no
place for a new family. Single adults may fill free beds only in rooms whose sharing rule admits them
(core.rooms). The counts are per household size for households without special needs, each count on its
own (a room counted for a family of 3 is also counted for a family of 2); rooms are independent, so
counts of locations add up to those of a municipality or region.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from opvangregie.core.placement.model import Household, Room

FAMILY_SIZES = (2, 3, 4, 5)  # 5 stands for 5 or more


@dataclass(frozen=True, slots=True)
class UsablePlaces:
    """Beds and rooms of a location (or more), with the households that can still be placed now."""

    beds: int = 0
    persons: int = 0
    rooms: int = 0
    empty_rooms: int = 0
    single_men: int = 0
    single_women: int = 0
    families: tuple[int, ...] = field(default=(0,) * len(FAMILY_SIZES))
    unusable_beds: int = 0  # free beds in occupied rooms that no new household may use

    @property
    def free_beds(self) -> int:
        return self.beds - self.persons

    @property
    def usable_beds(self) -> int:
        """ "Bruikbare vrije plekken": free beds a new household or single adult may take (in empty rooms, or in
        occupied rooms whose sharing rule admits single adults)."""
        return self.free_beds - self.unusable_beds

    def __add__(self, other: UsablePlaces) -> UsablePlaces:
        return UsablePlaces(
            beds=self.beds + other.beds,
            persons=self.persons + other.persons,
            rooms=self.rooms + other.rooms,
            empty_rooms=self.empty_rooms + other.empty_rooms,
            single_men=self.single_men + other.single_men,
            single_women=self.single_women + other.single_women,
            families=tuple(a + b for a, b in zip(self.families, other.families, strict=True)),
            unusable_beds=self.unusable_beds + other.unusable_beds,
        )


def _singles(room: Room, sex: str) -> int:
    """How many single adults of ``sex`` the room still takes."""
    single = Household("", 1, 1, sex)
    if room.refusal(single) is not None:
        return 0
    if room.share_kind(single) is None:
        return 1
    return room.free_beds


def usable_beds(room: Room) -> int:
    """ "Bruikbare vrije plekken" of one room: all its free beds when it is empty or its sharing rule admits a
    single adult of either sex, none when it is occupied by those it may not be shared with."""
    if not room.residents:
        return room.free_beds
    return _usable(room, _singles(room, "M"), _singles(room, "F"))


def _usable(room: Room, men: int, women: int) -> int:
    """:func:`usable_beds` with the single adults the room takes already known."""
    return room.free_beds if not room.residents or men or women else 0


def usable_places(rooms: Iterable[Room]) -> UsablePlaces:
    """The usable-places report for ``rooms`` (see the module docstring), summed room by room."""
    beds = persons = count = empty_rooms = single_men = single_women = unusable_beds = 0
    families = [0] * len(FAMILY_SIZES)
    for room in rooms:
        free = room.free_beds
        men, women = _singles(room, "M"), _singles(room, "F")
        beds += room.beds
        persons += room.beds - free
        count += 1
        single_men += men
        single_women += women
        unusable_beds += free - _usable(room, men, women)
        if not room.residents:
            empty_rooms += 1
            for index, size in enumerate(FAMILY_SIZES):
                families[index] += room.beds >= size
    return UsablePlaces(
        beds=beds,
        persons=persons,
        rooms=count,
        empty_rooms=empty_rooms,
        single_men=single_men,
        single_women=single_women,
        families=tuple(families),
        unusable_beds=unusable_beds,
    )
