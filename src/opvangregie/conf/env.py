"""The one helper through which settings read environment variables."""

from __future__ import annotations

import os
from datetime import date

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str:
    """A string variable; without a default a missing variable is a configuration error."""
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    """A boolean variable: 1/true/yes/on (any case) are true."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated list variable."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_iso_date(name: str, default: str = "") -> str | None:
    """An optional ISO date (YYYY-MM-DD), kept as text for the settings; a malformed one is a configuration error."""
    value = env_str(name, default).strip()
    if not value:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"Environment variable {name} must be a date such as 2025-11-11.") from None
    return value
