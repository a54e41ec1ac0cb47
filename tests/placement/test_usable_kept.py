"""The kept usable free places (placement.usable_kept): read as kept, and refreshed by every write that changes
them, so every page keeps giving what the rooms and their residents say on the date (one meaning per figure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from opvangregie.households.models import Household, Member, Stay
from opvangregie.locations.models import Location, Room
from opvangregie.locations.usable import usable_in_rooms
from opvangregie.placement import usable_kept
from opvangregie.placement.allocation import usable_places_on
from opvangregie.placement.models import UsableGeneration, UsableKept
from opvangregie.placement.usable_kept import FORMAT, kept_places

pytestmark = pytest.mark.django_db
ON = date(2025, 11, 1)


def _lived_in() -> tuple[Location, Stay]:
    """A demo location with rooms and a household living in one of them on ``ON``."""
    stay = (
        Stay.objects.filter(room__isnull=False, start__lte=ON, end__isnull=True)
        .select_related("location", "room", "household")
        .order_by("pk")
        .first()
    )
    assert stay is not None
    assert stay.location is not None
    return stay.location, stay


def _kept(location: Location) -> int | None:
    """The usable free places kept for the location on ``ON`` (None: none kept)."""
    row = UsableKept.objects.filter(location=location, on=ON).first()
    return None if row is None or row.places is None else kept_places([location.pk], ON)[location.pk].usable_beds


def _read(location: Location) -> int | None:
    """What a page shows, and a check that it is what the rooms say now."""
    shown = usable_in_rooms([location.pk], ON).get(location.pk)
    computed = usable_places_on([location.pk], ON).get(location.pk)
    assert shown == (computed.usable_beds if computed else None)
    return shown


def test_a_figure_is_kept_once_read_and_then_read_as_kept() -> None:
    location, _ = _lived_in()
    assert _kept(location) is None
    shown = _read(location)
    assert shown is not None
    assert _kept(location) == shown
    row = UsableKept.objects.get(location=location, on=ON)
    row.places = {**row.places, "beds": row.places["beds"] + 7}  # a stand-in: not how a kept row is refreshed
    row.save()
    assert usable_in_rooms([location.pk], ON)[location.pk] == shown + 7  # read from the kept row, not computed
    assert kept_places([location.pk], ON)[location.pk] == replace(
        usable_places_on([location.pk], ON)[location.pk], beds=row.places["beds"]
    )
    without_rooms = Location.objects.filter(rooms__isnull=True).order_by("pk").first()
    assert without_rooms is not None
    assert without_rooms.pk not in usable_in_rooms([without_rooms.pk], ON)
    assert UsableKept.objects.get(location=without_rooms, on=ON).places is None  # kept as "no rooms"


def _add_room(location: Location, stay: Stay) -> None:
    Room.objects.create(location=location, name="Nieuwe kamer", beds=3)


def _more_beds(location: Location, stay: Stay) -> None:
    assert stay.room is not None
    stay.room.beds += 2
    stay.room.save()


def _delete_empty_room(location: Location, stay: Stay) -> None:
    room = Room.objects.create(location=location, name="Leeg", beds=2)
    _read(location)  # kept with the new room
    room.delete()


def _moves_out(location: Location, stay: Stay) -> None:
    stay.end = date(2025, 10, 15)
    stay.save()


def _stay_removed(location: Location, stay: Stay) -> None:
    stay.delete()


def _member_born(location: Location, stay: Stay) -> None:
    Member.objects.create(household=stay.household, number=99, year_of_birth=2025, sex="F")


def _member_removed(location: Location, stay: Stay) -> None:
    member = stay.household.members.order_by("pk").first()
    assert member is not None
    member.delete()


def _household_needs(location: Location, stay: Stay) -> None:
    household = Household.objects.get(pk=stay.household_id)
    household.needs_accessible = not household.needs_accessible
    household.save()


WRITES: dict[str, Callable[[Location, Stay], None]] = {
    "a room added": _add_room,
    "a room's beds": _more_beds,
    "an empty room removed": _delete_empty_room,
    "a stay ended": _moves_out,
    "a stay removed": _stay_removed,
    "a member added": _member_born,
    "a member removed": _member_removed,
    "a household's needs": _household_needs,
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_that_changes_the_figure_forgets_it(write: Callable[[Location, Stay], None]) -> None:
    location, stay = _lived_in()
    _read(location)
    assert _kept(location) is not None
    write(location, stay)
    assert _kept(location) is None  # forgotten by the write
    _read(location)  # computed again: the same as the rooms say now


def test_a_stay_moved_to_another_location_forgets_both() -> None:
    location, stay = _lived_in()
    other = Room.objects.exclude(location=location).filter(location__municipality=location.municipality).first()
    assert other is not None
    _read(location), _read(other.location)
    stay.location, stay.room = other.location, other
    stay.save()
    assert _kept(location) is None
    assert _kept(other.location) is None
    _read(location), _read(other.location)


def test_anonymising_a_household_forgets_where_it_lived(users: Any) -> None:
    from opvangregie.households.services import households_anonymise

    location, stay = _lived_in()
    Household.objects.filter(pk=stay.household_id).update(left_on=date(2020, 1, 1))
    _read(location)
    assert households_anonymise(on=date(2026, 12, 1)) >= 1
    assert _kept(location) is None
    _read(location)


def test_forget_without_locations_forgets_every_figure() -> None:
    location, _ = _lived_in()
    _read(location)
    usable_kept.forget([])
    assert _kept(location) is not None  # no location named: nothing forgotten
    usable_kept.forget()
    assert not UsableKept.objects.exists()


def test_forgetting_every_figure_counts_up_locations_never_forgotten_before() -> None:
    """A figure kept at a location's first generation, by a reader that overlapped the forgetting of every
    figure, is not taken."""
    location, _ = _lived_in()
    UsableGeneration.objects.filter(location_id=location.pk).delete()  # as a location no write has forgotten yet
    shown = _read(location)
    stale = UsableKept.objects.get(location=location, on=ON)
    usable_kept.forget()
    assert UsableGeneration.objects.get(location_id=location.pk).value == 1
    UsableKept.objects.create(location=location, on=ON, places={**stale.places, "beds": 999}, generation=0)
    assert _read(location) == shown


def test_a_stay_moved_is_forgotten_only_after_it_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a transaction each write commits on its own: counting up the old location before the move is
    written would let a reader keep the figure of before at the new generation."""
    location, stay = _lived_in()
    other = Room.objects.exclude(location=location).filter(location__municipality=location.municipality).first()
    assert other is not None
    forgotten, forget = [], usable_kept.forget

    def noted(location_ids: Any = None) -> None:
        forgotten.append((set(location_ids or ()), Stay.objects.get(pk=stay.pk).location_id))
        forget(location_ids)

    monkeypatch.setattr(usable_kept, "forget", noted)
    stay.location, stay.room = other.location, other
    stay.save()
    assert {location.pk, other.location_id} <= set().union(*(ids for ids, _ in forgotten))
    assert {where for _, where in forgotten} == {other.location_id}  # each time, the move was written


