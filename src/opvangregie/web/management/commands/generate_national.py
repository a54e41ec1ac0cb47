"""``opvangregie generate_national --seed N [--scale F]``: the national-scale data set (web.national)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.core.errors import ValidationError
from opvangregie.web.national import generate_national


class Command(BaseCommand):
    help = (
        "Generate a fictional national-scale data set (3,000 locations over every municipality, rooms, monthly "
        "counts, Ukrainian households, requests and realisations), seeded; for benchmarks and evaluation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, required=True, help="the same seed always gives the same data set")
        parser.add_argument("--scale", type=float, default=1.0, help="1 is the national set; 0.1 a tenth of it")
        parser.add_argument("--user", default="", help="the user the writes are attributed to (default: none)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"Unknown user: {options['user']}")
        started = time.perf_counter()
        try:
            generated = generate_national(seed=options["seed"], scale=options["scale"], actor=actor)
        except ValidationError as error:
            raise CommandError(str(error)) from None
        for name, number in generated.rows.items():
            self.stdout.write(f"{number:>9,}  {name}")
        self.stdout.write(self.style.SUCCESS(f"Generated in {time.perf_counter() - started:.1f} s."))
