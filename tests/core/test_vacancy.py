"""core.vacancy: which vacant BAG buildings to look at, and the places estimated from the floor area."""

from __future__ import annotations

import math

import pytest

from opvangregie.core.vacancy import (
    GONE_UNIT_STATUSES,
    QUALIFYING_FUNCTIONS,
    VACANT_STATUSES,
    estimated_places,
    qualifying_function,
)


def test_the_bag_statuses_written_out() -> None:
    """Catalogus BAG 2018, 7.3.3 (pand) and 7.4.4 (verblijfsobject)."""
    assert sorted(VACANT_STATUSES) == ["Pand buiten gebruik", "Sloopvergunning verleend", "Verbouwing pand"]
    assert sorted(GONE_UNIT_STATUSES) == [
        "Niet gerealiseerd verblijfsobject",
        "Verblijfsobject ingetrokken",
        "Verblijfsobject ten onrechte opgevoerd",
    ]
    assert QUALIFYING_FUNCTIONS == ("kantoorfunctie", "onderwijsfunctie", "bijeenkomstfunctie")


@pytest.mark.parametrize(
    ("functions", "expected"),
    [
        (["woonfunctie"], None),
        ([], None),
        (["kantoorfunctie"], "kantoorfunctie"),
        (["onderwijsfunctie"], "onderwijsfunctie"),
        (["bijeenkomstfunctie"], "bijeenkomstfunctie"),
        ([" Kantoorfunctie ", "woonfunctie"], "kantoorfunctie"),
        (["bijeenkomstfunctie", "onderwijsfunctie"], "onderwijsfunctie"),  # education before meeting
        (["bijeenkomstfunctie", "kantoorfunctie", "onderwijsfunctie"], "kantoorfunctie"),  # office first
    ],
)
def test_office_then_education_then_meeting(functions: list[str], expected: str | None) -> None:
    assert qualifying_function(functions) == expected


@pytest.mark.parametrize(
    ("area", "per_place", "places"),
    [
        (1000.0, 25.0, 40),
        (999.0, 25.0, 39),  # rounded down
        (24.9, 25.0, 0),
        (25.0, 25.0, 1),
        (1000.0, 20.0, 50),
        (None, 25.0, 0),  # unknown
        (0.0, 25.0, 0),
        (-100.0, 25.0, 0),
        (math.inf, 25.0, 0),
        (math.nan, 25.0, 0),
        (-0.5, 25.0, 0),  # a small negative area is no area either
        (1.0, 0.5, 2),  # any positive norm, also below 1 m²
        (10.0, 0.5, 20),
    ],
)
def test_places_from_the_floor_area(area: float | None, per_place: float, places: int) -> None:
    assert estimated_places(area, per_place) == places


@pytest.mark.parametrize("per_place", [0.0, -20.0])
def test_the_area_per_place_must_be_positive(per_place: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        estimated_places(1000.0, per_place)
