"""``opvangregie bench placement --instance NAME [--json]``: the placement benchmark on one instance;
``opvangregie bench import --rows N [--json]``: the count import (locations.bench; above IMPORT_TASK_ROWS the
task's way); ``opvangregie bench letter [--json]``: the council letter in-process and the batch of all letters of
Noord-Holland (reports.bench); ``opvangregie bench pages [--seconds S] [--json]``: the heavy pages under load on
the national data set (web.bench_pages)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opvangregie.placement import bench


class Command(BaseCommand):
    help = "Benchmarks: placement, the count import, the council letter and the pages under load."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subject", choices=["placement", "import", "letter", "pages"])
        parser.add_argument("--seconds", type=float, default=10.0, help="seconds of load per page")
        parser.add_argument("--clients", type=int, default=20, help="concurrent clients per page")
        parser.add_argument("--fresh", action="store_true", help="make the national database again")
        parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--rows", type=int, default=10_000, help="rows of the count import")
        parser.add_argument("--instance", choices=bench.INSTANCES, default="heemstede")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--workers", type=int, default=2, help="CP-SAT search workers (cores)")
        parser.add_argument("--province", default="PV27", help="the letter batch's province ('none': no batch)")
        parser.add_argument("--repeat", type=int, default=3, help="letters made per format (the best is reported)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subject"] == "pages":
            self._pages(options)
            return
        if options["subject"] == "letter":
            from opvangregie.reports import bench as letter_bench

            province = None if options["province"].lower() == "none" else options["province"]
            letter = letter_bench.run(repeat=max(1, options["repeat"]), province=province)
            self.stdout.write(json.dumps(letter) if options["json"] else letter_bench.table(letter))
            return
        if options["subject"] == "import":
            from opvangregie.locations import bench as import_bench

            outcome = import_bench.run(options["rows"])
            self.stdout.write(json.dumps(outcome) if options["json"] else import_bench.table(outcome))
            return
        result = bench.run(options["instance"], seed=options["seed"], workers=options["workers"])
        self.stdout.write(json.dumps(result, ensure_ascii=False) if options["json"] else bench.table(result))

    def _pages(self, options: dict[str, Any]) -> None:
        from opvangregie.web import bench_pages

        if options["in_process"]:  # the benchmark's own child process, on the benchmark's database
            self.stdout.write(json.dumps(bench_pages.in_process()))
            return
        bench_pages.environment_ready()
        result = bench_pages.run(seconds=options["seconds"], clients=options["clients"], fresh=options["fresh"])
        self.stdout.write(json.dumps(result, ensure_ascii=False) if options["json"] else bench_pages.table(result))
