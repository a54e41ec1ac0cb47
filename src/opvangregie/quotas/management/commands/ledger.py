"""``opvangregie ledger``: the status-holder quota ledger (core.ledger) of a CSV file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.analyst import read_csv_file, row_error, write_result
from opvangregie.core.errors import ApplicationError
from opvangregie.core.ledger import PeriodFigures, ledger
from opvangregie.core.periods import HalfYear
from opvangregie.ui.tables import cell_int


class Command(BaseCommand):
    help = "Carry backlog and surplus over half-years: a CSV file with columns period,quota,realised (any order)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file with columns period,quota,realised (periods like 2025-H1)")
        parser.add_argument("--opening", type=int, default=0, help="balance before the first period (backlog < 0)")
        parser.add_argument("--csv", action="store_true", help="print CSV instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        figures = []
        for row in read_csv_file(options["file"], required=("period", "quota", "realised")):
            try:
                period = HalfYear.parse(str(row.values["period"] or ""))
                quota = cell_int(row.values["quota"], "quota")
                realised = cell_int(row.values["realised"], "realised")
            except ApplicationError as exc:
                raise row_error(row, exc.message) from exc
            if quota is None or realised is None:
                raise row_error(row, "quota en realised zijn verplicht.")
            figures.append(PeriodFigures(period, quota, realised))
        try:
            lines = ledger(figures, opening_balance=options["opening"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        table = [
            [str(line.period), line.quota, line.carried_in, line.demand, line.realised, line.balance] for line in lines
        ]
        headers = ["period", "quota", "carried_in", "demand", "realised", "balance"]
        write_result(self.stdout, headers, table, as_csv=options["csv"])
