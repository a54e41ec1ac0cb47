"""Sites against constraint layers, on worked geometries in RD New metres (core.constraints)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Transformer
from shapely.geometry import Point, box, mapping

from opvangregie.core.constraints import ConstraintKind, Layer, check, rd_box, rd_from_wgs84, wgs84_from_rd
from opvangregie.core.errors import ValidationError

# A 1 km square of protected landscape at RD (100000..101000, 480000..481000).
SQUARE = box(100_000, 480_000, 101_000, 481_000)


def layer(*geometries: object, crs: str = "EPSG:28992", name: str = "BPL") -> Layer:
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"naam": f"gebied {i}"}, "geometry": g} for i, g in enumerate(geometries)
        ],
    }
    return Layer.from_geojson(name, ConstraintKind.CONSULTATION, data, name_property="naam", crs=crs)


def test_inside_partly_inside_and_outside_within_a_distance() -> None:
    protected = layer(mapping(SQUARE))
    (inside,) = protected.hits(Point(100_500, 480_500))
    assert (inside.inside, inside.share_inside, inside.distance_m) == (True, 1.0, 0.0)
    # A 200 x 100 m site with its western half over the square's eastern edge: 50% inside.
    (partly,) = protected.hits(box(100_900, 480_500, 101_100, 480_600))
    assert partly.share_inside == pytest.approx(0.5)
    assert partly.sentence() == "ligt voor 50% in BPL gebied 0 (overleg nodig)"
    assert protected.hits(Point(101_300, 480_500)) == []  # 300 m east: not inside
    (near,) = protected.hits(Point(101_300, 480_500), radius_m=500)
    assert (near.inside, near.distance_m) == (False, pytest.approx(300))
    assert near.sentence() == "ligt op 300 m van BPL gebied 0 (overleg nodig)"
    assert protected.hits(Point(101_300, 480_500), radius_m=299) == []


@given(st.floats(0, 3_000), st.floats(0, 3_000))
def test_a_hit_within_the_radius_is_never_farther_than_the_radius(dx: float, radius: float) -> None:
    site = Point(101_000 + dx, 480_500)
    hits = layer(mapping(SQUARE)).hits(site, radius_m=radius)
    assert [hit.distance_m <= radius + 1e-6 for hit in hits] == [True] * len(hits)
    if dx < radius - 1e-6 or dx == 0:
        assert hits
    elif dx > radius + 1e-6:
        assert not hits


def test_an_invalid_geometry_is_repaired_and_a_wrong_crs_refused() -> None:
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [[100_000, 480_000], [101_000, 481_000], [101_000, 480_000], [100_000, 481_000], [100_000, 480_000]]
        ],
    }
    repaired = layer(bowtie)
    assert repaired.features[0].geometry.is_valid
    assert repaired.hits(Point(100_900, 480_500))  # inside the repaired right-hand triangle
    with pytest.raises(ValidationError, match="staat het bestand wel in EPSG:4326"):
        layer(mapping(SQUARE), crs="EPSG:4326")  # RD metres read as degrees
    with pytest.raises(ValidationError, match="geen leesbare geometrie"):
        layer({"type": "Polygon", "coordinates": "nonsense"})
    with pytest.raises(ValidationError, match="FeatureCollection"):
        Layer.from_geojson("x", ConstraintKind.EXCLUSION, {"type": "Feature"}, name_property="naam")


def test_wgs84_points_are_measured_in_rd_new() -> None:
    kerklaan = rd_from_wgs84(4.6203, 52.3533)  # Kerklaan 61, Heemstede
    assert (round(kerklaan.x, -2), round(kerklaan.y, -2)) == (102_800, 485_300)
    with pytest.raises(ValidationError):
        rd_from_wgs84(13.4, 52.5)  # Berlin: outside the grid
    wgs_square = layer(
        {
            "type": "Polygon",
            "coordinates": [[[4.55, 52.39], [4.57, 52.39], [4.57, 52.41], [4.55, 52.41], [4.55, 52.39]]],
        },
        crs="EPSG:4326",
    )
    point = rd_from_wgs84(4.56, 52.40)
    assert check(Point(point.x, point.y), [wgs_square])[0].inside


# --- coordinates: the RD origin, boxes, and the sentences ---------------------------------------------------

_REFERENCE = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)  # the reference: pyproj itself


def test_the_rd_base_point_amersfoort() -> None:
    """The RD origin, the Onze Lieve Vrouwetoren in Amersfoort: 52.15517440 N, 5.38720621 E is
    x 155,000, y 463,000 (RDNAPTRANS); EPSG:28992 without the correction grid is within a metre or two."""
    tower = rd_from_wgs84(5.38720621, 52.15517440)
    assert abs(tower.x - 155_000) < 2
    assert abs(tower.y - 463_000) < 2
    lon, lat = wgs84_from_rd(155_000, 463_000)
    assert abs(lon - 5.38720621) < 3e-5
    assert abs(lat - 52.15517440) < 3e-5
    assert (lon, lat) == (round(lon, 7), round(lat, 7))  # seven decimals, about a centimetre


@pytest.mark.parametrize(("lon", "lat"), [(181, 52), (-181, 52), (5, 91), (5, -91), (180.5, 0)])
def test_no_degrees_beyond_the_globe(lon: float, lat: float) -> None:
    with pytest.raises(ValidationError, match="geen lengte- en breedtegraad"):
        rd_from_wgs84(lon, lat)


@pytest.mark.parametrize(("lon", "lat"), [(180, 52), (-180, 52), (5, 90), (5, -90)])
def test_degrees_on_the_edge_of_the_globe_are_degrees_but_outside_the_grid(lon: float, lat: float) -> None:
    with pytest.raises(ValidationError, match="buiten het RD-stelsel"):
        rd_from_wgs84(lon, lat)


def _fine_envelope(west: float, south: float, east: float, north: float) -> tuple[float, float, float, float]:
    steps = [i / 200 for i in range(201)]
    points = [(west + (east - west) * t, lat) for t in steps for lat in (south, north)]
    points += [(lon, south + (north - south) * t) for t in steps for lon in (west, east)]
    xs, ys = _REFERENCE.transform([p[0] for p in points], [p[1] for p in points])
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize(
    "box_",
    [
        (4.5, 52.3, 4.7, 52.4),  # Heemstede and Haarlem
        (3.3, 50.7, 7.3, 53.6),  # the country
        (0.0, 48.0, 10.0, 58.0),  # beyond the area around the grid: cut to 1..9 E, 49..57 N
        (-10.0, 30.0, 5.0, 52.0),
        (5.0, 52.0, 40.0, 80.0),
    ],
)
def test_rd_box_is_the_envelope_of_the_box_cut_to_the_area_around_the_grid(box_) -> None:
    west, south, east, north = box_
    cut = (max(west, 1.0), max(south, 49.0), min(east, 9.0), min(north, 57.0))
    expected = _fine_envelope(*cut)
    assert rd_box(*box_) == pytest.approx(expected, abs=100)  # an edge sampled at 11 points: up to 74 m off


@pytest.mark.parametrize("box_", [(20.0, 0.0, 30.0, 10.0), (-30.0, 49.0, 0.5, 57.0), (2.0, 58.0, 3.0, 59.0)])
def test_a_box_that_misses_the_area_around_the_grid_is_empty(box_) -> None:
    assert rd_box(*box_) == (0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    "box_",
    [
        (4.7, 52.3, 4.5, 52.4),
        (4.5, 52.3, 4.5, 52.4),
        (4.5, 52.3, 4.7, 52.3),
        (4.5, 52.4, 4.7, 52.3),
        (-181.0, 52.3, 4.7, 52.4),
        (4.5, 52.3, 181.0, 52.4),
        (4.5, -91.0, 4.7, 52.4),
        (4.5, 52.3, 4.7, 91.0),
        (float("nan"), 52.3, 4.7, 52.4),
        (4.5, 52.3, float("inf"), 52.4),
    ],
)
def test_rd_box_refuses_what_is_no_box(box_) -> None:
    with pytest.raises(ValidationError, match="Een kader"):
        rd_box(*box_)


def test_the_whole_globe_is_a_box() -> None:
    assert rd_box(-180, -90, 180, 90) == pytest.approx(_fine_envelope(1.0, 49.0, 9.0, 57.0), abs=100)


def test_kinds_and_sentences() -> None:
    assert [kind.label_nl for kind in ConstraintKind] == ["uitsluiting", "overleg nodig", "ter informatie"]
    natura = layer(mapping(SQUARE), name="Natura 2000")
    (whole,) = natura.hits(box(100_100, 480_100, 100_200, 480_200))
    assert whole.sentence() == "ligt in Natura 2000 gebied 0 (overleg nodig)"
    # 99.5% inside reads as inside; 99.4% is said
    (almost,) = natura.hits(box(100_000 - 0.5, 480_100, 100_099.5, 480_200))
    assert almost.share_inside == pytest.approx(0.995)
    assert almost.sentence() == "ligt in Natura 2000 gebied 0 (overleg nodig)"
    (less,) = natura.hits(box(100_000 - 0.6, 480_100, 100_099.4, 480_200))
    assert less.sentence() == "ligt voor 99% in Natura 2000 gebied 0 (overleg nodig)"
    (far,) = natura.hits(Point(103_345, 480_500), radius_m=5_000)
    assert far.sentence() == "ligt op 2.345 m van Natura 2000 gebied 0 (overleg nodig)"
    assert not far.inside
    assert far.share_inside == 0.0


def test_the_default_radius_is_zero_and_a_negative_radius_is_refused() -> None:
    protected = layer(mapping(SQUARE))
    assert protected.hits(Point(101_000.5, 480_500)) == []  # half a metre outside
    assert len(protected.hits(Point(101_000, 480_500))) == 1  # on the edge: inside
    with pytest.raises(ValidationError, match="negatief"):
        protected.hits(Point(101_000, 480_500), radius_m=-1)


def test_the_nearest_area_however_far_and_none_in_an_empty_layer() -> None:
    two = layer(mapping(SQUARE), mapping(box(110_000, 480_000, 111_000, 481_000)))
    nearest = two.nearest(Point(108_000, 480_500))
    assert nearest is not None
    assert (nearest.feature.name, nearest.distance_m, nearest.share_inside) == ("gebied 1", 2_000.0, 0.0)
    inside = two.nearest(Point(100_500, 480_500))
    assert inside is not None
    assert (inside.feature.name, inside.distance_m, inside.share_inside, inside.inside) == ("gebied 0", 0.0, 1.0, True)
    half = two.nearest(box(100_900, 480_500, 101_100, 480_600))
    assert half is not None
    assert half.share_inside == pytest.approx(0.5)
    empty = Layer.from_geojson("leeg", ConstraintKind.INFORMATION, {"type": "FeatureCollection"}, name_property="n")
    assert empty.nearest(Point(100_500, 480_500)) is None
    assert empty.hits(Point(100_500, 480_500)) == []


def test_check_orders_every_layer_nearest_first_and_names_unnamed_areas() -> None:
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": mapping(SQUARE)},
            {"type": "Feature", "properties": None, "geometry": mapping(box(101_500, 480_000, 102_000, 481_000))},
        ],
    }
    unnamed = Layer.from_geojson("BPL", ConstraintKind.EXCLUSION, data, name_property="naam", crs="EPSG:28992")
    assert [feature.name for feature in unnamed.features] == ["object 1", "object 2"]
    site = Point(101_200, 480_500)
    hits = check(site, [unnamed, layer(mapping(box(100_000, 480_000, 101_100, 481_000)), name="NNN")], radius_m=400)
    assert [(hit.feature.layer, hit.feature.name, round(hit.distance_m)) for hit in hits] == [
        ("NNN", "gebied 0", 100),
        ("BPL", "object 1", 200),
        ("BPL", "object 2", 300),
    ]


def test_a_feature_far_from_the_netherlands_is_refused_with_its_number() -> None:
    with pytest.raises(ValidationError, match="Object 2 ligt niet in of bij Nederland") as refused:
        layer(mapping(SQUARE), mapping(box(0, 0, 10, 10)))
    assert refused.value.details == {"feature": 2}


@pytest.mark.parametrize(
    ("area", "accepted"),
    [
        (box(-200_000, 484_000, -199_000, 485_000), True),  # on the western edge of the envelope
        (box(-200_000.5, 484_000, -199_000, 485_000), False),
        (box(499_000, 484_000, 500_000, 485_000), True),
        (box(499_000, 484_000, 500_000.5, 485_000), False),
        (box(102_000, 200_000, 103_000, 201_000), True),
        (box(102_000, 199_999.5, 103_000, 201_000), False),
        (box(102_000, 899_000, 103_000, 900_000), True),
        (box(102_000, 899_000, 103_000, 900_000.5), False),
    ],
)
def test_the_envelope_around_the_netherlands_edges_included(area, accepted: bool) -> None:
    """RD x −200 km .. 500 km, y 200 km .. 900 km (the North Sea, Doggersbank, included)."""
    if accepted:
        assert len(layer(mapping(area)).features) == 1
    else:
        with pytest.raises(ValidationError, match="Object 1 ligt niet in of bij Nederland"):
            layer(mapping(area))


@pytest.mark.parametrize("box_", [(0.0, 50.0, 1.0, 52.0), (2.0, 40.0, 3.0, 49.0), (9.0, 50.0, 12.0, 52.0)])
def test_a_box_that_only_touches_the_area_around_the_grid_is_empty(box_) -> None:
    assert rd_box(*box_) == (0.0, 0.0, 0.0, 0.0)


def test_wgs84_from_rd_to_seven_decimals_and_check_without_a_radius() -> None:
    reference = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True).transform(123_456, 456_789)
    lon, lat = wgs84_from_rd(123_456, 456_789)
    assert (lon, lat) == (round(reference[0], 7), round(reference[1], 7))  # 4.9268469, 52.0984496
    assert lon != round(reference[0], 6)
    assert lat != round(reference[1], 6)
    assert check(Point(101_000.5, 480_500), [layer(mapping(SQUARE))]) == []


def test_an_unreadable_geometry_is_named_by_its_number() -> None:
    with pytest.raises(ValidationError, match="Object 2 heeft geen leesbare geometrie"):
        layer(mapping(SQUARE), {"type": "Polygon", "coordinates": "nonsense"})
