"""Reading BAG 2.0 extracts (Basisregistratie Adressen en Gebouwen, Kadaster "LV standlevering" XML).

The extract holds every voorkomen (version) of every building (pand) with its period of validity
(Catalogus BAG 2018, Historie: beginGeldigheid/eindGeldigheid) and registration; a correction makes a
voorkomen inactive (tijdstipInactief). The voorkomen in force is the one that has not ended and was not
made inactive. Files are streamed (a national extract is many gigabytes): one element at a time, cleared
after use, from an .xml file or from every .xml member of a .zip.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, TypeVar
from xml.etree.ElementTree import Element, iterparse

from opvangregie.core.vacancy import VACANT_STATUSES

OBJECTS = "{www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601}"
HISTORY = "{www.kadaster.nl/schemas/lvbag/imbag/historie/v20200601}"
GML = "{http://www.opengis.net/gml/3.2}"
OBJECTS_REF = "{www.kadaster.nl/schemas/lvbag/imbag/objecten-ref/v20200601}"
BUILDING = f"{OBJECTS}Pand"
UNIT = f"{OBJECTS}Verblijfsobject"
T = TypeVar("T")

EXTRACT = "{http://www.kadaster.nl/schemas/lvbag/extract-selecties/v20200601}"
ZIP_MAGIC = b"PK\x03\x04"


class BagFormatError(ValueError):
    """The file is not a BAG 2.0 building extract."""


@dataclass(frozen=True, slots=True)
class BuildingVersion:
    """One voorkomen of a building: its status and footprint (RD New) over its period of validity."""

    identification: str
    version: int
    status: str
    construction_year: int | None
    valid_from: date | None
    valid_until: date | None  # eindGeldigheid: None while it has not ended
    inactive: bool  # tijdstipInactief: withdrawn by a correction
    footprint: tuple[tuple[float, float], ...] = ()

    @property
    def in_force(self) -> bool:
        """Not ended and not made inactive by a correction."""
        return self.valid_until is None and not self.inactive


def _text(element: Element, path: str) -> str | None:
    found = element.find(path)
    return found.text.strip() if found is not None and found.text else None


def _day(raw: str | None) -> date | None:
    return date.fromisoformat(raw[:10]) if raw else None


def _footprint(element: Element) -> tuple[tuple[float, float], ...]:
    """The outer ring in RD New (x, y); BAG 2.0 writes 3D positions (srsDimension 3) with z = 0."""
    polygon = element.find(f"{OBJECTS}geometrie/{GML}Polygon")
    pos = polygon.find(f"{GML}exterior//{GML}posList") if polygon is not None else None
    if polygon is None or pos is None or not pos.text:
        return ()
    dimension = int(pos.get("srsDimension") or polygon.get("srsDimension") or "2")
    numbers = [float(value) for value in pos.text.split()]
    return tuple((numbers[i], numbers[i + 1]) for i in range(0, len(numbers), dimension))


def _version(element: Element) -> BuildingVersion:
    identification = _text(element, f"{OBJECTS}identificatie")
    history = element.find(f"{OBJECTS}voorkomen/{HISTORY}Voorkomen")
    if identification is None or history is None:
        raise BagFormatError("Een pand zonder identificatie of voorkomen: dit is geen BAG 2.0-extract.")
    year = _text(element, f"{OBJECTS}oorspronkelijkBouwjaar")
    return BuildingVersion(
        identification=identification,
        version=int(_text(history, f"{HISTORY}voorkomenidentificatie") or 0),
        status=_text(element, f"{OBJECTS}status") or "",
        construction_year=int(year) if year and year.isdigit() and year != "9999" else None,
        valid_from=_day(_text(history, f"{HISTORY}beginGeldigheid")),
        valid_until=_day(_text(history, f"{HISTORY}eindGeldigheid")),
        inactive=history.find(f"{HISTORY}tijdstipInactief") is not None,
        footprint=_footprint(element),
    )


def _from_stream(stream: IO[bytes], tag: str, parse: Callable[[Element], T]) -> Iterator[T]:
    try:
        for _event, element in iterparse(stream, events=("end",)):
            if element.tag == tag:
                yield parse(element)
                element.clear()
    except SyntaxError as error:  # xml.etree.ElementTree.ParseError
        raise BagFormatError(f"Het XML-bestand is onleesbaar: {error}") from None


def _is_zip(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(4) == ZIP_MAGIC


# Parts of a Kadaster extract are named after the object type: 0221PND15092020-000001.xml, 0221VBO15092020.zip
_PART = re.compile(r"^\d{4}([A-Z]{3})\d{8}")


def _wanted(name: str, code: str) -> bool:
    found = _PART.match(name.rsplit("/", 1)[-1])
    return found is None or found[1] == code


def _from_archive(archive: zipfile.ZipFile, code: str, tag: str, parse: Callable[[Element], T]) -> Iterator[T]:
    """Every matching .xml part of ``archive``, and of the zips inside it (a full extract nests them)."""
    names = sorted(n for n in archive.namelist() if n.lower().endswith((".xml", ".zip")) and _wanted(n, code))
    for name in names:
        try:
            if name.lower().endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(archive.read(name))) as inner:
                    yield from _from_archive(inner, code, tag, parse)
                continue
            with archive.open(name) as stream:
                yield from _from_stream(stream, tag, parse)
        except BagFormatError as error:
            raise BagFormatError(f"{name}: {error}") from None
        except (zipfile.BadZipFile, EOFError, zlib.error) as error:
            raise BagFormatError(f"{name}: het zip-bestand is beschadigd ({error}).") from None


def _read(path: Path, code: str, tag: str, parse: Callable[[Element], T]) -> Iterator[T]:
    if _is_zip(path):
        try:
            with zipfile.ZipFile(path) as archive:
                if not any(n.lower().endswith((".xml", ".zip")) for n in archive.namelist()):
                    raise BagFormatError("Het zip-bestand bevat geen XML-bestanden.")
                yield from _from_archive(archive, code, tag, parse)
        except zipfile.BadZipFile as error:
            raise BagFormatError(f"Het zip-bestand is beschadigd of onvolledig ({error}).") from None
        return
    with path.open("rb") as stream:
        yield from _from_stream(stream, tag, parse)


def read_versions(path: Path) -> Iterator[BuildingVersion]:
    """Every building voorkomen in ``path`` (.xml, or .zip with .xml parts or nested zips), streamed in file
    order. A damaged or truncated file raises :class:`BagFormatError` saying which part and where."""
    return _read(path, "PND", BUILDING, _version)


@dataclass(frozen=True, slots=True)
class UnitVersion:
    """One voorkomen of a unit (verblijfsobject): functions, floor area (m²), buildings and point (RD New)."""

    identification: str
    version: int
    status: str
    functions: tuple[str, ...]
    floor_area_m2: int | None
    buildings: tuple[str, ...]  # maaktDeelUitVan: the pand(en) it lies in
    point: tuple[float, float] | None
    valid_until: date | None
    inactive: bool

    @property
    def in_force(self) -> bool:
        return self.valid_until is None and not self.inactive


def _point(element: Element) -> tuple[float, float] | None:
    """The unit's point, or the first position of its area (Catalogus BAG 2018: punt or vlak)."""
    pos = element.find(f"{OBJECTS}geometrie//{GML}pos")
    if pos is None or not pos.text:
        pos = element.find(f"{OBJECTS}geometrie//{GML}posList")
    if pos is None or not pos.text:
        return None
    numbers = [float(value) for value in pos.text.split()[:2]]
    return (numbers[0], numbers[1]) if len(numbers) == 2 else None


