"""``opvangregie distribute``: divide asylum places over municipalities and provinces (core.spreiding)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.analyst import write_result
from opvangregie.areas.reference_data import municipality_file, read_municipalities, read_provinces
from opvangregie.core.apportion import Method
from opvangregie.core.errors import ApplicationError
from opvangregie.core.spreiding import DistributionKey, KeyKind, distribute
from opvangregie.distribution.ses import parse_ses_scores
from opvangregie.quotas.management.commands.apportion import format_fraction
from opvangregie.ui.imports import ImportRefused


class Command(BaseCommand):
    help = "Distribute a national number of asylum places (and AMV places) over the municipalities of a year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--total", type=int, required=True, help="all places, AMV included (e.g. 96000)")
        parser.add_argument("--amv", type=int, default=0, help="places for unaccompanied minors among them")
        parser.add_argument("--key", choices=[KeyKind.POPULATION.value, KeyKind.POPULATION_SES.value], required=True)
        parser.add_argument("--ses", help="CSV with columns code,score (SES-WOA)")
        parser.add_argument("--method", choices=[m.value for m in Method if m.exact_sum], default=Method.HAMILTON.value)
        parser.add_argument("--year", type=int, default=2025, help="reference year of the municipal division")
        parser.add_argument("--csv", action="store_true", help="print CSV instead of tables")

    def handle(self, *args: Any, **options: Any) -> None:
        path = municipality_file(options["year"])
        if not path.is_file():
            raise CommandError(f"Geen gemeentelijke indeling voor {options['year']} meegeleverd ({path.name}).")
        try:
            rows = read_municipalities(path)
            ses = self._ses(options, rows)
            key = DistributionKey(KeyKind(options["key"]))
            if key.kind is KeyKind.POPULATION_SES and not ses:
                self.stderr.write(
                    "Let op: er zijn geen SES-WOA-scores; de verdeling gebruikt alleen het aantal inwoners."
                )
                key = DistributionKey.population()
            codes = [str(row.code) for row in rows]
            weights = key.weights({str(r.code): r.population for r in rows}, ses=ses)
            result = distribute(
                weights,
                total=options["total"],
                amv_total=options["amv"],
                method=Method(options["method"]),
                province_of={str(r.code): r.province for r in rows},
            )
        except ImportRefused as exc:
            lines = [f"regel {e.line}: {e.message}" for e in exc.row_errors]
            raise CommandError("\n".join([exc.message, *lines])) from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        names = {str(r.code): (r.name, r.province) for r in rows}
        table: list[list[object]] = [
            [code, names[code][0], names[code][1], format_fraction(a.weight, 6), a.places, a.amv_places]
            for code, a in ((code, result.allocations[code]) for code in codes)
        ]
        provinces = {name: p for p in read_provinces() for name in (p.name, p.alias) if name}
        province_rows: list[list[object]] = []
        for name, a in sorted(result.provinces.items(), key=lambda item: str(provinces[item[0]].code)):
            province = provinces[name]
            province_rows.append(
                [str(province.code), province.name, province.name, format_fraction(a.weight, 6), a.places, a.amv_places]
            )
        headers = ["code", "name", "province", "weight", "places", "amv_places"]
        if options["csv"]:
            write_result(self.stdout, headers, table + province_rows, as_csv=True)
            return
        write_result(self.stdout, headers, table, as_csv=False)
        self.stdout.write("\n")
        write_result(self.stdout, headers, province_rows, as_csv=False)
        self.stdout.write(
            f"\n{len(table)} municipalities, {result.total} places of which {result.amv_total} AMV "
            f"(key {key.kind.value}, method {options['method']}).\n"
        )

    def _ses(self, options: dict[str, Any], rows: list[Any]) -> dict[str, Decimal]:
        codes = {str(r.code) for r in rows}
        if options["ses"]:
            file = Path(options["ses"])
            if not file.is_file():
                raise CommandError(f"Bestand niet gevonden: {file}")
            return parse_ses_scores(file_name=file.name, content=file.read_bytes(), known_codes=codes)
        shipped = {str(r.code): r.ses_score for r in rows if r.ses_score is not None}
        return shipped if len(shipped) == len(rows) else {}
