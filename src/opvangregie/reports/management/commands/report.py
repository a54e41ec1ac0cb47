"""``opvangregie report council-letter``: the quarterly council letter of a municipality as a file, or with
``--province`` the letters of all its municipalities in one process, one file each in the ``--output`` directory."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.areas.models import Province
from opvangregie.core.errors import ApplicationError
from opvangregie.core.periods import Quarter
from opvangregie.reports.batch import BatchLetter, council_letter_batch
from opvangregie.reports.documents import council_letter_docx, council_letter_html, council_letter_pdf
from opvangregie.reports.management.commands._arguments import USER_HELP, command_actor, command_municipality
from opvangregie.reports.selectors import council_letter


def command_province(raw: str) -> Province:
    """The province of ``--province`` (its CBS code, e.g. PV27); a clear error naming the codes otherwise."""
    code = raw.strip().upper()
    province = Province.objects.filter(code=code).first()
    if province is None:
        codes = ", ".join(Province.objects.order_by("code").values_list("code", flat=True))
        raise CommandError(f"Provincie {raw!r} bestaat niet; gebruik een CBS-code: {codes}.")
    return province


class Command(BaseCommand):
    help = (
        "Generate reports in batch: council-letter (raadsinformatiebericht) as .docx, .pdf or .html, for one "
        "municipality (--municipality, --output FILE) or every municipality of a province (--province, "
        "--output DIR)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["council-letter"])
        area = parser.add_mutually_exclusive_group(required=True)
        area.add_argument("--municipality", help="CBS code, e.g. GM0397")
        area.add_argument("--province", help="CBS code, e.g. PV27: a letter for each of its municipalities")
        parser.add_argument("--quarter", required=True, help="e.g. 2025-Q4")
        parser.add_argument("--format", choices=["docx", "pdf", "html"], default="docx")
        parser.add_argument("--output", required=True, help="file to write (with --province: a directory)")
        parser.add_argument("--date", type=date.fromisoformat, help="reference date of the figures")
        parser.add_argument("--user", help=USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = command_actor(options["user"])
        if options["province"]:
            self._province(actor, **options)
            return
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

    def _province(self, actor: Any, **options: Any) -> None:
        province = command_province(options["province"])
        output = Path(options["output"])
        if output.exists() and not output.is_dir():
            raise CommandError(f"{output} is geen map; geef met --province een map op voor de brieven.")

        def echo(done: BatchLetter) -> None:
            self.stdout.write(f"{done.path} geschreven ({done.municipality.name}, {done.seconds:.2f} s).")

        start = time.perf_counter()
        try:
            written = council_letter_batch(
                actor=actor,
                province=province,
                quarter=Quarter.parse(options["quarter"]),
                fmt=options["format"],
                output=output,
                on=options["date"],
                echo=echo,
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"{len(written)} raadsinformatieberichten van {province.name} geschreven in {output} "
            f"({time.perf_counter() - start:.1f} s)."
        )
