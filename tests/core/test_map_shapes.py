"""Shapes for web maps: boxes and zoom levels read strictly, shapes cut to a box and simplified per zoom."""

from __future__ import annotations

import pytest
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Polygon, shape

from opvangregie.core.errors import ValidationError
from opvangregie.core.layer_files import polygonal
from opvangregie.core.map_shapes import DETAIL_ZOOM, ShapeSet, parse_bbox, parse_zoom, tolerance_degrees


def _square(west: float, south: float, size: float, steps: int = 1) -> dict:
    """A square with ``steps`` points per side: more vertices than a coarse zoom level needs."""
    edge = [i / steps for i in range(steps)]
    ring = (
        [(west + size * t, south) for t in edge]
        + [(west + size, south + size * t) for t in edge]
        + [(west + size - size * t, south + size) for t in edge]
        + [(west, south + size - size * t) for t in edge]
    )
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _collection() -> ShapeSet:
    features = [
        {"type": "Feature", "geometry": _square(4.5, 52.3, 0.1, steps=50), "properties": {"c": "GM0001", "n": "A"}},
        {"type": "Feature", "geometry": _square(5.5, 52.3, 0.1), "properties": {"c": "GM0002", "n": "B"}},
    ]
    return ShapeSet.from_geojson({"features": features}, key_property="c", name_property="n")


def test_a_box_is_west_south_east_north_in_degrees() -> None:
    assert parse_bbox("4.5,52.3,4.7,52.4") == (4.5, 52.3, 4.7, 52.4)
    for wrong in (
        "4.7,52.3,4.5,52.4",
        "4.5,52.4,4.7,52.3",
        "1,2,3",
        "a,b,c,d",
        "nan,1,2,3",
        "-inf,0,inf,1",
        "0,-91,1,1",
    ):
        with pytest.raises(ValidationError):
            parse_bbox(wrong)


def test_zoom_levels_run_from_0_to_20_and_each_halves_the_tolerance() -> None:
    assert parse_zoom(0) == 0
    assert parse_zoom(20) == 20
    for wrong in (-1, 21):
        with pytest.raises(ValidationError):
            parse_zoom(wrong)
    # At zoom 0 one tile of 256 pixels spans 360 degrees: half a pixel is 360 / 512 degrees.
    assert tolerance_degrees(0) == pytest.approx(360 / 512)
    assert tolerance_degrees(8) == pytest.approx(360 / 512 / 256)


def test_only_the_shapes_in_the_box_and_among_the_keys_are_sent() -> None:
    shapes = _collection()
    assert [f["properties"]["code"] for f in shapes.features(zoom=8)] == ["GM0001", "GM0002"]
    assert [f["properties"]["code"] for f in shapes.features(zoom=8, bbox=(4.0, 52.0, 5.0, 53.0))] == ["GM0001"]
    assert shapes.features(zoom=8, bbox=(6.0, 52.0, 7.0, 53.0)) == []
    assert [f["properties"]["name"] for f in shapes.features(zoom=8, keys={"GM0002"})] == ["B"]


def test_a_coarse_zoom_level_sends_fewer_vertices_and_the_detail_level_all() -> None:
    shapes = _collection()

    def vertices(zoom: int) -> int:
        return len(shape(shapes.features(zoom=zoom, keys={"GM0001"})[0]["geometry"]).exterior.coords)

    assert vertices(DETAIL_ZOOM) == 201  # 4 sides of 50 points, closed
    assert vertices(20) == 201
    assert vertices(6) == 5  # a square is a square at any zoom
    coarse = shape(shapes.features(zoom=6, keys={"GM0001"})[0]["geometry"])
    assert coarse.area == pytest.approx(0.01)


def test_a_repaired_shape_keeps_its_polygons_only() -> None:
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    other = Polygon([(2, 0), (3, 0), (3, 1), (2, 1)])
    assert polygonal(square) is square
    assert polygonal(GeometryCollection([square, LineString([(5, 5), (6, 6)])])).equals(square)
    both = polygonal(GeometryCollection([square, other, LineString([(5, 5), (6, 6)])]))
    assert isinstance(both, MultiPolygon)
    assert both.area == 2
    assert polygonal(LineString([(0, 0), (1, 1)])).is_empty


def test_a_bow_tie_is_repaired_into_two_triangles() -> None:
    bow_tie = {"type": "Polygon", "coordinates": [[[4.0, 52.0], [4.2, 52.2], [4.2, 52.0], [4.0, 52.2], [4.0, 52.0]]]}
    shapes = ShapeSet.from_geojson(
        {"features": [{"geometry": bow_tie, "properties": {"c": "X", "n": "X"}}]}, key_property="c", name_property="n"
    )
    repaired = shape(shapes.features(zoom=DETAIL_ZOOM)[0]["geometry"])
    assert repaired.is_valid
    assert repaired.area == pytest.approx(0.02)


def test_the_edges_of_a_box_and_of_the_globe() -> None:
    assert parse_bbox("-180,-90,180,90") == (-180.0, -90.0, 180.0, 90.0)
    assert parse_bbox(" 4.5, 52.3 ,4.7,52.4") == (4.5, 52.3, 4.7, 52.4)
    for wrong in ("1,1,1,2", "1,1,2,1", "-180.5,0,1,1", "0,0,180.5,1", "0,-90.5,1,1", "0,0,1,90.5", "1,2,3,4,5"):
        with pytest.raises(ValidationError, match="west"):
            parse_bbox(wrong)


def test_half_a_pixel_per_level_and_the_detail_level_from_12() -> None:
    assert tolerance_degrees(1) == 360 / 256 / 2 / 2
    assert tolerance_degrees(12) == 360 / 256 / 4096 / 2
    shapes = _collection()

    def vertices(zoom: int) -> int:
        return len(shape(shapes.features(zoom=zoom, keys={"GM0001"})[0]["geometry"]).exterior.coords)

    assert (vertices(11), vertices(12), vertices(13)) == (5, 201, 201)
    assert vertices(11) == 5  # the simplified level is kept and served again
    with pytest.raises(ValidationError, match="0 tot en met 20"):
        shapes.features(zoom=21)


def test_features_are_geojson_features_and_keep_their_topology_when_coarse() -> None:
    """At zoom 0 half a pixel is 0.7°: simplified without keeping the topology, a 0.1° square would vanish."""
    shapes = _collection()
    (feature,) = shapes.features(zoom=0, keys={"GM0002"})
    assert feature["type"] == "Feature"
    assert not shape(feature["geometry"]).is_empty
    assert shape(feature["geometry"]).is_valid
