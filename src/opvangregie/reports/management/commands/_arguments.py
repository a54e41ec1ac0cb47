"""What the report commands share: whose rights they run with, and the municipality they are about."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from opvangregie.areas.models import Municipality
from opvangregie.core.codes import MunicipalityCode

USER_HELP = "run with this user's permissions (default: the first administrator)"


def command_actor(username: str | None) -> Any:
    """The user named by ``--user``, or the first administrator; a clear error when there is none."""
    users = get_user_model().objects
    actor = (
        users.filter(username=username).first() if username else users.filter(is_superuser=True).order_by("pk").first()
    )
    if actor is None:
        raise CommandError("Geen gebruiker gevonden om mee te werken (gebruik --user).")
    return actor


def command_municipality(raw: str) -> Municipality:
    """The municipality of ``--municipality`` (GM0397, 0397 or 397); raises ApplicationError on a bad code."""
    code = str(MunicipalityCode.parse(raw))
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise CommandError(f"Gemeente {code} bestaat niet.")
    return municipality
