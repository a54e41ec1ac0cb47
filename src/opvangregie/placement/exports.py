"""Excel export of the usable places."""

from __future__ import annotations

from datetime import date

from opvangregie.core.placement.usable import FAMILY_SIZES, UsablePlaces
from opvangregie.placement.usable_report import UsableReport
from opvangregie.ui.tables import CellValue, Column, write_xlsx

SOURCE = "Opvangregie: huishoudenregister van de gemeente; tarieven uit de tarieventabel (RooO, BooO)"


def usable_xlsx(report: UsableReport, area_name: str, on: date) -> bytes:
    """Usable places per location: beds, residents and the households that can still be placed (EUAA)."""

    def cells(name: str, places: int, persons: int, free: int, usable: UsablePlaces) -> list[CellValue]:
        return [
            name,
            places,
            persons,
            free,
            usable.beds,
            usable.persons,
            usable.free_beds,
            usable.unusable_beds,
            usable.single_men,
            usable.single_women,
            *usable.families,
        ]

    table = [
        cells(
            f"{row.location.municipality.name}: {row.location.name}",
            row.places,
            row.figures.persons,
            row.figures.free_places,
            row.usable,
        )
        for row in report.rows
    ]
    table.append(cells(f"Totaal {area_name}", report.places, report.persons, report.usable_free, report.total))
    families = [
        Column(f"Lege kamers voor gezin van {size}{'+' if size == FAMILY_SIZES[-1] else ''}", "kamers")
        for size in FAMILY_SIZES
    ]
    columns = [
        Column("Locatie"),
        Column("Plekken", "plekken"),
        Column("Personen", "personen"),
        Column("Bruikbare vrije plekken", "plekken"),
        Column("Bedden", "bedden"),
        Column("Bewoners in kamers", "personen"),
        Column("Vrije bedden", "bedden"),
        Column("Niet bruikbaar", "bedden"),
        Column("Plaatsbaar: alleenstaande mannen", "personen"),
        Column("Plaatsbaar: alleenstaande vrouwen", "personen"),
        *families,
    ]
    return write_xlsx(
        title=f"Bruikbare plekken {area_name}",
        columns=columns,
        rows=table,
        reference_date=on,
        source="Opvangregie: kamers, bewoners en deelregels per kamer",
        notes=["Niet bruikbaar: vrije bedden in kamers waar een huishouden woont dat de kamer niet deelt."],
    )
