"""Seeded synthetic placement instances for the benchmark and the tests.

The default shape follows Ukrainian municipal reception: many single adults and small families (sizes
1-7 with weights 40/22/16/12/6/3/1 %), rooms of 1-6 beds (15/30/20/20/10/5 %), 10 % of rooms
accessible, 35 % on the ground floor and 20 % shared by strangers (three in four for single adults of
the same sex, the rest for single adults of any sex). About 60 % of the rooms have residents: a shared
room mostly single adults of one kind, otherwise one household that fits. Waiting households need an
accessible room in 5 % and the ground floor in 8 % of cases; their priority is the weeks waited (0-26),
plus 13 for the 10 % that are vulnerable. ``region`` and ``national`` have this shape.

``scarce`` has the shape of a municipality's own locations, where rooms are scarce and do not match
the households: 6 locations, 300 rooms, two in three of 2-3 beds (beds 1-5 and 8: 3/47/21/10/10/9 %),
half shared by single adults of the same sex and a tenth by single adults of any sex, 3 % accessible and
15 % on the ground floor, 40 % with residents; 600 waiting households, 43 % single adults and 44 %
families of 4-6 (sizes 1-6: 43/7/6/18/12/14 %), 5 % needing an accessible room and 10 % the ground floor.
The greedy rule gives the dormitories and shared rooms to families, which the optimum keeps for single
adults who fill every bed.

``consolidation`` is national: 800 locations, 25,000 rooms of 2-6 beds, nine in ten with residents but
thinly (a shared room at most half full; otherwise a single adult, a couple or a family of three), and
6,000 waiting households, mostly families of 3-6 that fit only in rooms that moves of residents free.

Same spec and seed, same instance.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from opvangregie.core.placement.model import Household, Room
from opvangregie.core.rooms import SharingRule

Weights = tuple[tuple[int, int], ...]  # (value, weight) pairs

HOUSEHOLD_SIZES: Weights = ((1, 40), (2, 22), (3, 16), (4, 12), (5, 6), (6, 3), (7, 1))
ROOM_BEDS: Weights = ((1, 15), (2, 30), (3, 20), (4, 20), (5, 10), (6, 5))


@dataclass(frozen=True, slots=True)
class InstanceSpec:
    """The size and shape of a synthetic instance; shares are fractions of rooms or of households."""

    name: str
    locations: int
    rooms: int
    households: int
    seed: int = 2025
    occupied: float = 0.6
    household_sizes: Weights = HOUSEHOLD_SIZES  # waiting households
    resident_sizes: Weights = HOUSEHOLD_SIZES  # a resident household alone in its room (at most its beds)
    room_beds: Weights = ROOM_BEDS
    same_sex_rooms: float = 0.15
    mixed_rooms: float = 0.05  # shared by single adults of any sex
    accessible: float = 0.10
    ground_floor: float = 0.35
    needs_accessible: float = 0.05
    needs_ground_floor: float = 0.08
    shared_fill: float = 1.0  # a shared room with residents has 1 to this share of its beds taken


SPECS = {
    "region": InstanceSpec("region", locations=40, rooms=1_200, households=1_500),
    "national": InstanceSpec("national", locations=800, rooms=25_000, households=30_000),
    "scarce": InstanceSpec(
        "scarce",
        locations=6,
        rooms=300,
        households=600,
        occupied=0.4,
        household_sizes=((1, 43), (2, 7), (3, 6), (4, 18), (5, 12), (6, 14)),
        room_beds=((1, 3), (2, 47), (3, 21), (4, 10), (5, 10), (8, 9)),
        same_sex_rooms=0.50,
        mixed_rooms=0.10,
        accessible=0.03,
        ground_floor=0.15,
        needs_accessible=0.05,
        needs_ground_floor=0.10,
    ),
    "consolidation": InstanceSpec(
        "consolidation",
        locations=800,
        rooms=25_000,
        households=6_000,
        occupied=0.9,
        household_sizes=((1, 20), (3, 20), (4, 30), (5, 20), (6, 10)),
        resident_sizes=((1, 50), (2, 40), (3, 10)),
        room_beds=((2, 20), (3, 25), (4, 30), (5, 15), (6, 10)),
        same_sex_rooms=0.30,
        mixed_rooms=0.05,
        shared_fill=0.5,
    ),
}


def _pick(rng: random.Random, weighted: Weights, at_most: float = math.inf) -> int:
    """One value drawn by its weight, among the values up to ``at_most``."""
    options = [(value, weight) for value, weight in weighted if value <= at_most]
    (value,) = rng.choices([value for value, _ in options], [weight for _, weight in options])
    return value


def household(
    rng: random.Random,
    key: str,
    *,
    size: int | None = None,
    sex: str | None = None,
    sizes: Weights = HOUSEHOLD_SIZES,
    needs_accessible: float = 0.05,
    needs_ground_floor: float = 0.08,
) -> Household:
    """A synthetic household; a single adult gets a sex (60 % men), larger households one or two adults."""
    size = size or _pick(rng, sizes)
    vulnerable = rng.random() < 0.10
    return Household(
        key=key,
        size=size,
        adults=1 if size == 1 else rng.choice((1, 2)),
        sex=(sex or ("M" if rng.random() < 0.6 else "F")) if size == 1 else "",
        needs_accessible=rng.random() < needs_accessible,
        needs_ground_floor=rng.random() < needs_ground_floor,
        priority=rng.randint(0, 26) + (13 if vulnerable else 0),
    )


def _residents(
    rng: random.Random, spec: InstanceSpec, key: str, beds: int, sharing: SharingRule
) -> tuple[Household, ...]:
    if sharing is not SharingRule.NONE and rng.random() < 0.8:
        sex = "M" if rng.random() < 0.6 else "F"
        return tuple(
            household(rng, f"{key}-{n}", size=1, sex=sex if sharing is SharingRule.SAME_SEX else None)
            for n in range(rng.randint(1, max(1, int(beds * spec.shared_fill))))
        )
    return (household(rng, f"{key}-1", size=_pick(rng, spec.resident_sizes, at_most=beds)),)


def _sharing(draw: float, spec: InstanceSpec) -> SharingRule:
    if draw < spec.same_sex_rooms:
        return SharingRule.SAME_SEX
    return SharingRule.SINGLE_ADULTS if draw < spec.same_sex_rooms + spec.mixed_rooms else SharingRule.NONE


def instance(spec: InstanceSpec) -> tuple[list[Room], list[Household]]:
    """Rooms with residents and waiting households for ``spec``."""
    rng = random.Random(spec.seed)
    rooms = []
    for number in range(spec.rooms):
        key = f"K{number:05d}"
        beds = _pick(rng, spec.room_beds)
        sharing = _sharing(rng.random(), spec)
        rooms.append(
            Room(
                key=key,
                beds=beds,
                location=f"L{number % spec.locations:03d}",
                floor=0 if rng.random() < spec.ground_floor else rng.randint(1, 3),
                accessible=rng.random() < spec.accessible,
                sharing=sharing,
                residents=_residents(rng, spec, key, beds, sharing) if rng.random() < spec.occupied else (),
            )
        )
    waiting = [
        household(
            rng,
            f"W{number:05d}",
            sizes=spec.household_sizes,
            needs_accessible=spec.needs_accessible,
            needs_ground_floor=spec.needs_ground_floor,
        )
        for number in range(spec.households)
    ]
    return rooms, waiting