def test_a_row_kept_in_an_earlier_format_is_computed_again() -> None:
    location, _ = _lived_in()
    shown = _read(location)
    UsableKept.objects.filter(location=location).update(places={"format": FORMAT - 1, "beds": 0})
    assert kept_places([location.pk], ON)[location.pk].usable_beds == shown
    assert UsableKept.objects.get(location=location, on=ON).places["format"] == FORMAT


def test_a_write_while_a_figure_is_computed_does_not_leave_it_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader reads the rooms, a write commits, then the reader keeps what it computed: the next reader must get
    what the rooms say after the write, not the figure of before (a kept figure counts only for the generation of
    the location it was computed at)."""
    location, stay = _lived_in()
    compute = usable_kept.usable_places_on

    def computed_then_written(*args: Any, **kwargs: Any) -> Any:
        found = compute(*args, **kwargs)
        _add_room(location, stay)  # another request's write, between this reader's reads and its keeping
        return found

    monkeypatch.setattr(usable_kept, "usable_places_on", computed_then_written)
    before = kept_places([location.pk], ON)[location.pk].usable_beds
    monkeypatch.undo()
    assert _read(location) != before


def test_a_location_deleted_with_its_rooms_leaves_nothing_that_breaks() -> None:
    """Deleting a location deletes its rooms first; forgetting their figures must not hold the deletion up."""
    location = Location.objects.create(
        municipality=Location.objects.order_by("pk").first().municipality, name="Weg", target_group="ukrainian"
    )
    Room.objects.create(location=location, name="Kamer", beds=2)
    _read(location)
    location.delete()
    assert not UsableKept.objects.filter(location_id=location.pk).exists()
