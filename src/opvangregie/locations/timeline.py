"""The timeline of a location (or a candidate site): its own events, and what higher apps keep about it
(decisions, communications).

The apps above ``locations`` (import-linter's floors) cannot be imported here; they add a source with
:func:`add_timeline_source` when Django starts (their ``AppConfig.ready``), so a page shows one timeline in
date order without knowing where each entry is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opvangregie.core.deadlines import objection_period_end
from opvangregie.locations.models import EventKind, Location


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated line of the timeline: ``kind`` and ``title`` shown, ``details`` in small print below."""

    on: date
    kind: str
    title: str
    details: tuple[str, ...] = ()
    until: date | None = None
    link: str = ""


TimelineSource = Callable[[Any, Any], Iterable[TimelineEntry]]  # (actor, location or site) -> entries
_sources: list[TimelineSource] = []


def add_timeline_source(source: TimelineSource) -> None:
    """Register ``source`` once (an app's ``ready`` may run twice in tests)."""
    if source not in _sources:
        _sources.append(source)


def _events(location: Location) -> Iterable[TimelineEntry]:
    for event in location.events.order_by("date", "pk"):
        details = [event.description] if event.description else []
        if event.kind == EventKind.PERMIT_GRANTED:  # Awb 6:7, 6:8: six weeks from the day after it is made known
            end = date_format(objection_period_end(event.date), "j F Y")
            details.append(_("Objection period ends %(day)s") % {"day": end})
        yield TimelineEntry(event.date, event.get_kind_display(), event.title, tuple(details))


def registered_entries(*, actor: Any, subject: Any) -> list[TimelineEntry]:
    """What the registered sources keep about ``subject`` (a location or a candidate site) for ``actor``."""
    entries = [entry for source in _sources for entry in source(actor, subject)]
    return sorted(entries, key=lambda entry: entry.on)


def location_timeline(*, actor: Any, location: Location) -> list[TimelineEntry]:
    """Every entry about ``location`` that ``actor`` may see, oldest first (a stable order on equal dates)."""
    entries = [*_events(location), *registered_entries(actor=actor, subject=location)]
    return sorted(entries, key=lambda entry: entry.on)
