"""Places and persons of reception locations on any date, and their aggregates.

A location counts places only while it is in use (see :mod:`opvangregie.core.lifecycle`); out of use
it counts 0 places and 0 persons from its transition date. Persons come from the latest dated
occupancy snapshot taken since the location (last) came into use. Whether a location is full ("vol")
is decided by usable places, which depend on the composition of families per room (Heemstede council
letter, 11 November 2025): the officer records them with a snapshot; without that record the free
nominal places are taken.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import TypeVar

from opvangregie.core.lifecycle import LocationStatus, Transition, status_on

_Dated = TypeVar("_Dated")


@dataclass(frozen=True, slots=True)
class CapacityChange:
    """From ``effective`` on, the location has ``places`` nominal places."""

    effective: date
    places: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Persons (and households) present on a date; optionally the places still usable then."""

    on: date
    persons: int
    households: int | None = None
    usable_free_places: int | None = None


@dataclass(frozen=True, slots=True)
class LocationHistory:
    """Everything dated about one location that its figures on a date depend on."""

    key: Hashable
    transitions: Sequence[Transition] = ()
    capacities: Sequence[CapacityChange] = ()
    snapshots: Sequence[Snapshot] = ()


@dataclass(frozen=True, slots=True)
class LocationFigures:
    """A location's figures on one date."""

    key: Hashable
    on: date
    status: LocationStatus | None
    places: int
    persons: int
    households: int
    free_places: int
    snapshot_date: date | None = None
    free_from_rooms: bool = False  # usable free places from the room rules, not from the count
    capacity_known: bool = True  # False: in use without any capacity recorded on or before ``on``

    @property
    def is_full(self) -> bool:
        """ "Vol": the location is in use with a known capacity and no usable free place remains.

        A location in use without a recorded capacity is flagged (:attr:`lacks_capacity`), never "vol".
        """
        return self.status is LocationStatus.IN_USE and self.capacity_known and self.free_places == 0

    @property
    def lacks_capacity(self) -> bool:
        """In use, but no capacity is recorded for this date: its places are unknown, not 0."""
        return self.status is LocationStatus.IN_USE and not self.capacity_known


@dataclass(frozen=True, slots=True)
class Totals:
    """Sum of location figures (per municipality, region or province) on one date."""

    on: date
    places: int = 0
    persons: int = 0
    households: int = 0
    free_places: int = 0
    locations_in_use: int = 0
    keys: tuple[Hashable, ...] = field(default=())
    locations_without_capacity: int = 0
    oldest_count: date | None = None  # the oldest of the latest counts of the locations in use: the figures' age

    @property
    def occupancy_rate(self) -> Fraction | None:
        """Persons per nominal place, or None when there are no places."""
        return Fraction(self.persons, self.places) if self.places else None

    @property
    def is_full(self) -> bool:
        """ "Vol": locations are in use, each with a known capacity, and none has a usable place left."""
        return self.locations_in_use > 0 and self.locations_without_capacity == 0 and self.free_places == 0


def _latest_on_or_before(items: Iterable[_Dated], on: date, when: str) -> _Dated | None:
    candidates = [item for item in items if getattr(item, when) <= on]
    return max(candidates, key=lambda item: getattr(item, when)) if candidates else None


def location_figures(history: LocationHistory, on: date, *, usable_in_rooms: int | None = None) -> LocationFigures:
    """The figures of one location on ``on``.

    "Bruikbare vrije plekken" has one meaning: where the location has rooms, ``usable_in_rooms`` — the free
    beds that a new household or single adult may take under the room rules (one family per room, EUAA
    guidance; sharing rules, core.rooms); where it has none, the count's usable free places, or places
    minus persons when the count does not say.
    """
    status = status_on(history.transitions, on)
    if status is None or not status.counts_places:
        return LocationFigures(history.key, on, status, 0, 0, 0, 0)
    in_use_since = max(t.effective for t in history.transitions if t.effective <= on)
    capacity = _latest_on_or_before(history.capacities, on, "effective")
    places = capacity.places if capacity else 0
    snapshot = _latest_on_or_before((s for s in history.snapshots if s.on >= in_use_since), on, "on")
    persons = snapshot.persons if snapshot else 0
    if usable_in_rooms is not None:
        free, from_rooms = usable_in_rooms, True
    elif snapshot is None:
        free, from_rooms = places, False
    elif snapshot.usable_free_places is not None:
        free, from_rooms = snapshot.usable_free_places, False
    else:
        free, from_rooms = max(places - persons, 0), False
    households = (snapshot.households or 0) if snapshot else 0
    return LocationFigures(
        history.key,
        on,
        status,
        places,
        persons,
        households,
        free,
        snapshot.on if snapshot else None,
        from_rooms,
        capacity_known=capacity is not None,
    )


def aggregate(figures: Iterable[LocationFigures], on: date) -> Totals:
    """Add up location figures of one date; totals always equal the sum of their locations."""
    places = persons = households = free = in_use = without_capacity = 0
    keys: list[Hashable] = []
    counted: list[date] = []
    for item in figures:
        if item.on != on:
            raise ValueError(f"figures of {item.on} cannot be added to totals of {on}")
        places += item.places
        persons += item.persons
        households += item.households
        free += item.free_places
        in_use += item.status is LocationStatus.IN_USE
        without_capacity += item.lacks_capacity
        keys.append(item.key)
        if item.status is LocationStatus.IN_USE and item.snapshot_date is not None:
            counted.append(item.snapshot_date)
    return Totals(
        on, places, persons, households, free, in_use, tuple(keys), without_capacity, min(counted, default=None)
    )


def count_is_old(counted_on: date | None, on: date, *, max_age_days: int) -> bool:
    """A count older than ``max_age_days`` on ``on`` is shown as old: its persons may no longer be there."""
    return counted_on is not None and (on - counted_on).days > max_age_days


def target_gap(target: int | None, places: int) -> int | None:
    """Places minus the target (positive: more places than the target asks)."""
    return None if target is None else places - target
