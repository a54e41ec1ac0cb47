from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opvangregie.core.lifecycle import LocationStatus as S
from opvangregie.core.lifecycle import Transition
from opvangregie.core.occupancy import (
    CapacityChange,
    LocationFigures,
    LocationHistory,
    Snapshot,
    Totals,
    aggregate,
    count_is_old,
    location_figures,
    target_gap,
)

GLIPPERWEG = LocationHistory(
    key="glipperweg",
    transitions=[Transition(S.IN_USE, date(2022, 4, 1)), Transition(S.OUT_OF_USE, date(2025, 10, 27), "sloop")],
    capacities=[CapacityChange(date(2022, 4, 1), 12)],
    snapshots=[Snapshot(date(2025, 10, 1), 3, 2)],
)


def test_location_out_of_use_counts_zero_from_its_transition_date() -> None:
    before = location_figures(GLIPPERWEG, date(2025, 10, 26))
    assert (before.places, before.persons, before.households) == (12, 3, 2)
    after = location_figures(GLIPPERWEG, date(2025, 10, 27))
    assert (after.status, after.places, after.persons, after.free_places) == (S.OUT_OF_USE, 0, 0, 0)
    assert not after.is_full


def test_latest_snapshot_and_capacity_on_or_before_the_date() -> None:
    history = LocationHistory(
        key=1,
        transitions=[Transition(S.IN_USE, date(2022, 5, 1))],
        capacities=[CapacityChange(date(2022, 5, 1), 60), CapacityChange(date(2024, 1, 1), 70)],
        snapshots=[Snapshot(date(2025, 10, 1), 44), Snapshot(date(2025, 11, 1), 48, 20, 0)],
    )
    assert location_figures(history, date(2023, 6, 1)).places == 60
    october = location_figures(history, date(2025, 10, 15))
    assert (october.places, october.persons, october.free_places) == (70, 44, 26)
    november = location_figures(history, date(2025, 12, 1))
    assert (november.persons, november.households, november.free_places) == (48, 20, 0)
    assert november.is_full
    assert november.snapshot_date == date(2025, 11, 1)


def test_snapshot_from_before_a_reopening_is_not_carried_into_it() -> None:
    history = LocationHistory(
        key=1,
        transitions=[
            Transition(S.IN_USE, date(2022, 1, 1)),
            Transition(S.OUT_OF_USE, date(2023, 1, 1), "renovatie"),
            Transition(S.IN_USE, date(2024, 1, 1)),
        ],
        capacities=[CapacityChange(date(2022, 1, 1), 10)],
        snapshots=[Snapshot(date(2022, 6, 1), 9)],
    )
    assert location_figures(history, date(2024, 2, 1)).persons == 0


def test_target_gap() -> None:
    assert target_gap(164, 169) == 5
    assert target_gap(None, 169) is None


@st.composite
def histories(draw: st.DrawFn, key: int) -> LocationHistory:
    start = draw(st.dates(min_value=date(2022, 1, 1), max_value=date(2025, 1, 1)))
    transitions = [Transition(S.IN_USE, start)]
    if draw(st.booleans()):
        transitions.append(Transition(S.OUT_OF_USE, start + timedelta(days=draw(st.integers(1, 900))), "sloop"))
    places = draw(st.integers(0, 200))
    snapshots = []
    for offset in sorted(set(draw(st.lists(st.integers(0, 1200), max_size=6)))):
        persons = draw(st.integers(0, places))
        free = draw(st.one_of(st.none(), st.integers(0, places - persons)))
        snapshots.append(Snapshot(start + timedelta(days=offset), persons, draw(st.integers(0, persons)), free))
    return LocationHistory(key, transitions, [CapacityChange(start, places)], snapshots)


@given(
    st.lists(st.integers(0, 10_000), min_size=0, max_size=8, unique=True).flatmap(
        lambda keys: st.tuples(*[histories(key) for key in keys])
    ),
    st.dates(min_value=date(2021, 6, 1), max_value=date(2028, 1, 1)),
)
def test_totals_equal_the_sum_of_locations_on_every_date(locations: tuple[LocationHistory, ...], on: date) -> None:
    figures = [location_figures(history, on) for history in locations]
    totals = aggregate(figures, on)
    assert totals.places == sum(f.places for f in figures)
    assert totals.persons == sum(f.persons for f in figures)
    assert totals.households == sum(f.households for f in figures)
    assert totals.free_places == sum(f.free_places for f in figures)
    assert totals.persons <= totals.places
    assert 0 <= totals.free_places <= totals.places - totals.persons
    assert totals.is_full == (totals.locations_in_use > 0 and all(f.free_places == 0 for f in figures))
    if totals.places:
        assert totals.occupancy_rate is not None
        assert 0 <= totals.occupancy_rate <= 1


