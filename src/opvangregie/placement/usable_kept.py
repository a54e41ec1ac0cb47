"""Usable free places per location and date, computed once and kept until a write changes them (issue 20).

``kept_places(ids, on)`` answers from ``UsableKept`` and computes, keeps and answers the rest. A figure
on a date depends on the location's rooms and on the households living in them then (their size, adults and
sex, core.placement.usable), so every write to a room, stay, member or household forgets the figures of the
locations concerned: the signals below, before and after the write (a stay or room moved to another location
changes both), and the bulk paths that send no signals (the national generator) call :func:`forget`.

A reader and a write can overlap: a figure computed from rooms read just before a write committed, and kept
just after it, would outlive the write's forgetting. So a write also counts up the location's
``UsableGeneration`` in its own transaction, a reader notes the count before it reads the rooms (afresh, not as
read earlier in the request) and keeps its figure with that count, and a kept figure counts only while the
location's count is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import models
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save

from opvangregie.core.placement.usable import UsablePlaces
from opvangregie.households.models import Household, Member, Stay
from opvangregie.locations.models import Location, Room
from opvangregie.placement.allocation import usable_places_on
from opvangregie.placement.models import UsableGeneration, UsableKept

FORMAT = 2  # what a kept row holds: the fields of UsablePlaces (2: rows kept before generations are not trusted)


def kept_places(location_ids: Sequence[int], on: date) -> dict[int, UsablePlaces]:
    """The usable places on ``on`` per location with rooms (placement.allocation.usable_places_on), kept for
    the next reader; locations without rooms are absent. A row kept in an earlier :data:`FORMAT`, or at an earlier
    generation of its location, is computed again."""
    ids = list(dict.fromkeys(location_ids))
    generations = dict(UsableGeneration.objects.filter(location_id__in=ids).values_list("location_id", "value"))
    known: dict[int, UsablePlaces | None] = {}
    stored = UsableKept.objects.filter(location_id__in=ids, on=on)
    for pk, places, generation in stored.values_list("location_id", "places", "generation"):
        if generation == generations.get(pk, 0) and (places is None or places.get("format") == FORMAT):
            known[pk] = None if places is None else _places(places)
    missing = [pk for pk in ids if pk not in known]
    if missing:
        found = usable_places_on(missing, on, fresh=True)  # read after the generations were noted
        UsableKept.objects.bulk_create(
            [
                UsableKept(location_id=pk, on=on, places=_stored(found.get(pk)), generation=generations.get(pk, 0))
                for pk in missing
            ],
            update_conflicts=True,
            unique_fields=["location", "on"],
            update_fields=["places", "generation", "computed_at"],
        )
        known.update({pk: found.get(pk) for pk in missing})
    return {pk: places for pk in ids if (places := known[pk]) is not None}


def kept_usable_free_places(location_ids: Sequence[int], on: date) -> dict[int, int]:
    """ "Bruikbare vrije plekken" per location with rooms on ``on``, as kept (locations.usable's provider)."""
    return {pk: places.usable_beds for pk, places in kept_places(location_ids, on).items()}


def _stored(places: UsablePlaces | None) -> dict[str, Any] | None:
    return None if places is None else {**asdict(places), "families": list(places.families), "format": FORMAT}


def _places(stored: dict[str, Any]) -> UsablePlaces:
    fields = {key: value for key, value in stored.items() if key != "format"}
    return UsablePlaces(**{**fields, "families": tuple(fields["families"])})


def forget(location_ids: Iterable[int | None] | None = None) -> None:
    """Forget the kept figures of these locations (None: of every location): count up their generation (in the
    writer's transaction, see the module docstring) and remove the rows."""
    rows = UsableKept.objects.all()
    generations = UsableGeneration.objects.all()
    if location_ids is None:
        ids = set(Location.objects.values_list("pk", flat=True))
    else:
        ids = {pk for pk in location_ids if pk is not None}
        if not ids:
            return
        rows, generations = rows.filter(location_id__in=ids), generations.filter(location_id__in=ids)
    # in one order, so that two writers forgetting the same locations take their rows in the same order
    UsableGeneration.objects.bulk_create(
        [UsableGeneration(location_id=pk) for pk in sorted(ids)], ignore_conflicts=True
    )
    generations.update(value=F("value") + 1)
    rows.delete()


def _of_household(household_id: int | None) -> list[int | None]:
    """Every location the household ever lived in: its members' ages and sexes count on each of those dates."""
    if household_id is None:
        return []
    return list(Stay.objects.filter(household_id=household_id).values_list("location_id", flat=True))


def _stored_location(model: type[models.Model], pk: Any) -> list[int | None]:
    """The location a stay or room has in the database, before it is saved again."""
    return list(model._default_manager.filter(pk=pk).values_list("location_id", flat=True)) if pk else []


BEFORE = "_usable_kept_location_before"  # the location a stay or room had before its save (set by pre_save)


def _stay_or_room_written(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    """After the write (in autocommit the write is committed first, so a reader that sees the new generation
    reads the new rooms): the location it has now, and the one it had before the save."""
    forget([instance.location_id, *instance.__dict__.pop(BEFORE, [])])


def _stay_or_room_saving(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    instance.__dict__[BEFORE] = _stored_location(sender, instance.pk)


def _household_written(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    forget(_of_household(instance.pk if isinstance(instance, Household) else instance.household_id))


def connect() -> None:
    """Connect the signals (PlacementConfig.ready)."""
    placed: tuple[type[models.Model], ...] = (Stay, Room)
    for model in placed:
        pre_save.connect(_stay_or_room_saving, sender=model, dispatch_uid=f"usable-kept-{model.__name__}-saving")
        post_save.connect(_stay_or_room_written, sender=model, dispatch_uid=f"usable-kept-{model.__name__}-save")
        post_delete.connect(_stay_or_room_written, sender=model, dispatch_uid=f"usable-kept-{model.__name__}-delete")
    lived: tuple[type[models.Model], ...] = (Household, Member)
    for model in lived:
        post_save.connect(_household_written, sender=model, dispatch_uid=f"usable-kept-{model.__name__}-save")
        post_delete.connect(_household_written, sender=model, dispatch_uid=f"usable-kept-{model.__name__}-delete")
