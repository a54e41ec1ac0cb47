"""``opvangregie bench placement --instance NAME [--json]``: the placement benchmark on one instance;
``opvangregie bench import --rows N [--json]``: the count import (locations.bench; above IMPORT_TASK_ROWS the
task's way); ``opvangregie bench letter [--json]``: the council letter in-process and the batch of all letters of
Noord-Holland (reports.bench)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opvangregie.placement import bench


class Command(BaseCommand):
    help = "Benchmark the placement optimiser against greedy, the naive model and the LP bound."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subject", choices=["placement", "import", "letter"])
        parser.add_argument("--rows", type=int, default=10_000, help="rows of the count import")
        parser.add_argument("--instance", choices=bench.INSTANCES, default="heemstede")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--workers", type=int, default=2, help="CP-SAT search workers (cores)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subject"] == "letter":
            from opvangregie.reports import bench as letter_bench

            letter = letter_bench.run()
            self.stdout.write(json.dumps(letter) if options["json"] else letter_bench.table(letter))
            return
        if options["subject"] == "import":
            from opvangregie.locations import bench as import_bench

            outcome = import_bench.run(options["rows"])
            self.stdout.write(json.dumps(outcome) if options["json"] else import_bench.table(outcome))
            return
        result = bench.run(options["instance"], seed=options["seed"], workers=options["workers"])
        self.stdout.write(json.dumps(result, ensure_ascii=False) if options["json"] else bench.table(result))
