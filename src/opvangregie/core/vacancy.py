"""Vacant buildings from the BAG as possible reception sites: which ones to look at and how many places.

Statuses of a building (Catalogus BAG 2018, 7.3.3 "Status pand"): a building out of use, with a demolition
permit or being rebuilt may stand empty. Functions of a unit (verblijfsobject, Catalogus BAG 2018, 7.4.3
"Gebruiksdoel"; Bouwbesluit 2012 art. 1.1 "gebruiksfunctie"): offices, schools and meeting buildings are the
ones municipalities have converted to reception (e.g. the former offices and schools in COA's list of
emergency locations, 2022-2024).

Places are estimated from the floor area: ``floor area / m² per place``. COA plans a reception location at
roughly 20-25 m² gross floor area per bed (the figure municipalities quote from COA's programme of
requirements, "Programma van Eisen COA-locaties"); the divisor is a setting (``BAG_M2_PER_PLACE``), so a
municipality can use its own norm.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

VACANT_STATUSES = frozenset({"Pand buiten gebruik", "Sloopvergunning verleend", "Verbouwing pand"})
OFFICE, EDUCATION, MEETING = "kantoorfunctie", "onderwijsfunctie", "bijeenkomstfunctie"
QUALIFYING_FUNCTIONS = (OFFICE, EDUCATION, MEETING)
# Units that are not there (Catalogus BAG 2018, 7.4.4 "Status verblijfsobject"): never listed.
GONE_UNIT_STATUSES = frozenset(
    {"Niet gerealiseerd verblijfsobject", "Verblijfsobject ingetrokken", "Verblijfsobject ten onrechte opgevoerd"}
)


def qualifying_function(functions: Iterable[str]) -> str | None:
    """The first of office, education and meeting among ``functions`` (in that order), or None."""
    held = {function.strip().lower() for function in functions}
    return next((function for function in QUALIFYING_FUNCTIONS if function in held), None)


def estimated_places(floor_area_m2: float | None, m2_per_place: float) -> int:
    """Whole places that fit in ``floor_area_m2`` at ``m2_per_place`` (rounded down; 0 when the area is unknown)."""
    if m2_per_place <= 0:
        raise ValueError("m2_per_place must be positive")
    if floor_area_m2 is None or floor_area_m2 <= 0 or not math.isfinite(floor_area_m2):
        return 0
    return int(floor_area_m2 // m2_per_place)
