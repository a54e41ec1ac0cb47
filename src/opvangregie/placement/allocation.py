"""Rooms, residents and waiting households of a municipality or region, as core.placement sees them.

Residents come from the household register (stays on the date); waiting households are those with an
open reception request that are not in a room. Priority is the weeks waited (at most 52) plus 13 weeks
for a household marked vulnerable, so the optimiser's tie-break favours who waited longest.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from opvangregie.areas.models import Municipality
from opvangregie.core.contribution import ADULT_AGE, is_adult
from opvangregie.core.lifecycle import LocationStatus, status_on
from opvangregie.core.placement import model as core
from opvangregie.core.placement.usable import UsablePlaces, usable_places
from opvangregie.core.rooms import SharingRule
from opvangregie.core.target_groups import TargetGroup
from opvangregie.households.models import Household, ReceptionRequest, RequestStatus, Stay
from opvangregie.locations.models import Location, Room
from opvangregie.locations.selectors import transitions_of
from opvangregie.ui import request_memo

MAX_WAITING_WEEKS = 52
VULNERABLE_WEEKS = 13


@dataclass(frozen=True, slots=True)
class PlacementState:
    """What a proposal is computed from, with the database objects behind the keys."""

    on: date
    rooms: list[core.Room]
    waiting: list[core.Household]
    locations: dict[str, Location]
    room_objects: dict[str, Room]
    households: dict[str, Household]
    requests: dict[str, ReceptionRequest]

    @property
    def fingerprint(self) -> str:
        """Changes whenever rooms, residents or the waiting list change (not when time passes)."""
        content = {
            "rooms": [
                [room.key, room.beds, room.floor, room.accessible, room.sharing, [_static(r) for r in room.residents]]
                for room in self.rooms
            ],
            "waiting": [_static(household) for household in self.waiting],
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _static(household: core.Household) -> list[object]:
    return [
        household.key,
        household.size,
        household.adults,
        household.sex,
        household.needs_accessible,
        household.needs_ground_floor,
    ]


def _as_core(household: Household, on: date, priority: int = 0) -> core.Household:
    members = list(household.members.all())
    adults = sum(1 for member in members if is_adult(member.year_of_birth, on))
    single_sex = members[0].sex if len(members) == 1 else ""
    return core.Household(
        key=str(household.pk),
        size=len(members),
        adults=adults,
        sex=single_sex,
        needs_accessible=household.needs_accessible,
        needs_ground_floor=household.needs_ground_floor,
        priority=priority,
    )


def priority(request: ReceptionRequest, now: datetime) -> int:
    weeks = min(MAX_WAITING_WEEKS, max(0, (now - request.received_at).days // 7))
    return weeks + (VULNERABLE_WEEKS if request.household.vulnerable else 0)


def locations_in_use(municipalities: Iterable[Municipality], on: date) -> list[Location]:
    """The municipalities' Ukrainian locations that are in use on ``on`` (by their dated lifecycle, read as plain
    rows: a region has hundreds of locations)."""
    candidates = list(
        Location.objects.filter(
            municipality__in=list(municipalities), target_group=TargetGroup.UKRAINIAN
        ).select_related("municipality")
    )
    transitions = transitions_of([location.pk for location in candidates])
    in_use = [location for location in candidates if status_on(transitions[location.pk], on) is LocationStatus.IN_USE]
    return sorted(in_use, key=lambda location: (location.municipality.name, location.name))


def _room_objects(locations: Sequence[Location]) -> dict[str, Room]:
    """The rooms of the locations, location by location and by name within each."""
    rooms: dict[int, list[Room]] = defaultdict(list)
    for room in Room.objects.filter(location__in=[location.pk for location in locations]).order_by("name", "pk"):
        rooms[room.location_id].append(room)
    return {str(room.pk): room for location in locations for room in rooms[location.pk]}


def _rooms_on(room_objects: dict[str, Room], on: date) -> tuple[list[core.Room], dict[str, Household]]:
    """The rooms with the households living in them on ``on`` (stays from the household register)."""
    current = Q(start__lte=on) & (Q(end__isnull=True) | Q(end__gt=on))
    stays = (
        Stay.objects.filter(current, room__in=[room.pk for room in room_objects.values()])
        .select_related("household")
        .prefetch_related("household__members")
        .order_by("household__pk")
    )
    residents: dict[str, list[core.Household]] = {}
    households: dict[str, Household] = {}
    for stay in stays:
        residents.setdefault(str(stay.room_id), []).append(_as_core(stay.household, on))
        households[str(stay.household_id)] = stay.household
    rooms = [
        core.Room(
            key=key,
            beds=room.beds,
            location=str(room.location_id),
            floor=room.floor,
            accessible=room.accessible,
            sharing=SharingRule(room.sharing_rule),
            residents=tuple(residents.get(key, ())),
        )
        for key, room in room_objects.items()
    ]
    return rooms, households


RoomRow = tuple[int, int, int, int, bool, str]  # pk, location, beds, floor, accessible, sharing rule
ROOM_ROW = ("pk", "location_id", "beds", "floor", "accessible", "sharing_rule")


RoomRead = tuple[RoomRow, tuple[core.Household, ...]]  # a room as read, with who lives in it on the date


def usable_places_on(location_ids: Sequence[int], on: date, *, fresh: bool = False) -> dict[int, UsablePlaces]:
    """The usable places on ``on`` per location with rooms (core.placement.usable: one family per room, EUAA
    guidance; single adults only where the sharing rule admits them), computed from the rooms and their residents
    (placement.usable_kept keeps them); ``fresh``: read now, not as read earlier in the request."""
    reads = _room_reads(location_ids, on, fresh=fresh)
    return {
        pk: usable_places(_core_room(row, residents) for row, residents in rows) for pk, rows in reads.items() if rows
    }


def rooms_on(location_ids: Sequence[int], on: date) -> list[core.Room]:
    """The rooms of the locations (in that order, by name within each) with who lives in them on ``on``."""
    reads = _room_reads(location_ids, on)
    return [_core_room(row, residents) for pk in dict.fromkeys(location_ids) for row, residents in reads[pk]]


def _room_reads(location_ids: Sequence[int], on: date, *, fresh: bool = False) -> dict[int, list[RoomRead]]:
    """Per location its rooms with their residents on ``on``, read as plain rows (a province has thousands of
    rooms). Within one reading request each location is read once (ui.request_memo): a dashboard's table and
    its usable places both need them."""
    memo = None if fresh else request_memo.current()
    known: dict[int, list[RoomRead]] = {} if memo is None else memo.setdefault(("room_reads", on), {})
    missing = [pk for pk in dict.fromkeys(location_ids) if pk not in known]
    if missing:
        rows = list(Room.objects.filter(location_id__in=missing).order_by("name", "pk").values_list(*ROOM_ROW))
        residents = _households_in_rooms(missing, on)
        found: dict[int, list[RoomRead]] = defaultdict(list)
        for row in rows:
            found[row[1]].append((row, tuple(residents.get(row[0], ()))))
        known.update({pk: found.get(pk, []) for pk in missing})
    return {pk: known[pk] for pk in location_ids}


def _core_room(row: RoomRow, residents: tuple[core.Household, ...]) -> core.Room:
    pk, location_id, beds, floor, accessible, sharing = row
    return core.Room(str(pk), beds, str(location_id), floor, accessible, SharingRule(sharing), residents)


def _households_in_rooms(location_ids: Collection[int], on: date) -> dict[int, list[core.Household]]:
    """Per room of the locations the households living in it on ``on``: per household its size, adults
    (core.contribution.is_adult: from 1 January of the year of the 18th birthday) and, for a single person, the
    sex, counted by the database; the same as ``_as_core`` of each household."""
    residents: dict[int, list[core.Household]] = defaultdict(list)
    for room_id, household_id, accessible, ground_floor, size, adults, sex in _residents_on(location_ids, on):
        residents[room_id].append(
            core.Household(
                key=str(household_id),
                size=size,
                adults=adults,
                sex=sex if size == 1 else "",
                needs_accessible=accessible,
                needs_ground_floor=ground_floor,
            )
        )
    return residents


def _residents_on(location_ids: Collection[int], on: date) -> list[tuple[int, int, bool, bool, int, int, str]]:
    """Per household living in a room of the locations on ``on``: room, household, needs, size, adults, sex."""
    current = Q(start__lte=on) & (Q(end__isnull=True) | Q(end__gt=on))
    adult = Q(household__members__year_of_birth__lte=on.year - ADULT_AGE)
    return list(
        Stay.objects.filter(current, room__location_id__in=list(location_ids))
        .values_list("room_id", "household_id", "household__needs_accessible", "household__needs_ground_floor")
        .annotate(
            size=Count("household__members"),
            adults=Count("household__members", filter=adult),
            sex=Max("household__members__sex"),
        )
        .order_by("household_id")
    )


def placement_state(
    municipalities: Iterable[Municipality], *, now: datetime, residents: bool = True, rooms: bool = True
) -> PlacementState:
    """The state of the municipalities' Ukrainian locations in use and their waiting lists at ``now``; without
    ``residents`` the households living in the rooms are counted but not read, and neither are the room objects
    (reports that move no one); without ``rooms`` no room is read at all (reports of kept figures only)."""
    municipalities = list(municipalities)
    on = timezone.localdate(now)
    locations = locations_in_use(municipalities, on)
    room_objects: dict[str, Room] = {}
    households: dict[str, Household] = {}
    core_rooms: list[core.Room] = []
    if residents:
        room_objects = _room_objects(locations)
        core_rooms, households = _rooms_on(room_objects, on)
    elif rooms:
        core_rooms = rooms_on([location.pk for location in locations], on)
    current = Q(start__lte=on) & (Q(end__isnull=True) | Q(end__gt=on))
    in_a_room = Stay.objects.filter(current, room__isnull=False).values("household_id")
    requests = (
        ReceptionRequest.objects.filter(municipality__in=municipalities, status=RequestStatus.OPEN)
        .exclude(household__in=in_a_room)
        .select_related("household", "municipality")
        .prefetch_related(Prefetch("household__members"))
        .order_by("received_at", "pk")
    )
    waiting, open_requests = [], {}
    for request in requests:
        key = str(request.household_id)
        waiting.append(_as_core(request.household, on, priority(request, now)))
        households[key] = request.household
        open_requests[key] = request
    return PlacementState(
        on=on,
        rooms=core_rooms,
        waiting=waiting,
        locations={str(location.pk): location for location in locations},
        room_objects=room_objects,
        households=households,
        requests=open_requests,
    )
