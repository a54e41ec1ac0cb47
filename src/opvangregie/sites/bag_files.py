"""Reading a municipality's BAG file into rows: the Kadaster BAG 2.0 extract (XML, streamed; see ``bag``; its
buildings, and its units when it is a full extract with VBO parts) or
PDOK's BAG GeoPackage (layers ``pand`` and ``verblijfsobject``).

GeoPackage columns as in PDOK's "BAG GeoPackage" (bag-light.gpkg, https://service.pdok.nl/lv/bag/atom/bag.xml):
``pand``: identificatie, bouwjaar, status, geometry (polygon); ``verblijfsobject``: identificatie,
pand_identificatie, gebruiksdoel (comma-separated), oppervlakte (m²), status, geometry (point). Both in RD New
(EPSG:28992); another CRS is converted. The file is taken to cover the municipality (PDOK's national file is
cut to it first, e.g. with ``ogr2ogr -clipsrc``): every object in it is imported.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon, mapping
from shapely.geometry.base import BaseGeometry

from opvangregie.core.constraints import wgs84_from_rd
from opvangregie.core.vacancy import VACANT_STATUSES
from opvangregie.sites.bag import BagFormatError, UnitVersion, extract_info, read_units, read_versions

Progress = Callable[[int, str], None]  # (objects read, stage)
SQLITE_MAGIC = b"SQLite format 3\x00"
PAND_COLUMNS = ("identificatie", "bouwjaar", "status")
UNIT_COLUMNS = ("identificatie", "pand_identificatie", "gebruiksdoel", "oppervlakte", "status")
PROGRESS_EVERY = 2_000


@dataclass(frozen=True, slots=True)
class BuildingRow:
    identification: str
    status: str
    construction_year: int | None
    footprint_area_m2: float
    rd_x: float
    rd_y: float
    footprint: dict[str, Any] | None = None  # GeoJSON in WGS84, kept for the vacant statuses only


@dataclass(frozen=True, slots=True)
class UnitRow:
    identification: str
    building_identification: str
    functions: tuple[str, ...]
    floor_area_m2: int | None
    status: str
    rd_x: float
    rd_y: float


@dataclass(slots=True)
class BagData:
    buildings: list[BuildingRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    data_date: date | None = None
    municipality: str | None = None  # the 4 digits the extract says it is of, if it says


def file_format(head: bytes) -> str:
    """``"gpkg"`` or ``"xml"`` from a file's first bytes; refuses anything else."""
    if head.startswith(SQLITE_MAGIC):
        return "gpkg"
    if head.startswith(b"PK\x03\x04") or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "xml"
    raise BagFormatError(
        "Dit is geen BAG-bestand: kies een BAG 2.0-extract (.xml of .zip) of een BAG GeoPackage (.gpkg)."
    )


def _wgs84(geometry: BaseGeometry) -> dict[str, Any]:
    """The footprint as a GeoJSON geometry in WGS84 (RFC 7946)."""

    def convert(coordinates: Any) -> Any:
        return np.array([wgs84_from_rd(float(x), float(y)) for x, y in coordinates])

    return dict(mapping(shapely.transform(geometry, convert)))


def _building(identification: str, status: str, year: int | None, geometry: BaseGeometry | None) -> BuildingRow:
    if geometry is None or geometry.is_empty:
        raise BagFormatError(f"Pand {identification} heeft geen geometrie.")
    centroid = geometry.centroid if geometry.area else geometry.representative_point()
    return BuildingRow(
        identification=identification,
        status=status,
        construction_year=year,
        footprint_area_m2=round(float(geometry.area), 1),
        rd_x=round(float(centroid.x), 2),
        rd_y=round(float(centroid.y), 2),
        footprint=_wgs84(geometry) if status in VACANT_STATUSES else None,
    )


def read_extract(path: Path, on_progress: Progress) -> BagData:
    """The buildings in force of a BAG 2.0 extract (one row per building: its highest voorkomen in force)."""
    info = extract_info(path)
    current: dict[str, Any] = {}
    seen = 0
    for version in read_versions(path):
        seen += 1
        held = current.get(version.identification)
        if version.in_force and (held is None or version.version > held.version):
            current[version.identification] = version
        if seen % PROGRESS_EVERY == 0:
            on_progress(seen, f"{seen:,} voorkomens van panden gelezen".replace(",", "."))
    on_progress(seen, "Panden uitrekenen")
    data = BagData(data_date=info.data_date, municipality=info.municipality)
    for version in current.values():
        ring = version.footprint
        geometry: BaseGeometry | None = Polygon(ring) if len(ring) >= 3 else None
        if geometry is not None and not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        data.buildings.append(_building(version.identification, version.status, version.construction_year, geometry))
    data.units = _extract_units(path, data, on_progress, seen)
    return data


