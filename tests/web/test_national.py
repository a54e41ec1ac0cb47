"""The national data set (``opvangregie generate_national``): proportions, consistency, history and seeds."""

from __future__ import annotations

import itertools
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Max
from hypothesis import given
from hypothesis import strategies as st

from opvangregie.areas.models import Municipality
from opvangregie.households.models import Household, Member, ReceptionRequest, Stay
from opvangregie.locations.models import Location, OccupancySnapshot, Room, StatusChange
from opvangregie.locations.usable import usable_in_rooms
from opvangregie.placement.models import UsableKept
from opvangregie.quotas.models import Realisation
from opvangregie.web.national import PREFIX, generate_national, locations_per_municipality

HEY_HEADER = "response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset"

SCALE = 0.05  # 150 locations: every rule of the generator, in a few seconds


def _fingerprint() -> tuple[Any, ...]:
    generated = Location.objects.filter(name__startswith=PREFIX)
    return (
        list(generated.order_by("name").values_list("name", "target_group", "status", "rd_x")),
        list(Room.objects.filter(location__in=generated).order_by("location__name", "name").values_list("beds")),
        list(
            Household.objects.filter(reference__startswith=PREFIX)
            .order_by("municipality__code", "reference")
            .values_list("reference", "registered_on")
        ),
    )


@pytest.mark.django_db
def test_a_small_country_is_consistent_and_audited(users: dict[str, Any]) -> None:
    before = Location.history.count()
    with_rooms = Location.objects.filter(rooms__isnull=False).values_list("pk", flat=True).first()
    assert with_rooms is not None
    usable_in_rooms([with_rooms], date(2025, 11, 1))
    assert UsableKept.objects.exists()  # a figure kept before the country is generated
    generated = generate_national(seed=7, scale=SCALE, actor=users["beheerder"])
    assert not UsableKept.objects.exists()  # bulk inserts send no signals: the generator forgets them itself
    locations = Location.objects.filter(name__startswith=PREFIX)
    assert locations.count() == generated.rows["Location"] == round(3_000 * SCALE)
    assert Location.history.count() - before == locations.count()
    assert set(Location.history.filter(name__startswith=PREFIX).values_list("history_user__username", flat=True)) == {
        "beheerder"
    }
    # the register's current status is the last status change of every location
    for location in locations.prefetch_related("status_changes"):
        changes = sorted(location.status_changes.all(), key=lambda change: (change.effective_date, change.pk))
        assert changes[-1].status == location.status
    # a household lives in a room of its own location, never more persons than the room has beds
    for stay in (
        Stay.objects.filter(household__reference__startswith=PREFIX, room__isnull=False)
        .select_related("room", "household")
        .annotate(size=Count("household__members"))
    ):
        assert stay.room.location_id == stay.location_id
        assert stay.size <= stay.room.beds
        assert stay.end is None or stay.end > stay.start
    households = Household.objects.filter(reference__startswith=PREFIX)
    assert not households.annotate(size=Count("members")).filter(size=0).exists()
    assert Member.objects.filter(household__in=households).count() == generated.rows["Member"]
    # counts only while a location is in use, never above its largest capacity
    snapshots = OccupancySnapshot.objects.filter(location__in=locations)
    assert snapshots.count() == generated.rows["OccupancySnapshot"] > 0
    largest = dict(locations.annotate(most=Max("capacity_changes__places")).values_list("pk", "most"))
    assert all(s.persons <= largest[s.location_id] for s in snapshots)
    in_use_ever = set(
        StatusChange.objects.filter(location__in=locations, status="in_use").values_list("location", flat=True)
    )
    assert set(snapshots.values_list("location", flat=True)) <= in_use_ever
    # every household in a location came through a request, resolved on the day it moved in
    placed = Stay.objects.filter(household__in=households, reception_type="municipal")
    requests = ReceptionRequest.objects.filter(household__in=households)
    assert requests.filter(status="resolved").count() == placed.count()
    assert requests.filter(status="open").count() == households.filter(stays__isnull=True).count()
    assert Realisation.objects.filter(household_ref__startswith=PREFIX).count() == generated.rows["Realisation"]


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_country_and_a_second_run_is_refused() -> None:
    fingerprints = []
    for _ in range(2):
        with transaction.atomic():
            generate_national(seed=3, scale=0.02)
            fingerprints.append(_fingerprint())
            transaction.set_rollback(True)
    assert fingerprints[0] == fingerprints[1]
    assert fingerprints[0][0]
    with transaction.atomic():
        generate_national(seed=4, scale=0.02)
        assert _fingerprint() != fingerprints[0]
        with pytest.raises(Exception, match="niet verdubbeld"):
            generate_national(seed=4, scale=0.02)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_command_prints_what_it_wrote_and_refuses_a_bad_scale() -> None:
    out = StringIO()
    call_command("generate_national", "--seed", "1", "--scale", "0.02", stdout=out)
    assert f"{Location.objects.filter(name__startswith=PREFIX).count():>9,}  Location" in out.getvalue()
    with pytest.raises(CommandError, match="schaal"):
        call_command("generate_national", "--seed", "1", "--scale", "5")
    with pytest.raises(CommandError, match="Unknown user"):
        call_command("generate_national", "--seed", "1", "--user", "nobody")


@given(
    populations=st.lists(st.integers(min_value=900, max_value=950_000), min_size=1, max_size=40),
    total=st.integers(min_value=1, max_value=400),
)
def test_locations_follow_population(populations: list[int], total: int) -> None:
    municipalities = {Municipality(pk=n + 1, code=f"GM{n:04d}"): p for n, p in enumerate(populations)}
    numbers = locations_per_municipality(municipalities, total)
    assert sum(numbers.values()) == total
    if total >= len(municipalities):
        assert set(numbers) == set(municipalities)
        assert min(numbers.values()) >= 1
    else:  # the most populous ones get one each
        left_out = [p for m, p in municipalities.items() if m not in numbers]
        assert all(municipalities[m] >= max(left_out) for m in numbers)
    ranked = sorted(numbers, key=lambda m: municipalities[m])
    for smaller, larger in itertools.pairwise(ranked):  # more people never means fewer locations
        if municipalities[smaller] < municipalities[larger]:
            assert numbers[smaller] <= numbers[larger]
