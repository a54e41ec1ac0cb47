"""Fifty officers at once: no server error, no duplicate, no lost write, one audit row per write.

Runs against PostgreSQL (the PostgreSQL run of ``make test``); an in-memory SQLite database is private to
each connection, so threads there would not share data.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from opvangregie.areas.models import Municipality
from opvangregie.households import services as household_services
from opvangregie.households.models import Household
from opvangregie.locations import services as location_services
from opvangregie.locations.models import Location, OccupancySnapshot

WRITERS = 50
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="threads need a shared database: the PostgreSQL run of make test",
    ),
]


@pytest.fixture
def officer() -> Any:
    return get_user_model().objects.get(username="heemstede")


def committed(work: Callable[[], object]) -> None:
    """Run ``work`` on a connection of its own, committed at once (the writers committed on theirs; the test's
    own transaction is rolled back at its end and would not undo them)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: (work(), connection.close())).result()


def concurrently(work: Callable[[int], object]) -> list[BaseException]:
    """Run ``work(i)`` for i in 0..49 on 10 threads, each with its own connection; the errors raised."""

    def one(index: int) -> BaseException | None:
        try:
            work(index)
        except BaseException as error:
            return error
        finally:
            connection.close()
        return None

    with ThreadPoolExecutor(max_workers=10) as pool:
        return [error for error in pool.map(one, range(WRITERS)) if error is not None]


def test_fifty_households_registered_at_once_get_fifty_references(officer: Any) -> None:
    heemstede = Municipality.objects.get(code="GM0397")
    before = set(Household.objects.filter(municipality=heemstede).values_list("reference", flat=True))
    data = household_services.HouseholdInput(
        members=[household_services.MemberInput(1980)], registered_on=date(2025, 11, 20)
    )
    errors = concurrently(
        lambda _: household_services.household_create(actor=officer, municipality=heemstede, data=data)
    )
    assert errors == []
    created = set(Household.objects.filter(municipality=heemstede).values_list("reference", flat=True)) - before
    try:
        assert len(created) == WRITERS
        assert Household.history.filter(history_type="+", reference__in=created).count() == WRITERS
    finally:
        committed(lambda: Household.objects.filter(municipality=heemstede, reference__in=created).delete())
        committed(lambda: Household.history.filter(reference__in=created).delete())


def test_fifty_first_counts_of_a_new_date_make_one_count(officer: Any) -> None:
    kerklaan = Location.objects.get(name="Kerklaan")
    day = date(2025, 11, 7)
    errors = concurrently(
        lambda i: location_services.occupancy_record(
            actor=officer, location=kerklaan, data=location_services.OccupancyInput(on=day, persons=i)
        )
    )
    snapshots = OccupancySnapshot.objects.filter(location=kerklaan, date=day)
    history = OccupancySnapshot.history.filter(location_id=kerklaan.pk, date=day)
    try:
        assert errors == []
        assert snapshots.count() == 1
        assert history.count() == WRITERS  # one audit row per write: created once, corrected 49 times
        assert snapshots.get().persons == history.latest("history_date").persons  # the last write is kept
    finally:
        committed(snapshots.delete)
        committed(history.delete)
