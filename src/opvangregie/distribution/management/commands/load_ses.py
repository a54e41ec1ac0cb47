"""``opvangregie load_ses``: load a CSV of SES-WOA scores (columns code,score) as a named data set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.core.errors import ApplicationError
from opvangregie.distribution.services import ses_dataset_load
from opvangregie.ui.imports import ImportRefused


class Command(BaseCommand):
    help = "Load SES-WOA scores per municipality (CBS) from a CSV with columns code,score."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--name", required=True, help="name of the data set, e.g. 'CBS SES-WOA 2022'")
        parser.add_argument("--year", type=int, required=True, help="year the scores describe")
        parser.add_argument("--source", default="", help="where the scores come from")
        parser.add_argument("--user", required=True, help="user name of the national editor who loads them")

    def handle(self, *args: Any, **options: Any) -> None:
        file = Path(options["file"])
        if not file.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Gebruiker {options['user']} bestaat niet.")
        try:
            dataset = ses_dataset_load(
                actor=user,
                name=options["name"],
                year=options["year"],
                file_name=file.name,
                content=file.read_bytes(),
                source=options["source"],
            )
        except ImportRefused as exc:
            raise CommandError(
                "\n".join([exc.message, *(f"regel {e.line}: {e.message}" for e in exc.row_errors)])
            ) from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"SES-gegevensset {dataset.name!r} ingelezen: {dataset.scores.count()} gemeenten.")
