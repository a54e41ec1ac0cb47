from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.areas.services import reference_data_load
from opvangregie.core.errors import ValidationError


class Command(BaseCommand):
    help = "Load provinces, safety regions and the CBS municipal division of a reference year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=2025, help="reference year of the division (default 2025)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = reference_data_load(year=options["year"])
        except ValidationError as exc:
            lines = [exc.message, *map(str, exc.details.get("errors", []))]  # type: ignore[call-overload]
            raise CommandError("\n".join(lines)) from exc
        self.stdout.write(
            f"Reference year {report.year}: {report.provinces} provinces, {report.safety_regions} safety regions, "
            f"{report.municipalities} municipalities, population {report.population:,}."
        )