def _in_use(
    capacities: list[CapacityChange], snapshots: list[Snapshot], since: date = date(2024, 1, 1)
) -> LocationHistory:
    return LocationHistory("x", [Transition(S.IN_USE, since)], capacities, snapshots)


def test_a_snapshot_and_a_capacity_dated_on_the_day_asked_count_that_day() -> None:
    history = _in_use(
        [CapacityChange(date(2024, 1, 1), 60), CapacityChange(date(2025, 11, 1), 70)],
        [Snapshot(date(2025, 10, 1), 44), Snapshot(date(2025, 11, 1), 48, 20)],
    )
    day_before = location_figures(history, date(2025, 10, 31))
    assert (day_before.places, day_before.persons, day_before.free_places) == (60, 44, 16)
    assert day_before.snapshot_date == date(2025, 10, 1)
    on_the_day = location_figures(history, date(2025, 11, 1))
    assert (on_the_day.places, on_the_day.persons, on_the_day.households, on_the_day.free_places) == (70, 48, 20, 22)
    assert on_the_day.snapshot_date == date(2025, 11, 1)


def test_a_count_on_the_day_of_reopening_is_counted() -> None:
    history = LocationHistory(
        "x",
        [
            Transition(S.IN_USE, date(2022, 1, 1)),
            Transition(S.OUT_OF_USE, date(2023, 1, 1), "renovatie"),
            Transition(S.IN_USE, date(2024, 1, 1)),
        ],
        [CapacityChange(date(2022, 1, 1), 10)],
        [Snapshot(date(2022, 6, 1), 9), Snapshot(date(2024, 1, 1), 4)],
    )
    assert location_figures(history, date(2024, 1, 1)).persons == 4
    assert location_figures(history, date(2022, 12, 31)).persons == 9
    closed = location_figures(history, date(2023, 6, 1))
    assert (closed.status, closed.places, closed.persons, closed.snapshot_date) == (S.OUT_OF_USE, 0, 0, None)


def test_free_places_from_rooms_from_the_count_or_from_places_minus_persons() -> None:
    history = _in_use([CapacityChange(date(2024, 1, 1), 10)], [Snapshot(date(2025, 1, 1), 6, None, 1)])
    counted = location_figures(history, date(2025, 2, 1))
    assert (counted.free_places, counted.free_from_rooms, counted.households) == (1, False, 0)
    rooms = location_figures(history, date(2025, 2, 1), usable_in_rooms=3)
    assert (rooms.free_places, rooms.free_from_rooms) == (3, True)
    uncounted = location_figures(_in_use([CapacityChange(date(2024, 1, 1), 10)], []), date(2025, 2, 1))
    assert (uncounted.persons, uncounted.free_places, uncounted.snapshot_date) == (0, 10, None)
    overfull = _in_use([CapacityChange(date(2024, 1, 1), 10)], [Snapshot(date(2025, 1, 1), 12)])
    figures = location_figures(overfull, date(2025, 2, 1))
    assert figures.free_places == 0  # never negative
    assert figures.is_full


def test_vol_only_in_use_with_a_known_capacity_and_no_usable_place() -> None:
    full = location_figures(
        _in_use([CapacityChange(date(2024, 1, 1), 10)], [Snapshot(date(2025, 1, 1), 10)]), date(2025, 2, 1)
    )
    assert full.is_full
    assert not full.lacks_capacity
    one_left = location_figures(
        _in_use([CapacityChange(date(2024, 1, 1), 10)], [Snapshot(date(2025, 1, 1), 9)]), date(2025, 2, 1)
    )
    assert not one_left.is_full
    unknown = location_figures(_in_use([], [Snapshot(date(2025, 1, 1), 9)]), date(2025, 2, 1))
    assert (unknown.places, unknown.free_places, unknown.capacity_known) == (0, 0, False)
    assert unknown.lacks_capacity
    assert not unknown.is_full
    capacity_later = location_figures(_in_use([CapacityChange(date(2025, 3, 1), 10)], []), date(2025, 2, 1))
    assert capacity_later.lacks_capacity
    planned = location_figures(LocationHistory("x", [Transition(S.PLANNED, date(2024, 1, 1))]), date(2025, 2, 1))
    assert (planned.status, planned.places, planned.free_places) == (S.PLANNED, 0, 0)
    assert not planned.is_full
    assert not planned.lacks_capacity
    before = location_figures(_in_use([CapacityChange(date(2024, 1, 1), 10)], []), date(2023, 12, 31))
    assert (before.status, before.places) == (None, 0)
    assert not before.is_full


