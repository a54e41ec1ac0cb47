"""``opvangregie anonymise_households``: anonymise households past the retention time (run it daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opvangregie.households.services import households_anonymise


class Command(BaseCommand):
    help = "Anonymise households that left more than OPVANGREGIE_HOUSEHOLD_RETENTION_DAYS ago (AVG art. 5(1)(e))."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, default=None, help="as on this day (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        count = households_anonymise(on=options["date"])
        self.stdout.write(f"{count} huishouden(s) geanonimiseerd.")
