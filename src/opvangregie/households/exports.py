"""Excel exports of the household list, a month's leefgeld and own contribution and the waiting list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import BinaryIO

from django.utils import timezone

from opvangregie.core.reception_duty import ClockState
from opvangregie.households.selectors import HouseholdRow, MonthTotals, WaitingRow
from opvangregie.ui.tables import CellValue, Column, write_xlsx, write_xlsx_to

SOURCE = "Opvangregie: huishoudenregister van de gemeente; tarieven uit de tarieventabel (RooO, BooO)"


def _household_cells(row: HouseholdRow) -> list[CellValue]:
    stay, month = row.stay, row.month
    return [
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


def write_households(target: BinaryIO, rows: Iterable[HouseholdRow], on: date) -> None:
    """The household list on ``on``, references only, no names (data minimisation), written row by row to
    ``target`` as ``rows`` come (the export streams)."""
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
    write_xlsx_to(
        target,
        title="Huishoudens",
        columns=columns,
        rows=(_household_cells(row) for row in rows),
        reference_date=on,
        source=SOURCE,
    )


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
