"""Where the usable free places of locations with rooms come from.

Usable free places of a location with rooms follow from who lives in which room (the household register)
and the room rules (core.placement.usable). Those live on higher floors than this app, so the placement
app registers the function that computes them when Django starts (``PlacementConfig.ready``); every
overview of this app then uses it, so dashboards, overviews, exports, the API and the council letter
give "bruikbare vrije plekken" and "vol" one meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from opvangregie.ui import request_memo

RoomUsable = Callable[[Sequence[int], date], Mapping[int, int]]
_provider: list[RoomUsable] = []


def register(provider: RoomUsable) -> None:
    """Set the function that gives, per location id with rooms, its usable free places on a date."""
    _provider[:] = [provider]


def usable_in_rooms(location_ids: Sequence[int], on: date) -> Mapping[int, int]:
    """Usable free places per location that has rooms (locations without rooms are absent). Within one reading
    request each location's figure is computed once (ui.request_memo): a dashboard asks for it twice."""
    if not _provider or not location_ids:
        return {}
    memo = request_memo.current()
    if memo is None:
        return _provider[0](location_ids, on)
    known: dict[int, int | None] = memo.setdefault(("usable_in_rooms", on), {})
    missing = [pk for pk in location_ids if pk not in known]
    if missing:
        found = _provider[0](missing, on)
        known.update({pk: found.get(pk) for pk in missing})
    return {pk: value for pk in location_ids if (value := known[pk]) is not None}
