"""Seeded synthetic placement instances for the benchmark and the tests.

The generator follows Ukrainian municipal reception: many single adults and small families (sizes 1-7
with weights 40/22/16/12/6/3/1 %), rooms of 1-6 beds (15/30/20/20/10/5 %), 10 % of rooms accessible,
35 % on the ground floor and 20 % shared by strangers (three in four for single adults of the same sex,
the rest for single adults of any sex). About 60 % of the rooms have residents: a shared room mostly
single adults of one kind, otherwise one household that fits. Waiting households need an accessible
room in 5 % and the ground floor in 8 % of cases; their priority is the weeks waited (0-26), plus 13 for
the 10 % that are vulnerable. Same seed, same instance.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from opvangregie.core.placement.model import Household, Room
from opvangregie.core.rooms import SharingRule

HOUSEHOLD_SIZES = ((1, 40), (2, 22), (3, 16), (4, 12), (5, 6), (6, 3), (7, 1))
ROOM_BEDS = ((1, 15), (2, 30), (3, 20), (4, 20), (5, 10), (6, 5))


@dataclass(frozen=True, slots=True)
class InstanceSpec:
    name: str
    locations: int
    rooms: int
    households: int
    seed: int = 2025
    occupied: float = 0.6


SPECS = {
    "region": InstanceSpec("region", locations=40, rooms=1_200, households=1_500),
    "national": InstanceSpec("national", locations=800, rooms=25_000, households=30_000),
}


def _pick(rng: random.Random, weighted: tuple[tuple[int, int], ...], at_most: float = math.inf) -> int:
    """One value drawn by its weight, among the values up to ``at_most``."""
    options = [(value, weight) for value, weight in weighted if value <= at_most]
    (value,) = rng.choices([value for value, _ in options], [weight for _, weight in options])
    return value


def household(rng: random.Random, key: str, *, size: int | None = None, sex: str | None = None) -> Household:
    """A synthetic household; a single adult gets a sex (60 % men), larger households one or two adults."""
    size = size or _pick(rng, HOUSEHOLD_SIZES)
    vulnerable = rng.random() < 0.10
    return Household(
        key=key,
        size=size,
        adults=1 if size == 1 else rng.choice((1, 2)),
        sex=(sex or ("M" if rng.random() < 0.6 else "F")) if size == 1 else "",
        needs_accessible=rng.random() < 0.05,
        needs_ground_floor=rng.random() < 0.08,
        priority=rng.randint(0, 26) + (13 if vulnerable else 0),
    )


def _residents(rng: random.Random, key: str, beds: int, sharing: SharingRule) -> tuple[Household, ...]:
    if sharing is not SharingRule.NONE and rng.random() < 0.8:
        sex = "M" if rng.random() < 0.6 else "F"
        return tuple(
            household(rng, f"{key}-{n}", size=1, sex=sex if sharing is SharingRule.SAME_SEX else None)
            for n in range(rng.randint(1, beds))
        )
    return (household(rng, f"{key}-1", size=_pick(rng, HOUSEHOLD_SIZES, at_most=beds)),)


def instance(spec: InstanceSpec) -> tuple[list[Room], list[Household]]:
    """Rooms with residents and waiting households for ``spec``."""
    rng = random.Random(spec.seed)
    rooms = []
    for number in range(spec.rooms):
        key = f"K{number:05d}"
        beds = _pick(rng, ROOM_BEDS)
        draw = rng.random()
        sharing = (
            SharingRule.NONE if draw >= 0.2 else (SharingRule.SAME_SEX if draw < 0.15 else SharingRule.SINGLE_ADULTS)
        )
        rooms.append(
            Room(
                key=key,
                beds=beds,
                location=f"L{number % spec.locations:03d}",
                floor=0 if rng.random() < 0.35 else rng.randint(1, 3),
                accessible=rng.random() < 0.10,
                sharing=sharing,
                residents=_residents(rng, key, beds, sharing) if rng.random() < spec.occupied else (),
            )
        )
    waiting = [household(rng, f"W{number:05d}") for number in range(spec.households)]
    return rooms, waiting
