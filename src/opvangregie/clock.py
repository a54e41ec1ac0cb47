"""The business clock: what "today" and "now" are for every default date, period and the 72-hour timer.

A demo or training installation pins the day with the setting ``OPVANGREGIE_TODAY`` (an ISO date, e.g.
``2025-11-11``, the date of the seed council letter); production leaves it unset and the clock is the real
one. Audit rows, task and token timestamps never use this clock: they record real time.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone


def pinned_day() -> date | None:
    """The day the installation is pinned to, or None when the clock is the real one."""
    value = getattr(settings, "OPVANGREGIE_TODAY", None)
    return date.fromisoformat(value) if value else None


def today() -> date:
    """Today on the Dutch calendar (Europe/Amsterdam), or the pinned day."""
    return pinned_day() or timezone.localdate()


def now() -> datetime:
    """The current moment; on a pinned installation the pinned day at the real time of day."""
    real = timezone.localtime()
    day = pinned_day()
    if day is None:
        return real
    return timezone.make_aware(datetime.combine(day, real.time().replace(tzinfo=None)))


def midday(day: date) -> datetime:
    """Noon of ``day`` on the Dutch calendar: the moment at which a page reads the state of a reference date."""
    return timezone.make_aware(datetime.combine(day, time(12)))