def _unit(element: Element) -> UnitVersion:
    identification = _text(element, f"{OBJECTS}identificatie")
    history = element.find(f"{OBJECTS}voorkomen/{HISTORY}Voorkomen")
    if identification is None or history is None:
        raise BagFormatError("Een verblijfsobject zonder identificatie of voorkomen: dit is geen BAG 2.0-extract.")
    area = _text(element, f"{OBJECTS}oppervlakte")
    return UnitVersion(
        identification=identification,
        version=int(_text(history, f"{HISTORY}voorkomenidentificatie") or 0),
        status=_text(element, f"{OBJECTS}status") or "",
        functions=tuple(
            e.text.strip().lower() for e in element.findall(f"{OBJECTS}gebruiksdoel") if e.text and e.text.strip()
        ),
        floor_area_m2=int(area) if area and area.isdigit() else None,
        buildings=tuple(e.text.strip() for e in element.iter(f"{OBJECTS_REF}PandRef") if e.text),
        point=_point(element),
        valid_until=_day(_text(history, f"{HISTORY}eindGeldigheid")),
        inactive=history.find(f"{HISTORY}tijdstipInactief") is not None,
    )


def read_units(path: Path) -> Iterator[UnitVersion]:
    """Every unit voorkomen in ``path`` (a full extract's VBO parts), streamed; none in a PND-only extract."""
    return _read(path, "VBO", UNIT, _unit)


