"""``opvangregie report council-letter``: the quarterly council letter of a municipality as a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.core.errors import ApplicationError
from opvangregie.core.periods import Quarter
from opvangregie.reports.documents import council_letter_docx, council_letter_html, council_letter_pdf
from opvangregie.reports.management.commands._arguments import USER_HELP, command_actor, command_municipality
from opvangregie.reports.selectors import council_letter


class Command(BaseCommand):
    help = "Generate reports in batch: council-letter (raadsinformatiebericht) as .docx, .pdf or .html."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["council-letter"])
        parser.add_argument("--municipality", required=True, help="CBS code, e.g. GM0397")
        parser.add_argument("--quarter", required=True, help="e.g. 2025-Q4")
        parser.add_argument("--format", choices=["docx", "pdf", "html"], default="docx")
        parser.add_argument("--output", required=True, help="file to write")
        parser.add_argument("--date", type=date.fromisoformat, help="reference date of the figures")
        parser.add_argument("--user", help=USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = command_actor(options["user"])
        try:
            municipality = command_municipality(options["municipality"])
            letter = council_letter(
                actor=actor, municipality=municipality, quarter=Quarter.parse(options["quarter"]), on=options["date"]
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        output = Path(options["output"])
        if options["format"] == "docx":
            output.write_bytes(council_letter_docx(letter))
        elif options["format"] == "pdf":
            output.write_bytes(council_letter_pdf(letter))
        else:
            output.write_text(council_letter_html(letter), encoding="utf-8")
        self.stdout.write(f"{output} geschreven ({letter.municipality.name}, {letter.quarter}, peildatum {letter.on}).")
