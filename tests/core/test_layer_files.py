"""core.layer_files: a constraint layer read from a file, checked feature by feature, in WGS84."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import box, mapping

from opvangregie.core import layer_files
from opvangregie.core.errors import ValidationError
from opvangregie.core.layer_files import read_layer_file

RD = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
SQUARE = box(102_000, 484_000, 103_000, 485_000)  # 1 km² in Heemstede, RD New


def write(tmp_path: Path, features: list[dict[str, Any]], *, crs: dict | None = RD, name: str = "laag.geojson") -> Path:
    data: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if crs is not None:
        data["crs"] = crs
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def feature(geometry: Any, **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def test_rd_new_areas_come_out_in_wgs84_with_their_names(tmp_path: Path) -> None:
    other = box(110_000, 480_000, 111_000, 481_000)
    read = read_layer_file(write(tmp_path, [feature(mapping(SQUARE), naam="BPL"), feature(mapping(other), naam="NNN")]))
    assert "28992" in read.source_crs
    assert [area.name for area in read.areas] == ["BPL", "NNN"]
    assert read.repaired == 0
    west, south, east, north = read.areas[0].geometry.bounds
    assert 4.5 < west < east < 4.8
    assert 52.3 < south < north < 52.4
    collection = read.geojson()
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"] for f in collection["features"]] == [{"naam": "BPL"}, {"naam": "NNN"}]
    assert [f["type"] for f in collection["features"]] == ["Feature", "Feature"]


def test_geojson_without_a_crs_is_wgs84(tmp_path: Path) -> None:
    read = read_layer_file(write(tmp_path, [feature(mapping(box(4.6, 52.3, 4.61, 52.31)), name="x")], crs=None))
    assert "4326" in read.source_crs or "WGS 84" in read.source_crs or "CRS84" in read.source_crs
    assert read.areas[0].geometry.bounds == pytest.approx((4.6, 52.3, 4.61, 52.31))


@pytest.mark.parametrize(
    ("properties", "name_field", "expected"),
    [
        ({"naam": "A", "name": "B"}, "", "A"),  # naam before name
        ({"name": "B", "label": "C"}, "", "B"),
        ({"Omschrijving": "D"}, "", "D"),  # case does not matter
        ({"gebied": "E", "naam": "A"}, "GEBIED", "E"),  # the chosen field, any case
        ({"code": "F"}, "", "object 1"),  # no usual name field
        ({"naam": None}, "", "object 1"),
        ({"naam": "x" * 250}, "", "x" * 200),
        ({"naam": 12}, "", "12"),
        ({}, "", "object 1"),  # no fields at all
    ],
)
def test_names(tmp_path: Path, properties: dict, name_field: str, expected: str) -> None:
    """Files with no attribute field or with several were refused with a crash before these tests (the field
    list is a numpy array, whose truth is ambiguous); only one-field files were read."""
    read = read_layer_file(write(tmp_path, [feature(mapping(SQUARE), **properties)]), name_field=name_field)
    assert read.areas[0].name == expected


def test_a_chosen_field_that_is_not_there(tmp_path: Path) -> None:
    path = write(tmp_path, [feature(mapping(SQUARE), naam="A", code="1")])
    with pytest.raises(ValidationError, match=r"geen veld 'gebied'; er zijn: naam, code\."):
        read_layer_file(path, name_field="gebied")


def test_a_bowtie_is_repaired_and_counted(tmp_path: Path) -> None:
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[102000, 484000], [103000, 485000], [103000, 484000], [102000, 485000], [102000, 484000]]],
    }
    read = read_layer_file(write(tmp_path, [feature(bowtie, naam="vlinder"), feature(mapping(SQUARE), naam="vak")]))
    assert read.repaired == 1
    assert read.areas[0].geometry.is_valid
    assert read.areas[0].geometry.geom_type == "MultiPolygon"


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (None, "Object 2 heeft geen geometrie"),
        ({"type": "Point", "coordinates": [102000, 484000]}, "Object 2 is geen vlak maar een Point"),
        (mapping(box(0, 0, 1000, 1000)), "Object 2 ligt niet in of bij Nederland"),
        (mapping(box(-201_000, 484_000, -199_000, 485_000)), "Object 2 ligt niet in of bij Nederland"),
        (mapping(box(102_000, 199_000, 103_000, 201_000)), "Object 2 ligt niet in of bij Nederland"),
        (mapping(box(499_000, 484_000, 501_000, 485_000)), "Object 2 ligt niet in of bij Nederland"),
        (mapping(box(102_000, 899_000, 103_000, 901_000)), "Object 2 ligt niet in of bij Nederland"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[102000, 484000], [103000, 484000], [104000, 484000], [102000, 484000]]],
            },
            "Object 2 heeft een ongeldige geometrie",
        ),
        (mapping(box(102_000, 484_000, 102_000.001, 484_000.001)), "Object 2 is te klein"),
    ],
)
def test_one_bad_feature_refuses_the_file(tmp_path: Path, geometry: Any, message: str) -> None:
    path = write(tmp_path, [feature(mapping(SQUARE), naam="goed"), feature(geometry, naam="fout")])
    with pytest.raises(ValidationError, match=message):
        read_layer_file(path)


def test_the_envelope_reaches_into_the_north_sea(tmp_path: Path) -> None:
    """RD x −200 km .. 500 km, y 200 km .. 900 km: a square at the western and northern edges is read."""
    sea = box(-199_000, 800_000, -198_000, 899_000)
    assert read_layer_file(write(tmp_path, [feature(mapping(sea), naam="zee")])).areas[0].name == "zee"


def test_files_that_are_no_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="Lever een GeoJSON-bestand"):
        read_layer_file(tmp_path / "laag.txt")
    broken = tmp_path / "kapot.geojson"
    broken.write_text("{dit is geen json")
    with pytest.raises(ValidationError, match="niet te lezen als kaartlaag"):
        read_layer_file(broken)
    with pytest.raises(ValidationError, match="geen objecten"):
        read_layer_file(write(tmp_path, []))
    monkeypatch.setattr(layer_files, "MAX_FEATURES", 2)
    two = [feature(mapping(SQUARE), naam="a"), feature(mapping(SQUARE), naam="b")]
    assert len(read_layer_file(write(tmp_path, two)).areas) == 2
    with pytest.raises(ValidationError, match="meer dan 2 objecten"):
        read_layer_file(write(tmp_path, [*two, feature(mapping(SQUARE), naam="c")]))
    for suffix in (".json", ".JSON", ".GeoJSON"):
        path = write(tmp_path, two, name=f"laag{suffix}")
        assert len(read_layer_file(path).areas) == 2


def test_polygonal_keeps_areas_only() -> None:
    square = box(0, 0, 1, 1)
    assert layer_files.polygonal(shapely.MultiPolygon([square])).geom_type == "MultiPolygon"
    assert layer_files.polygonal(shapely.Point(0, 0)).is_empty
    assert layer_files.polygonal(shapely.GeometryCollection([shapely.Point(0, 0)])).is_empty


@pytest.mark.parametrize("field", ["naam", "name", "gebiedsnaam", "naam_n2k", "omschrijving", "label", "titel"])
def test_every_usual_name_field(tmp_path: Path, field: str) -> None:
    read = read_layer_file(write(tmp_path, [feature(mapping(SQUARE), code="1", **{field: "Kennemerland-Zuid"})]))
    assert read.areas[0].name == "Kennemerland-Zuid"


@pytest.mark.parametrize(
    ("area", "accepted"),
    [
        (box(-200_000, 484_000, -199_000, 485_000), True),  # RD x −200 km .. 500 km, y 200 km .. 900 km
        (box(-200_000.5, 484_000, -199_000, 485_000), False),
        (box(499_000, 484_000, 500_000, 485_000), True),
        (box(499_000, 484_000, 500_000.5, 485_000), False),
        (box(102_000, 200_000, 103_000, 201_000), True),
        (box(102_000, 199_999.5, 103_000, 201_000), False),
        (box(102_000, 899_000, 103_000, 900_000), True),
        (box(102_000, 899_000, 103_000, 900_000.5), False),
    ],
)
def test_the_envelope_edges_included(tmp_path: Path, area: shapely.Polygon, accepted: bool) -> None:
    path = write(tmp_path, [feature(mapping(area), naam="rand")])
    if accepted:
        assert read_layer_file(path).areas[0].name == "rand"
    else:
        with pytest.raises(ValidationError, match="Object 1 ligt niet in of bij Nederland"):
            read_layer_file(path)


def test_wgs84_to_seven_decimals_and_the_geometry_in_the_collection(tmp_path: Path) -> None:
    read = read_layer_file(write(tmp_path, [feature(mapping(SQUARE), naam="vak")]))
    geometry = read.areas[0].geometry
    coordinates = list(geometry.exterior.coords)
    assert all(abs(value * 1e7 - round(value * 1e7)) < 1e-3 for point in coordinates for value in point)
    assert any(abs(value * 1e6 - round(value * 1e6)) > 1e-3 for point in coordinates for value in point)
    (collected,) = read.geojson()["features"]
    assert shapely.geometry.shape(collected["geometry"]).equals(geometry)


def test_a_collection_without_an_area_is_refused(tmp_path: Path) -> None:
    line = {
        "type": "GeometryCollection",
        "geometries": [{"type": "LineString", "coordinates": [[102000, 484000], [103000, 485000]]}],
    }
    with pytest.raises(ValidationError, match="Object 1 heeft een ongeldige geometrie die niet te herstellen is"):
        read_layer_file(write(tmp_path, [feature(line, naam="lijn")]))


def test_a_collection_keeps_only_its_areas(tmp_path: Path) -> None:
    """A constraint layer consists of areas: a line beside an area in a valid collection is dropped (a bare
    line is refused), and two overlapping squares become one area, not two counted twice."""
    far_line = shapely.LineString([(110_000, 480_000), (111_000, 481_000)])
    with_line = mapping(shapely.GeometryCollection([SQUARE, far_line]))
    overlap = mapping(shapely.GeometryCollection([SQUARE, box(102_500, 484_500, 103_500, 485_500)]))
    read = read_layer_file(write(tmp_path, [feature(with_line, naam="lijn"), feature(overlap, naam="dubbel")]))
    square, merged = (area.geometry for area in read.areas)
    assert square.geom_type == "Polygon"
    to_wgs84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
    lons, lats = to_wgs84.transform([102_000, 103_000, 103_000, 102_000], [484_000, 484_000, 485_000, 485_000])
    assert square.bounds == pytest.approx((min(lons), min(lats), max(lons), max(lats)), abs=1e-7)
    assert merged.geom_type == "Polygon"  # the union of two overlapping squares: one L-shaped outline
    assert len(merged.exterior.coords) == 8 + 1
    assert read.repaired == 0


def test_a_crs_that_pyproj_does_not_know_is_refused() -> None:
    with pytest.raises(ValidationError, match="Het coördinatenstelsel EPSG:999999 van het bestand is onbekend"):
        layer_files._transformers("EPSG:999999")


def test_the_limit_of_objects_and_a_long_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert layer_files.MAX_FEATURES == 20_000
    monkeypatch.setattr(layer_files, "MAX_FEATURES", 0)
    with pytest.raises(ValidationError, match="geen objecten"):  # 0 objects is not more than 0
        read_layer_file(write(tmp_path, []))
    with pytest.raises(ValidationError) as refused:
        read_layer_file(tmp_path / ("x" * 250 + ".geojson"))
    message = str(refused.value.args[0])
    assert len(message[message.index("(") + 1 : message.rindex(")")]) == 200  # the reader's error, cut at 200


def test_a_geopackage_and_a_zipped_shapefile(tmp_path: Path) -> None:
    import zipfile

    import numpy as np
    from pyogrio.raw import write as write_raw

    def layer_at(path: Path, driver: str) -> None:
        write_raw(
            str(path),
            np.array([shapely.to_wkb(SQUARE)], dtype=object),
            [np.array(["BPL"], dtype=object)],
            fields=["naam"],
            geometry_type="Polygon",
            crs="EPSG:28992",
            driver=driver,
        )

    layer_at(tmp_path / "laag.gpkg", "GPKG")
    assert [area.name for area in read_layer_file(tmp_path / "laag.gpkg").areas] == ["BPL"]
    shapefile = tmp_path / "shp"
    shapefile.mkdir()
    layer_at(shapefile / "laag.shp", "ESRI Shapefile")
    with zipfile.ZipFile(tmp_path / "laag.zip", "w") as archive:
        for part in shapefile.iterdir():
            archive.write(part, part.name)
    assert [area.name for area in read_layer_file(tmp_path / "laag.zip").areas] == ["BPL"]
