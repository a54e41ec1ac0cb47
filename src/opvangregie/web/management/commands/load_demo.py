from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo data set (Heemstede on 1 November 2025, Kennemerland examples, demo users)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="the address printed for the demo")
        parser.add_argument("--force", action="store_true", help="also when DEBUG is off (never in production)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo users have published passwords: refusing to load them with DEBUG off.")
        users = load_demo()
        url = options["url"]
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Open {url} and log in as one of:"))
        width = max(len(u.username) for u in users)
        for user in users:
            self.stdout.write(f"  {user.username:<{width}}  {user.password:<24}  {user.description}")
        self.stdout.write(f"Heemstede on 1 November 2025: {url}gemeente/GM0397/?datum=2025-11-01")
