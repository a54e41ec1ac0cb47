"""The usable-places report per location, municipality and region: nominal places against placeable households.

Counts only, no personal data, so everyone who may read the municipality (or region) sees it. The
what-if of a consolidation uses the waiting list; without one, it asks how many families of four could
be placed (``HYPOTHETICAL_FAMILIES``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from opvangregie.areas.models import Municipality, Region
from opvangregie.core import occupancy
from opvangregie.core.errors import NotFound
from opvangregie.core.placement.model import Household as CoreHousehold
from opvangregie.core.placement.optimiser import MoveGain, consolidation_gains
from opvangregie.core.placement.usable import UsablePlaces
from opvangregie.locations.models import Location
from opvangregie.locations.selectors import figures_of
from opvangregie.organisations.scope import scope_for
from opvangregie.placement.allocation import PlacementState, placement_state
from opvangregie.placement.usable_kept import kept_places

CONSOLIDATION_MOVES = 10
HYPOTHETICAL_FAMILIES = 5


@dataclass(frozen=True, slots=True)
class LocationUsable:
    """A location's places, persons and usable free places as every page shows them (``figures``), with the
    room details where it has rooms (``usable``)."""

    location: Location
    figures: occupancy.LocationFigures
    usable: UsablePlaces

    @property
    def places(self) -> int:
        return self.figures.places

    @property
    def has_rooms(self) -> bool:
        return self.usable.rooms > 0


@dataclass(frozen=True, slots=True)
class UsableReport:
    """Rows per location and the total, with what each extra move of residents would gain."""

    on: date
    rows: list[LocationUsable]
    total: UsablePlaces
    places: int
    persons: int
    usable_free: int
    waiting_households: int
    waiting_persons: int
    gains: tuple[MoveGain, ...] = ()
    hypothetical: bool = False

    @property
    def best_gain(self) -> MoveGain | None:
        """The fewest moves that place the most persons, if moves help at all."""
        if not self.gains or self.gains[-1].persons_placed <= self.gains[0].persons_placed:
            return None
        best = self.gains[-1].persons_placed
        return next(gain for gain in self.gains if gain.persons_placed == best)

    @property
    def placeable_now(self) -> int:
        return self.gains[0].persons_placed if self.gains else 0


def _report(state: PlacementState, *, with_gains: bool) -> UsableReport:
    ids = [location.pk for location in state.locations.values()]
    figures, places = figures_of(ids, state.on), kept_places(ids, state.on)
    rows = [
        LocationUsable(location=location, figures=figures[location.pk], usable=places.get(location.pk, UsablePlaces()))
        for location in state.locations.values()
    ]
    total = sum((row.usable for row in rows), UsablePlaces())
    demand = state.waiting
    hypothetical = not demand
    if hypothetical:
        demand = [CoreHousehold(f"gezin-{n}", 4, 2) for n in range(HYPOTHETICAL_FAMILIES)]
    gains = consolidation_gains(state.rooms, demand, max_moves=CONSOLIDATION_MOVES) if with_gains else ()
    return UsableReport(
        on=state.on,
        rows=rows,
        total=total,
        places=sum(row.figures.places for row in rows),
        persons=sum(row.figures.persons for row in rows),
        usable_free=sum(row.figures.free_places for row in rows),
        waiting_households=len(state.waiting),
        waiting_persons=sum(h.size for h in state.waiting),
        gains=gains,
        hypothetical=hypothetical,
    )


def usable_report(
    *, actor: Any, municipalities: Iterable[Municipality], now: datetime, with_gains: bool = False
) -> UsableReport:
    """The report for municipalities the actor may read (a municipality, or a region's members)."""
    municipalities = list(municipalities)
    scope = scope_for(actor)
    if not all(scope.reads_municipality(m.pk) for m in municipalities):
        raise NotFound("Gemeente niet gevonden.")
    return _report(placement_state(municipalities, now=now, residents=False, rooms=with_gains), with_gains=with_gains)


def region_usable_report(*, actor: Any, region: Region, now: datetime, with_gains: bool = False) -> UsableReport:
    if not scope_for(actor).reads_region(region.pk):
        raise NotFound(f"Regio {region.name} niet gevonden.")
    return _report(
        placement_state(region.members.all(), now=now, residents=False, rooms=with_gains), with_gains=with_gains
    )
