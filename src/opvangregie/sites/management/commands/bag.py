"""``opvangregie bag summary FILE [--json]``: the buildings of a BAG 2.0 extract by their status in force."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.sites.bag import BagFormatError, read_versions, summarise


class Command(BaseCommand):
    help = "BAG 2.0 extracts (Kadaster XML, .xml or .zip): 'summary' counts the buildings by status in force."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["summary"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="write JSON instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Bestand {path} bestaat niet.")
        try:
            summary = summarise(read_versions(path))
        except BagFormatError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "buildings": summary.buildings,
                        "by_status": summary.by_status,
                        "without_current": summary.without_current,
                        "vacant": summary.vacant,
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(f"{path.name}: {summary.buildings} panden (elk één keer geteld)")
        width = max((len(status) for status in summary.by_status), default=0)
        for status, count in summary.by_status.items():
            self.stdout.write(f"  {status.ljust(width)}  {count:>7}")
        if summary.without_current:
            self.stdout.write(f"  {'zonder geldend voorkomen'.ljust(width)}  {summary.without_current:>7}")
        self.stdout.write(f"Om naar te kijken (buiten gebruik, sloopvergunning, verbouwing): {summary.vacant}")
