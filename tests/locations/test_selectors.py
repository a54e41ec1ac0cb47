"""Heemstede's table of 1 November 2025 (council letter of 11 November 2025) from the register."""

from datetime import date

import pytest

from opvangregie.areas.models import Municipality, Province, Region
from opvangregie.core.errors import PermissionDenied
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations import selectors

pytestmark = pytest.mark.django_db
PEILDATUM = date(2025, 11, 1)


@pytest.fixture
def heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def test_heemstede_on_1_november_2025(users: dict, heemstede: Municipality) -> None:
    overview = selectors.municipality_overview(actor=users["heemstede"], municipality=heemstede, on=PEILDATUM)
    table = {row.location.name: (row.figures.places, row.figures.persons) for row in overview.rows}
    assert table == {
        "Kerklaan": (70, 48),
        "Glipperweg": (0, 0),
        "Ringvaartlaan": (20, 20),
        "Lieven de Keylaan": (28, 20),
        "Herenweg": (51, 27),
    }
    assert (overview.totals.places, overview.totals.persons, overview.target) == (169, 115, 164)
    assert overview.target_gap == 5
    # usable free places from the rooms: only Herenweg has beds a newcomer may take (3 single men, 2 women)
    assert {row.location.name: row.figures.free_places for row in overview.rows if row.figures.free_from_rooms} == {
        "Kerklaan": 0,
        "Ringvaartlaan": 0,
        "Lieven de Keylaan": 0,
        "Herenweg": 5,
    }
    assert not overview.totals.is_full
    glipperweg = next(row for row in overview.rows if row.location.name == "Glipperweg")
    assert (glipperweg.out_of_use_reason, glipperweg.out_of_use_since) == ("sloop", date(2025, 10, 27))
    assert not overview.has_examples


def test_glipperweg_still_counted_before_demolition(users: dict, heemstede: Municipality) -> None:
    overview = selectors.municipality_overview(actor=users["heemstede"], municipality=heemstede, on=date(2025, 10, 1))
    glipperweg = next(row for row in overview.rows if row.location.name == "Glipperweg")
    assert glipperweg.figures.places == 12
    assert overview.totals.places == 181
    assert overview.totals.persons == 112  # persons in municipal reception on 1 October 2025


def test_amv_location_in_its_own_table(users: dict, heemstede: Municipality) -> None:
    overview = selectors.municipality_overview(
        actor=users["heemstede"], municipality=heemstede, on=PEILDATUM, target_group=TargetGroup.AMV
    )
    assert [(r.location.name, r.figures.places, r.figures.persons) for r in overview.rows] == [
        ("Heemsteedse Dreef", 16, 13)
    ]


def test_region_totals_are_the_sum_of_municipalities(users: dict) -> None:
    region = Region.objects.get(slug="kennemerland")
    overview = selectors.region_overview(actor=users["kennemerland"], region=region, on=PEILDATUM)
    assert len(overview.rows) == 9
    assert overview.totals.places == sum(row.totals.places for row in overview.rows)
    assert overview.totals.persons == sum(row.totals.persons for row in overview.rows)
    heemstede = next(row for row in overview.rows if row.municipality.code == "GM0397")
    assert (heemstede.totals.places, heemstede.totals.persons, heemstede.target) == (169, 115, 164)
    assert not heemstede.has_examples
    assert all(row.has_examples for row in overview.rows if row.municipality.code != "GM0397")


def test_province_overview_covers_its_44_municipalities(users: dict) -> None:
    province = Province.objects.get(code="PV27")
    overview = selectors.province_overview(actor=users["noordholland"], province=province, on=PEILDATUM)
    assert len(overview.rows) == 44
    assert overview.totals.places == sum(row.totals.places for row in overview.rows)


def test_area_overviews_refuse_outsiders(users: dict) -> None:
    with pytest.raises(PermissionDenied):
        selectors.region_overview(
            actor=users["heemstede"], region=Region.objects.get(slug="kennemerland"), on=PEILDATUM
        )
    with pytest.raises(PermissionDenied):
        selectors.province_overview(
            actor=users["kennemerland"], province=Province.objects.get(code="PV27"), on=PEILDATUM
        )


def test_queries_are_bounded_whatever_the_number_of_locations(users: dict, django_assert_max_num_queries) -> None:
    province = Province.objects.get(code="PV27")
    users["rijk"]._opvangregie_scope = None
    with django_assert_max_num_queries(12):
        selectors.province_overview(actor=users["rijk"], province=province, on=PEILDATUM)


def test_occupancy_series_for_the_chart(users: dict) -> None:
    location = selectors.location_get(
        actor=users["heemstede"],
        location_id=Municipality.objects.get(code="GM0397").locations.get(name="Kerklaan").pk,
    )
    series = selectors.occupancy_series(location, until=date(2025, 12, 1))
    assert series[0].on == date(2022, 5, 1)
    assert series[0].persons is None, "no persons line before the first count"
    assert [(p.on, p.persons) for p in series[-3:]] == [
        (date(2025, 10, 1), 44),
        (date(2025, 11, 1), 48),
        (date(2025, 12, 1), 48),
    ]
    assert {p.places for p in series} == {70}