def _extract_units(path: Path, data: BagData, on_progress: Progress, seen: int) -> list[UnitRow]:
    """The units in force of a full extract (its VBO parts); a unit without a point takes its building's."""
    current: dict[str, UnitVersion] = {}
    for version in read_units(path):
        seen += 1
        held = current.get(version.identification)
        if version.in_force and (held is None or version.version > held.version):
            current[version.identification] = version
        if seen % PROGRESS_EVERY == 0:
            on_progress(seen, f"{seen:,} voorkomens gelezen".replace(",", "."))
    centroids = {b.identification: (b.rd_x, b.rd_y) for b in data.buildings}
    units = []
    for unit in current.values():
        building = unit.buildings[0] if unit.buildings else ""
        point = unit.point or centroids.get(building)
        if point is None:
            continue  # nowhere to put it: neither a point nor a building in the file
        units.append(
            UnitRow(
                identification=unit.identification,
                building_identification=building[:16],
                functions=unit.functions,
                floor_area_m2=unit.floor_area_m2,
                status=unit.status,
                rd_x=round(point[0], 2),
                rd_y=round(point[1], 2),
            )
        )
    return units


def _layer(path: Path, layer: str, columns: tuple[str, ...]) -> tuple[list[BaseGeometry | None], dict[str, Any]]:
    """Geometries (RD New) and columns of a GeoPackage layer."""
    import pyogrio
    from pyogrio.raw import read
    from pyproj import CRS, Transformer

    try:
        layers = {str(name) for name, _kind in pyogrio.list_layers(path)}
        if layer not in layers:
            raise BagFormatError(f"Het GeoPackage heeft geen laag '{layer}' (zoals PDOK's BAG GeoPackage).")
        present = set(pyogrio.read_info(path, layer=layer)["fields"])
        missing = [column for column in columns if column not in present]
        if missing:
            raise BagFormatError(f"Laag '{layer}' mist de kolom(men) {', '.join(missing)}.")
        meta, _fids, wkb, values = read(path, layer=layer, columns=list(columns))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError) as error:
        raise BagFormatError(f"Het GeoPackage is onleesbaar (laag '{layer}'): {error}") from None
    geometries = list(shapely.from_wkb(wkb, on_invalid="ignore")) if wkb is not None else []
    crs = meta.get("crs")
    if crs and CRS.from_user_input(crs).to_epsg() != 28992:
        transformer = Transformer.from_crs(crs, "EPSG:28992", always_xy=True)

        def to_rd(coordinates: Any) -> Any:
            x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
            return np.column_stack((x, y))

        geometries = [shapely.transform(g, to_rd) if g is not None else None for g in geometries]
    return geometries, dict(zip(meta["fields"], values, strict=True))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _whole(value: Any) -> int | None:
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _functions(raw: Any) -> tuple[str, ...]:
    parts: Iterable[str] = _text(raw).replace(";", ",").split(",")
    return tuple(part.strip().lower() for part in parts if part.strip())


def _gpkg_date(path: Path) -> date | None:
    """The last change of the ``pand`` layer (gpkg_contents), as the date of the data."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            row = connection.execute("SELECT last_change FROM gpkg_contents WHERE table_name = 'pand'").fetchone()
    except sqlite3.Error:
        return None
    try:
        return date.fromisoformat(str(row[0])[:10]) if row and row[0] else None
    except ValueError:
        return None


def read_geopackage(path: Path, on_progress: Progress) -> BagData:
    """The buildings and units of a PDOK BAG GeoPackage (see the module's docstring for the columns)."""
    data = BagData(data_date=_gpkg_date(path))
    geometries, columns = _layer(path, "pand", PAND_COLUMNS)
    for index, geometry in enumerate(geometries):
        identification = _text(columns["identificatie"][index])
        if not identification:
            raise BagFormatError(f"Pand {index + 1} in laag 'pand' heeft geen identificatie.")
        year = _whole(columns["bouwjaar"][index])
        data.buildings.append(
            _building(identification, _text(columns["status"][index]), year if year != 9999 else None, geometry)
        )
        if (index + 1) % PROGRESS_EVERY == 0:
            on_progress(index + 1, f"{index + 1:,} panden gelezen".replace(",", "."))
    geometries, columns = _layer(path, "verblijfsobject", UNIT_COLUMNS)
    for index, geometry in enumerate(geometries):
        identification = _text(columns["identificatie"][index])
        if not identification or geometry is None or geometry.is_empty:
            raise BagFormatError(f"Verblijfsobject {index + 1} heeft geen identificatie of geen punt.")
        point = geometry.representative_point()  # a Point is its own
        data.units.append(
            UnitRow(
                identification=identification,
                building_identification=_text(columns["pand_identificatie"][index])[:16],
                functions=_functions(columns["gebruiksdoel"][index]),
                floor_area_m2=_whole(columns["oppervlakte"][index]),
                status=_text(columns["status"][index]),
                rd_x=round(float(point.x), 2),
                rd_y=round(float(point.y), 2),
            )
        )
        if (index + 1) % PROGRESS_EVERY == 0:
            on_progress(len(data.buildings) + index + 1, f"{index + 1:,} verblijfsobjecten gelezen".replace(",", "."))
    return data


def read_bag_file(path: Path, on_progress: Progress) -> BagData:
    """A BAG 2.0 extract (.xml/.zip) or a PDOK BAG GeoPackage, told apart by their first bytes."""
    with path.open("rb") as stream:
        head = stream.read(64)
    if file_format(head) == "gpkg":
        return read_geopackage(path, on_progress)
    return read_extract(path, on_progress)
