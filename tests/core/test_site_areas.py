"""core.site_areas: a candidate site's area read and checked in RD New, and the share of it under constraints."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import box, mapping

from opvangregie.core.errors import ValidationError
from opvangregie.core.site_areas import (
    MAX_SITE_AREA_M2,
    MAX_TEXT,
    RD_NEW,
    WGS84,
    covered_share,
    rd_from_geojson,
    site_area_parse,
    wgs84_geojson,
)

# a 100 m × 50 m field in Heemstede, RD New metres
FIELD = box(102_000, 484_000, 102_100, 484_050)


def test_wkt_geojson_and_a_feature_in_rd_new() -> None:
    assert site_area_parse(FIELD.wkt, crs=RD_NEW).area == 5_000
    assert site_area_parse(json.dumps(mapping(FIELD)), crs=RD_NEW).area == 5_000
    feature = {"type": "Feature", "properties": {}, "geometry": mapping(FIELD)}
    assert site_area_parse(json.dumps(feature), crs=RD_NEW).area == 5_000
    two = shapely.MultiPolygon([FIELD, box(102_200, 484_000, 102_210, 484_010)])
    assert site_area_parse(two.wkt, crs=RD_NEW).area == 5_100


def test_wgs84_is_moved_to_rd_new() -> None:
    """A small square near Heemstede in degrees lands near RD (102 km, 484 km)."""
    square = box(4.620, 52.350, 4.621, 52.351)
    area = site_area_parse(square.wkt, crs=WGS84)
    west, south, _east, _north = area.bounds
    assert 101_000 < west < 104_000
    assert 483_000 < south < 487_000
    assert 7_000 < area.area < 8_000  # about 68 m × 111 m


@pytest.mark.parametrize(
    ("text", "crs", "message"),
    [
        (FIELD.wkt, "EPSG:3857", "Kies RD New"),
        ("POINT (102000 484000)", RD_NEW, "moet een vlak zijn"),
        ("POLYGON EMPTY", RD_NEW, "moet een vlak zijn"),
        ("LINESTRING (102000 484000, 102100 484000)", RD_NEW, "moet een vlak zijn"),
        ("geen geometrie", RD_NEW, "geen leesbare WKT"),
        ('{"type": "Polygon"', RD_NEW, "geen leesbare GeoJSON"),
        ('{"type": "Polygon", "coordinates": "x"}', RD_NEW, "geen leesbare GeoJSON"),
        (FIELD.wkt, WGS84, "geen lengte- en breedtegraden"),
        (box(4.6, 52.3, 4.7, 52.4).wkt, RD_NEW, "buiten Nederland"),
        (box(-8_000, 400_000, -7_500, 400_500).wkt, RD_NEW, "buiten Nederland"),
        (box(299_900, 400_000, 300_100, 400_100).wkt, RD_NEW, "buiten Nederland"),
        (box(100_000, 288_900, 100_100, 289_100).wkt, RD_NEW, "buiten Nederland"),
        (box(100_000, 628_900, 100_100, 629_100).wkt, RD_NEW, "buiten Nederland"),
        (box(102_000, 484_000, 102_000.5, 484_001).wkt, RD_NEW, "geen oppervlak"),
        (box(100_000, 480_000, 105_001, 485_000).wkt, RD_NEW, "groter dan 25 km²"),
        (" " * (MAX_TEXT + 1), RD_NEW, "langer dan 200.000 tekens"),
    ],
)
def test_what_is_refused(text: str, crs: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        site_area_parse(text, crs=crs)


def test_the_limits_themselves_are_allowed() -> None:
    assert site_area_parse(box(102_000, 484_000, 102_001, 484_001).wkt, crs=RD_NEW).area == 1  # 1 m²
    assert site_area_parse(box(100_000, 480_000, 105_000, 485_000).wkt, crs=RD_NEW).area == MAX_SITE_AREA_M2
    assert site_area_parse(box(-7_000, 289_000, -6_000, 290_000).wkt, crs=RD_NEW).area == 1_000_000
    assert site_area_parse(box(299_000, 628_000, 300_000, 629_000).wkt, crs=RD_NEW).area == 1_000_000


@pytest.mark.parametrize(
    "degrees", [box(-180, 10, -179, 11), box(179, 10, 180, 11), box(10, -90, 11, -89), box(10, 89, 11, 90)]
)
def test_degrees_on_the_edge_of_the_globe_are_degrees_but_not_in_the_netherlands(degrees: shapely.Polygon) -> None:
    with pytest.raises(ValidationError, match="buiten Nederland"):
        site_area_parse(degrees.wkt, crs=WGS84)


def test_a_bowtie_is_repaired_into_its_two_triangles() -> None:
    bowtie = "POLYGON ((102000 484000, 102100 484100, 102100 484000, 102000 484100, 102000 484000))"
    repaired = site_area_parse(bowtie, crs=RD_NEW)
    assert repaired.is_valid
    assert repaired.area == 5_000  # two triangles of 50 m × 100 m / 2


def test_wgs84_geojson_and_back_within_centimetres() -> None:
    text = wgs84_geojson(FIELD)
    data = json.loads(text)
    assert data["type"] == "Polygon"
    longitude, latitude = data["coordinates"][0][0]
    assert 4.5 < longitude < 4.8
    assert 52.2 < latitude < 52.5
    assert all(len(f"{value}".split(".")[1]) <= 7 for ring in data["coordinates"] for point in ring for value in point)
    back = rd_from_geojson(text)
    assert back.is_valid
    assert back.symmetric_difference(FIELD).area < 5  # a few cm along 300 m of edge


def test_covered_share() -> None:
    half = box(102_000, 484_000, 102_050, 484_050)
    assert covered_share(FIELD, [half]) == 0.5
    assert covered_share(FIELD, [half, half]) == 0.5  # overlapping parts count once
    assert covered_share(FIELD, [half, box(102_025, 484_000, 102_075, 484_050)]) == 0.75
    assert covered_share(FIELD, [box(101_000, 483_000, 103_000, 485_000)]) == 1.0
    assert covered_share(FIELD, []) == 0.0
    assert covered_share(FIELD, [box(0, 300_000, 10, 300_010)]) == 0.0
    assert covered_share(shapely.Polygon(), [half]) == 0.0
    line_touch = box(102_100, 484_000, 102_200, 484_050)  # touches the eastern edge only
    assert covered_share(FIELD, [line_touch]) == 0.0


@pytest.mark.parametrize(
    "not_degrees",
    [
        box(-180.5, 10, -179, 11),
        box(179, 10, 180.5, 11),
        box(10, -90.5, 11, -89),
        box(10, 89, 11, 90.5),
        box(4.6, -95, 4.7, 52.4),  # only the south out of range
        box(200, 52, 201, 53),  # only the longitudes out of range
    ],
)
def test_just_beyond_the_degrees_of_the_globe(not_degrees: shapely.Polygon) -> None:
    with pytest.raises(ValidationError, match="geen lengte- en breedtegraden"):
        site_area_parse(not_degrees.wkt, crs=WGS84)


def test_a_text_of_exactly_the_maximum_length_is_read() -> None:
    text = FIELD.wkt.ljust(MAX_TEXT)
    assert len(text) == MAX_TEXT
    assert site_area_parse(text, crs=RD_NEW).area == 5_000


def test_an_invalid_wgs84_shape_comes_back_repaired() -> None:
    ring = [[4.62, 52.35], [4.63, 52.36], [4.63, 52.35], [4.62, 52.36], [4.62, 52.35]]
    bowtie = json.dumps({"type": "Polygon", "coordinates": [ring]})
    back = rd_from_geojson(bowtie)
    assert back.is_valid
    assert back.geom_type == "MultiPolygon"


def test_a_point_or_a_line_has_no_share_covered() -> None:
    assert covered_share(shapely.Point(102_050, 484_025), [FIELD]) == 0.0
    assert covered_share(shapely.LineString([(102_000, 484_000), (102_100, 484_000)]), [FIELD]) == 0.0


def test_a_share_is_never_above_one() -> None:
    """An area covered by itself: in floating point its covered area comes out a hair above its own area
    (1.0000000000000002 of it for this polygon); the share is 1."""
    corners = [
        (102416.73855999808, 484287.01136764477),
        (102267.05154249472, 484203.7879324863),
        (102116.19323828892, 484168.3825056329),
        (102457.86539811248, 484014.3301854149),
        (102139.84285291652, 484302.90961515636),
        (102347.78270186149, 484349.30793516577),
        (102163.19514425335, 484270.8829712298),
    ]
    area = shapely.convex_hull(shapely.MultiPoint(corners))
    assert shapely.union_all([area.intersection(area)]).area > area.area  # the hair
    assert covered_share(area, [area]) == 1.0