def _figures(key: str, places: int | None, persons: int, counted: date, status: S = S.IN_USE) -> LocationFigures:
    capacities = [] if places is None else [CapacityChange(date(2024, 1, 1), places)]
    history = LocationHistory(key, [Transition(status, date(2024, 1, 1))], capacities, [Snapshot(counted, persons, 1)])
    return location_figures(history, ON)


ON = date(2025, 11, 1)


def test_totals_of_full_locations_are_vol() -> None:
    totals = aggregate([_figures("a", 10, 10, date(2025, 10, 1)), _figures("b", 5, 5, date(2025, 9, 1))], ON)
    assert (totals.places, totals.persons, totals.households, totals.free_places) == (15, 15, 2, 0)
    assert (totals.locations_in_use, totals.locations_without_capacity) == (2, 0)
    assert totals.keys == ("a", "b")
    assert totals.oldest_count == date(2025, 9, 1)
    assert totals.occupancy_rate == Fraction(1)
    assert totals.is_full


def test_totals_with_a_free_place_or_an_unknown_capacity_or_nothing_in_use_are_not_vol() -> None:
    one_free = aggregate([_figures("a", 10, 10, date(2025, 10, 1)), _figures("b", 5, 4, date(2025, 10, 1))], ON)
    assert one_free.free_places == 1
    assert one_free.occupancy_rate == Fraction(14, 15)
    assert not one_free.is_full
    unknown = aggregate([_figures("a", 10, 10, date(2025, 10, 1)), _figures("b", None, 4, date(2025, 10, 1))], ON)
    assert unknown.locations_without_capacity == 1
    assert not unknown.is_full
    planned = aggregate([_figures("a", 10, 0, date(2025, 10, 1), S.PLANNED)], ON)
    assert (planned.locations_in_use, planned.oldest_count, planned.occupancy_rate) == (0, None, None)
    assert not planned.is_full
    assert not aggregate([], ON).is_full


def test_figures_of_another_date_cannot_be_added() -> None:
    with pytest.raises(ValueError, match="cannot be added"):
        aggregate([_figures("a", 10, 10, date(2025, 10, 1))], date(2025, 11, 2))


def test_a_count_is_old_after_max_age_days() -> None:
    assert not count_is_old(date(2025, 9, 17), ON, max_age_days=45)  # 45 days
    assert count_is_old(date(2025, 9, 16), ON, max_age_days=45)  # 46 days
    assert not count_is_old(None, ON, max_age_days=45)


def test_target_gap_below_the_target() -> None:
    assert target_gap(164, 100) == -64
    assert target_gap(0, 12) == 12


def test_figures_written_out_in_full() -> None:
    """Every field, so no default or flag goes unnoticed: out of use, in use without a count, with a count."""
    closed = location_figures(GLIPPERWEG, date(2025, 10, 27))
    assert closed == LocationFigures("glipperweg", date(2025, 10, 27), S.OUT_OF_USE, 0, 0, 0, 0, None, False, True)
    uncounted = location_figures(_in_use([CapacityChange(date(2024, 1, 1), 10)], []), date(2025, 2, 1))
    assert (uncounted.households, uncounted.free_places, uncounted.free_from_rooms) == (0, 10, False)
    counted = location_figures(
        _in_use([CapacityChange(date(2024, 1, 1), 10)], [Snapshot(date(2025, 1, 1), 6)]), date(2025, 2, 1)
    )
    assert (counted.households, counted.free_places, counted.free_from_rooms) == (0, 4, False)


def test_totals_of_nothing_are_zero_and_one_full_location_is_vol() -> None:
    assert aggregate([], ON) == Totals(ON) == Totals(ON, 0, 0, 0, 0, 0, (), 0, None)
    one = aggregate([_figures("a", 10, 10, date(2025, 10, 1))], ON)
    assert (one.locations_in_use, one.is_full) == (1, True)
