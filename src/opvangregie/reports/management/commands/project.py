"""``opvangregie project``: the places expected at the end of the next quarters, as on the forward-look page."""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie import clock
from opvangregie.core.errors import ApplicationError
from opvangregie.reports.forward import QUARTERS, ScenarioRequest, forward_look, projection_table
from opvangregie.reports.management.commands._arguments import USER_HELP, command_actor, command_municipality

COLUMNS = (
    "kwartaal",
    "einddatum",
    "doelgroep",
    "plekken",
    "waarvan_verwacht",
    "taakstelling",
    "plekken_min_taakstelling",
    "zonder_capaciteit",
)


class Command(BaseCommand):
    help = "The places expected at the end of each of the next quarters of a municipality, against its target."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="CBS code, e.g. GM0397")
        parser.add_argument("--quarters", type=int, default=QUARTERS)
        parser.add_argument("--date", type=date.fromisoformat, help="the day to look ahead from (default: today)")
        parser.add_argument("--csv", action="store_true", help="write CSV (semicolons) instead of a table")
        parser.add_argument("--scenario-location", type=int, help="location id a what-if scenario changes")
        parser.add_argument("--shift-months", type=int, help="scenario: move its expected dates this many months")
        parser.add_argument("--drop", action="store_true", help="scenario: leave the location out")
        parser.add_argument("--places", type=int, help="scenario: the location's places from --places-from")
        parser.add_argument("--places-from", type=date.fromisoformat, help="scenario: the date those places start")
        parser.add_argument("--user", help=USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = command_actor(options["user"])
        try:
            municipality = command_municipality(options["municipality"])
            scenario = None
            if options["scenario_location"]:
                scenario = ScenarioRequest(
                    options["scenario_location"],
                    shift_months=options["shift_months"],
                    drop=options["drop"],
                    capacity=options["places"],
                    capacity_from=options["places_from"],
                )
            look = forward_look(
                actor=actor,
                municipality_ids=[municipality.pk],
                today=options["date"] or clock.today(),
                quarters=options["quarters"],
                scenario=scenario,
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        rows = projection_table(look, scenario=scenario is not None)
        if options["csv"]:
            writer = csv.writer(self.stdout, delimiter=";", lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(row.values() for row in rows)
            return
        self.stdout.write(f"{municipality.name}: verwachting vanaf {look.today:%d-%m-%Y}")
        widths = [max(len(COLUMNS[i]), *(len(str(row.values()[i])) for row in rows)) for i in range(len(COLUMNS))]
        self.stdout.write("  ".join(name.ljust(width) for name, width in zip(COLUMNS, widths, strict=True)))
        for row in rows:
            cells = [str(value) for value in row.values()]
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)))
