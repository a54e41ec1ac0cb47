"""``opvangregie apportion``: divide a total over weighted units with one of the methods of core.apportion."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.analyst import read_csv_file, row_error, write_result
from opvangregie.core.apportion import Method, apportion, exact_quotas
from opvangregie.core.errors import ApplicationError


def format_fraction(value: Fraction, places: int = 4) -> str:
    """A fraction as a decimal string with ``places`` decimals (rounded half up)."""
    scaled = value * 10**places
    whole = int(scaled + Fraction(1, 2)) if scaled >= 0 else -int(-scaled + Fraction(1, 2))
    sign = "-" if whole < 0 else ""
    digits = str(abs(whole)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


class Command(BaseCommand):
    help = "Divide a total over the rows of a CSV file (columns key,weight) with an apportionment method."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file with columns key,weight")
        parser.add_argument("--method", required=True, choices=[m.value for m in Method])
        parser.add_argument("--total", required=True, type=int, help="the whole number to divide")
        parser.add_argument("--minimum", type=int, default=0, help="at least this many per unit (default 0)")
        parser.add_argument("--csv", action="store_true", help="print CSV (key,weight,quota,seats)")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = read_csv_file(options["file"], required=("key", "weight"))
        weights: dict[str, Fraction] = {}
        labels: dict[str, str] = {}
        for row in rows:
            key = str(row.values["key"] or "").strip()
            if not key:
                raise row_error(row, "de kolom key is leeg.")
            if key in weights:
                raise row_error(row, f"sleutel {key!r} komt twee keer voor.")
            raw = str(row.values["weight"] if row.values["weight"] is not None else "").strip()
            try:
                weights[key] = Fraction(raw)
            except (ValueError, ZeroDivisionError) as exc:
                raise row_error(row, f"gewicht {raw!r} is geen getal.") from exc
            if weights[key] < 0:
                raise row_error(row, f"gewicht {raw} is negatief.")
            labels[key] = raw
        try:
            seats = apportion(weights, options["total"], options["method"], minimum=options["minimum"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        quotas = exact_quotas(weights, options["total"])
        table = [[key, labels[key], format_fraction(quotas[key]), seats[key]] for key in weights]
        write_result(self.stdout, ["key", "weight", "quota", "seats"], table, as_csv=options["csv"])
        if not options["csv"]:
            self.stdout.write(
                f"\n{len(weights)} units, total {options['total']}, handed out {sum(seats.values())} "
                f"({options['method']}{', minimum ' + str(options['minimum']) if options['minimum'] else ''}).\n"
            )
