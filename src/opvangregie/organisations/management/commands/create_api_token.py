from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opvangregie.organisations.services import api_token_issue


class Command(BaseCommand):
    help = "Issue an API token for a user; the token is printed once and stored only as a digest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli", help="a label for the token")
        parser.add_argument("--days", type=int, default=None, help="days until it expires (default API_TOKEN_DAYS)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Unknown user {options['username']!r}.")
        if options["days"] is not None and not 1 <= options["days"] <= 3650:
            raise CommandError("--days must be between 1 and 3650.")
        _, raw = api_token_issue(user=user, name=options["name"], valid_days=options["days"])
        self.stdout.write(raw)
