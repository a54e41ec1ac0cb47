"""Excel exports of the household list, a month's leefgeld and own contribution, the waiting list and the
usable places."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.utils import timezone

from opvangregie.core.placement.usable import FAMILY_SIZES, UsablePlaces
from opvangregie.core.reception_duty import ClockState
from opvangregie.placement.selectors import HouseholdRow, MonthTotals, WaitingRow
from opvangregie.placement.usable_report import UsableReport
from opvangregie.ui.tables import CellValue, Column, write_xlsx

SOURCE = "Opvangregie: huishoudenregister van de gemeente; tarieven uit de tarieventabel (RooO, BooO)"


def households_xlsx(rows: Sequence[HouseholdRow], on: date) -> bytes:
    """The household list on ``on``; references only, no names (data minimisation)."""
    table: list[list[CellValue]] = []
    for row in rows:
        stay, month = row.stay, row.month
        table.append(
            [
                row.household.reference,
                row.composition.size,
                row.composition.adults,
                row.composition.minors,
                str(stay.get_reception_type_display()) if stay else "wachtend",
                stay.location.name if stay and stay.location else "",
                stay.room.name if stay and stay.room else "",
                stay.start if stay else None,
                float(month.income) if month else None,
                float(month.leefgeld) if month else None,
                float(month.own_contribution) if month else None,
            ]
        )
    columns = [
        Column("Kenmerk"),
        Column("Personen"),
        Column("Volwassenen"),
        Column("Minderjarigen"),
        Column("Opvang"),
        Column("Locatie"),
        Column("Kamer"),
        Column("Sinds"),
        Column("Inkomen", "€/maand"),
        Column("Leefgeld", "€/maand"),
        Column("Eigen bijdrage", "€/maand"),
    ]
    return write_xlsx(title="Huishoudens", columns=columns, rows=table, reference_date=on, source=SOURCE)


def month_totals_xlsx(totals: MonthTotals, municipality_name: str) -> bytes:
    """Totals, the council letter's counts and the reimbursement estimate per location of one month."""
    counts = totals.counts
    rows: list[list[CellValue]] = [
        ["Personen in particuliere opvang", counts.persons_private],
        ["Personen in gemeentelijke opvang", counts.persons_municipal],
        ["Huishoudens met leefgeld (particulier)", counts.leefgeld_private],
        ["Huishoudens met leefgeld (gemeentelijk)", counts.leefgeld_municipal],
        ["  waarvan met pensioengerechtigde leeftijd", counts.leefgeld_pension_age],
        ["Huishoudens die eigen bijdrage betalen", counts.paying],
        ["Leefgeld totaal (€)", float(totals.leefgeld)],
        ["Eigen bijdrage totaal (€)", float(totals.own_contribution)],
    ]
    rows += [
        [
            f"Vergoeding Rijk (schatting) {row.location.name} (€, {row.realised_place_days} plekdagen)",
            float(row.estimate),
        ]
        for row in totals.reimbursement
    ]
    rows.append(["Vergoeding Rijk (schatting) totaal (€)", float(totals.reimbursement_total)])
    return write_xlsx(
        title=f"Leefgeld {municipality_name} {totals.month:%m-%Y}",
        columns=[Column("Onderwerp"), Column("Waarde")],
        rows=rows,
        reference_date=totals.month,
        source=SOURCE,
        notes=["Vergoeding: normbedrag per gerealiseerde plek per dag (BooO) × plekken in gebruik × dagen."],
    )


CLOCK_STATES = {
    ClockState.RUNNING: "loopt",
    ClockState.OVERDUE: "te laat",
    ClockState.OFFERED_IN_TIME: "op tijd aangeboden",
    ClockState.OFFERED_LATE: "te laat aangeboden",
}


def waiting_list_xlsx(rows: Sequence[WaitingRow], now: datetime) -> bytes:
    """Open requests with the 72-hour clock (RooO art. 3); references only where the reader may see them."""
    table: list[list[CellValue]] = [
        [
            row.municipality.name,
            row.reference or "",
            row.composition.size,
            row.composition.adults,
            row.composition.minors,
            timezone.localtime(row.request.received_at).replace(tzinfo=None),
            timezone.localtime(row.clock.deadline).replace(tzinfo=None),
            CLOCK_STATES[row.clock.state],
            row.clock.hours_left,
        ]
        for row in rows
    ]
    columns = [
        Column("Gemeente"),
        Column("Kenmerk"),
        Column("Personen"),
        Column("Volwassenen"),
        Column("Minderjarigen"),
        Column("Ontvangen"),
        Column("Aanbod uiterlijk"),
        Column("72-uursklok"),
        Column("Uren over", "uur"),
    ]
    return write_xlsx(
        title="Wachtlijst", columns=columns, rows=table, reference_date=timezone.localdate(now), source=SOURCE
    )


def usable_xlsx(report: UsableReport, area_name: str, on: date) -> bytes:
    """Usable places per location: beds, residents and the households that can still be placed (EUAA)."""

    def cells(name: str, places: int, usable: UsablePlaces) -> list[CellValue]:
        return [
            name,
            places,
            usable.beds,
            usable.persons,
            usable.free_beds,
            usable.unusable_beds,
            usable.single_men,
            usable.single_women,
            *usable.families,
        ]

    table = [
        cells(f"{row.location.municipality.name}: {row.location.name}", row.places, row.usable) for row in report.rows
    ]
    table.append(cells(f"Totaal {area_name}", report.places, report.total))
    families = [
        Column(f"Lege kamers voor gezin van {size}{'+' if size == FAMILY_SIZES[-1] else ''}", "kamers")
        for size in FAMILY_SIZES
    ]
    columns = [
        Column("Locatie"),
        Column("Plekken", "plekken"),
        Column("Bedden", "bedden"),
        Column("Bewoners", "personen"),
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
