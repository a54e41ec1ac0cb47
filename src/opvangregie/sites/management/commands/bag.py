"""``opvangregie bag summary FILE [--json]``: the buildings of a BAG 2.0 extract by their status in force.

``opvangregie bag import FILE --municipality CODE [--user NAME]``: read a BAG 2.0 extract (.xml/.zip) or a PDOK
BAG GeoPackage (.gpkg) into the municipality's vacant-building list, replacing its previous BAG data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.areas.models import Municipality
from opvangregie.core.codes import MunicipalityCode
from opvangregie.core.errors import ApplicationError
from opvangregie.sites.bag import BagFormatError, read_versions, summarise
from opvangregie.sites.bag_import import bag_import_file
from opvangregie.sites.models import ImportStatus


class Command(BaseCommand):
    help = (
        "BAG 2.0 extracts (Kadaster XML, .xml or .zip) and PDOK BAG GeoPackages: 'summary' counts the buildings "
        "by status in force; 'import' reads a file into a municipality's vacant-building list."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["summary", "import"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="write JSON instead of a table (summary)")
        parser.add_argument("--municipality", help="the municipality the file is of, e.g. GM0221 (import)")
        parser.add_argument("--user", help="run with this user's permissions (default: the first administrator)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Bestand {path} bestaat niet.")
        if options["action"] == "import":
            self._import(path, options)
            return
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

    def _import(self, path: Path, options: dict[str, Any]) -> None:
        if not options["municipality"]:
            raise CommandError("Geef de gemeente met --municipality (bijv. GM0221).")
        try:
            code = str(MunicipalityCode.parse(options["municipality"]))
        except ApplicationError as error:
            raise CommandError(error.message) from error
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise CommandError(f"Gemeente {code} bestaat niet.")
        users = get_user_model().objects
        username = options["user"]
        actor = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError("Geen gebruiker gevonden om mee te werken (gebruik --user).")
        try:
            result = bag_import_file(actor=actor, municipality=municipality, path=path, echo=self.stdout.write)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        if result.status != ImportStatus.DONE:
            raise CommandError(result.error)
        day = f", stand {result.data_date:%d-%m-%Y}" if result.data_date else ""
        self.stdout.write(
            f"{municipality.name}: {result.buildings} panden en {result.units} verblijfsobjecten ingelezen{day}."
        )
