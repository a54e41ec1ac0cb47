"""Import of dated capacity changes from Excel or CSV: all rows or none, with a row-level report."""

from __future__ import annotations

from typing import Any

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import ValidationError
from opvangregie.locations.importers import LocationRows
from opvangregie.locations.services import NO_EDIT, location_capacity_set
from opvangregie.organisations.scope import require, scope_for
from opvangregie.ui.imports import all_rows_or_none
from opvangregie.ui.tables import TableRow, cell_date, cell_int, read_table

REQUIRED = ("locatie", "vanaf", "plekken")
OPTIONAL = ("reden", "besluit")
ALIASES = {
    "location": "locatie",
    "datum": "vanaf",
    "from": "vanaf",
    "places": "plekken",
    "reason": "reden",
    "decision": "besluit",
    "besluitnummer": "besluit",
}


def capacity_import(*, actor: Any, municipality: Municipality, file_name: str, content: bytes) -> int:
    """Record every row as a capacity change (places from a date, past or expected) of one of the locations.

    Returns the number of rows written. Any error refuses the whole file: nothing is written.
    """
    require(scope_for(actor).edits_municipality(municipality.pk), NO_EDIT)
    rows = read_table(file_name=file_name, content=content, required=REQUIRED, optional=OPTIONAL, aliases=ALIASES)
    locations = LocationRows(municipality)

    def record(row: TableRow) -> None:
        location = locations.location(row)
        effective = cell_date(row.values.get("vanaf"), "vanaf")
        places = cell_int(row.values.get("plekken"), "plekken")
        if effective is None or places is None:
            raise ValidationError("vanaf en plekken zijn verplicht.")
        locations.once(location, effective, row, word="vanaf")
        location_capacity_set(
            actor=actor,
            location=location,
            places=places,
            effective_date=effective,
            reason=str(row.values.get("reden") or ""),
            decision_reference=str(row.values.get("besluit") or ""),
        )

    all_rows_or_none(rows, record)
    return len(rows)
