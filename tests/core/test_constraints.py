"""Sites against constraint layers, on worked geometries in RD New metres (core.constraints)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Point, box, mapping

from opvangregie.core.constraints import ConstraintKind, Layer, check, rd_from_wgs84
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
