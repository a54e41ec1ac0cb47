"""``opvangregie contribution``: a month's leefgeld and own contribution of one household, explained."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.core.contribution import HouseholdMonth, MonthResult, ReceptionType, month_calculate
from opvangregie.core.errors import ApplicationError
from opvangregie.households.selectors import rates


def _amount(raw: str) -> Decimal:
    try:
        amount = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise CommandError(f"Ongeldig bedrag {raw!r}.") from None
    if amount < 0 or not amount.is_finite():
        raise CommandError(f"Ongeldig bedrag {raw!r}.")
    return amount


def as_json(result: MonthResult, household: HouseholdMonth) -> dict[str, Any]:
    """The result as JSON-ready data; amounts in euros as decimal strings."""
    return {
        "month": result.month.isoformat(),
        "reception": household.reception.value,
        "adults": len(household.adult_incomes),
        "minors": household.minors,
        "catering": household.catering,
        "income": f"{result.income:.2f}",
        "leefgeld_entitlement": f"{result.leefgeld_entitlement:.2f}",
        "leefgeld": f"{result.leefgeld:.2f}",
        "maximum_contribution": f"{result.maximum_contribution:.2f}",
        "own_contribution": f"{result.own_contribution:.2f}",
        "leefgeld_ends_at": f"{result.leefgeld_ends_at:.2f}",
        "full_contribution_from": f"{result.full_contribution_from:.2f}",
        "between_thresholds": result.between_thresholds.value,
        "explanation": list(result.explanation),
    }


class Command(BaseCommand):
    help = (
        "Leefgeld and own contribution (eigen bijdrage) of one household for the month of --date, from the rate table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", required=True, type=date.fromisoformat, help="a day of the month, e.g. 2025-10-01"
        )
        parser.add_argument(
            "--adult-income",
            action="append",
            default=[],
            help="monthly income of one adult in euros; repeat per adult (0 for an adult without income)",
        )
        parser.add_argument("--minors", type=int, default=0, help="number of minors")
        parser.add_argument("--catering", action="store_true", help="full catering is provided")
        parser.add_argument("--private", action="store_true", help="private reception (no own contribution)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            household = HouseholdMonth(
                adult_incomes=tuple(_amount(raw) for raw in options["adult_income"]),
                minors=options["minors"],
                catering=options["catering"],
                reception=ReceptionType.PRIVATE if options["private"] else ReceptionType.MUNICIPAL,
            )
            result = month_calculate(rates(), household, options["date"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result, household), ensure_ascii=False))
            return
        self.stdout.write(f"Maand: {result.month:%m-%Y}")
        self.stdout.write(f"Leefgeld: {result.leefgeld:.2f}")
        self.stdout.write(f"Eigen bijdrage: {result.own_contribution:.2f}")
        self.stdout.write("")
        for line in result.explanation:
            self.stdout.write(f"- {line}")
