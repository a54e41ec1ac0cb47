"""Import of occupancy snapshots from Excel or CSV: all rows or none, with a row-level report."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import ValidationError
from opvangregie.locations.models import Location
from opvangregie.locations.services import OccupancyInput, occupancy_check, occupancy_record_many
from opvangregie.organisations.scope import require, scope_for
from opvangregie.ui.imports import ImportRefused, RowError, all_rows_checked
from opvangregie.ui.tables import TableRow, cell_date, cell_int, quoted, read_table

REQUIRED = ("locatie", "datum", "personen")
OPTIONAL = ("huishoudens", "bruikbare_vrije_plekken", "opmerking")
ALIASES = {
    "location": "locatie",
    "date": "datum",
    "persons": "personen",
    "households": "huishoudens",
    "usable_free_places": "bruikbare_vrije_plekken",
    "vrije_plekken": "bruikbare_vrije_plekken",
    "note": "opmerking",
}


class LocationRows:
    """The municipality's locations by name (as people type them: case does not matter) and the dated rows
    already read, so that a file names each location and date once."""

    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality
        locations = Location.objects.filter(municipality=municipality).select_related("municipality")
        # Their lifecycle and capacity once, for every row's checks (not a query per row).
        self._by_name = {
            loc.name.casefold(): loc for loc in locations.prefetch_related("status_changes", "capacity_changes")
        }
        self._seen: dict[tuple[int, object], int] = {}

    def location(self, row: TableRow) -> Location:
        name = str(row.values.get("locatie") or "").strip()
        location = self._by_name.get(name.casefold())
        if location is None:
            raise ValidationError(f"onbekende locatie {quoted(name)} in {self.municipality.name}.")
        return location

    def once(self, location: Location, day: date, row: TableRow, *, word: str = "op") -> None:
        key = (location.pk, day)
        if key in self._seen:
            raise ValidationError(
                f"dubbele regel: {location.name} {word} {day:%d-%m-%Y} staat ook op regel {self._seen[key]}."
            )
        self._seen[key] = row.line


class ImportProgress(Protocol):
    """Hears how far an import is: the file read (its rows), rows checked, and the writing begun."""

    def read(self, rows: int) -> None: ...

    def checked(self, rows: int) -> None: ...

    def writing(self, counts: int) -> None: ...


def snapshots_import(
    *, actor: Any, municipality: Municipality, file_name: str, content: bytes, progress: ImportProgress | None = None
) -> int:
    """Record every row of the file as a snapshot of one of ``municipality``'s locations.

    Returns the number of rows written. Any error (unreadable file, unknown location, negative or
    future values, a location not in use, duplicates) refuses the whole file: nothing is written.
    Every row is checked first (writing nothing: ``progress`` is seen by others meanwhile), then all are
    written in one transaction.
    """
    require(scope_for(actor).reads_municipality(municipality.pk), "U heeft geen toegang tot deze gemeente.")
    rows = read_table(file_name=file_name, content=content, required=REQUIRED, optional=OPTIONAL, aliases=ALIASES)
    if progress is not None:
        progress.read(len(rows))
    locations = LocationRows(municipality)
    counts: list[tuple[Location, OccupancyInput]] = []

    def check(row: TableRow) -> None:
        location = locations.location(row)
        on = cell_date(row.values.get("datum"), "datum")
        persons = cell_int(row.values.get("personen"), "personen")
        if on is None or persons is None:
            raise ValidationError("datum en personen zijn verplicht.")
        locations.once(location, on, row)
        data = OccupancyInput(
            on=on,
            persons=persons,
            households=cell_int(row.values.get("huishoudens"), "huishoudens"),
            usable_free_places=cell_int(row.values.get("bruikbare_vrije_plekken"), "bruikbare_vrije_plekken"),
            note=str(row.values.get("opmerking") or "")[:300],
        )
        occupancy_check(actor=actor, location=location, data=data)
        counts.append((location, data))

    all_rows_checked(rows, check, progress=None if progress is None else progress.checked)  # all bad rows reported
    if progress is not None:
        progress.writing(len(counts))
    return occupancy_record_many(actor=actor, counts=counts)  # in bulk, in one transaction


__all__ = ["ImportRefused", "RowError", "snapshots_import"]
