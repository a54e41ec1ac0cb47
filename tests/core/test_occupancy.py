from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from opvangregie.core.lifecycle import LocationStatus as S
from opvangregie.core.lifecycle import Transition
from opvangregie.core.occupancy import (
    CapacityChange,
    LocationHistory,
    Snapshot,
    aggregate,
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