@dataclass(frozen=True, slots=True)
class ExtractInfo:
    """What the head of an extract says: the municipality (4 digits) and the date of the data."""

    municipality: str | None
    data_date: date | None


def _info_from_stream(stream: IO[bytes]) -> ExtractInfo:
    municipality: str | None = None
    try:
        for _event, element in iterparse(stream, events=("end",)):
            if element.tag == f"{EXTRACT}GemeenteIdentificatie" and element.text:
                municipality = element.text.strip()
            elif element.tag == f"{EXTRACT}StandTechnischeDatum" and element.text:
                return ExtractInfo(municipality, _day(element.text.strip()))
            elif element.tag == BUILDING:
                break
    except SyntaxError:
        pass  # the reading of the buildings reports it, with where
    return ExtractInfo(municipality, None)


def extract_info(path: Path) -> ExtractInfo:
    """The municipality and data date (StandTechnischeDatum) of an extract, from its first part's head."""
    try:
        if _is_zip(path):
            with zipfile.ZipFile(path) as archive:
                members = sorted(name for name in archive.namelist() if name.lower().endswith(".xml"))
                if members:
                    with archive.open(members[0]) as stream:
                        return _info_from_stream(stream)
                nested = sorted(n for n in archive.namelist() if n.lower().endswith(".zip") and _wanted(n, "PND"))
                if not nested:
                    return ExtractInfo(None, None)
                with zipfile.ZipFile(io.BytesIO(archive.read(nested[0]))) as inner:
                    parts = sorted(name for name in inner.namelist() if name.lower().endswith(".xml"))
                    if not parts:
                        return ExtractInfo(None, None)
                    with inner.open(parts[0]) as stream:
                        return _info_from_stream(stream)
        with path.open("rb") as stream:
            return _info_from_stream(stream)
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError):
        return ExtractInfo(None, None)


def current_versions(versions: Iterable[BuildingVersion]) -> dict[str, BuildingVersion]:
    """Per building the voorkomen in force (the highest version number when several claim it)."""
    current: dict[str, BuildingVersion] = {}
    for version in versions:
        if version.in_force:
            held = current.get(version.identification)
            if held is None or version.version > held.version:
                current[version.identification] = version
    return current


@dataclass(frozen=True, slots=True)
class BagSummary:
    """Buildings in an extract, each counted once, and the count by the status of the voorkomen in force."""

    buildings: int
    by_status: dict[str, int] = field(default_factory=dict)
    without_current: int = 0  # every voorkomen ended or withdrawn (e.g. demolished and ended)

    @property
    def vacant(self) -> int:
        return sum(count for status, count in self.by_status.items() if status in VACANT_STATUSES)


def summarise(versions: Iterable[BuildingVersion]) -> BagSummary:
    """Count buildings once each, by the status in force (streams: keeps one version per building)."""
    seen: set[str] = set()
    current: dict[str, tuple[int, str]] = {}  # identification -> (version, status) in force
    for version in versions:
        seen.add(version.identification)
        held = current.get(version.identification)
        if version.in_force and (held is None or version.version > held[0]):
            current[version.identification] = (version.version, version.status)
    statuses = Counter(status for _, status in current.values())
    return BagSummary(len(seen), dict(sorted(statuses.items())), len(seen) - len(current))
