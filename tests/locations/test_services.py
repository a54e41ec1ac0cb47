from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import PermissionDenied, ValidationError
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations import services
from opvangregie.locations.models import EventKind, Location, OccupancySnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


@pytest.fixture
def kerklaan(heemstede: Municipality) -> Location:
    return heemstede.locations.get(name="Kerklaan")


def count(persons: int, on: date | None = None, **extra: object) -> services.OccupancyInput:
    return services.OccupancyInput(on=on or date(2025, 11, 15), persons=persons, **extra)  # type: ignore[arg-type]


def test_recording_a_count_is_audited_with_its_author(users: dict, kerklaan: Location) -> None:
    snapshot = services.occupancy_record(actor=users["heemstede"], location=kerklaan, data=count(50, households=21))
    assert snapshot.recorded_by == users["heemstede"]
    history = snapshot.history.first()
    assert (history.history_user, history.persons, history.history_type) == (users["heemstede"], 50, "+")


def test_a_second_count_on_the_same_day_replaces_the_first(users: dict, kerklaan: Location) -> None:
    services.occupancy_record(actor=users["heemstede"], location=kerklaan, data=count(50))
    services.occupancy_record(actor=users["heemstede"], location=kerklaan, data=count(52))
    snapshots = OccupancySnapshot.objects.filter(location=kerklaan, date=date(2025, 11, 15))
    assert [s.persons for s in snapshots] == [52]
    assert snapshots[0].history.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (count(-1), "negatief"),
        (count(71), "meer dan de 70 plekken"),
        (count(10, households=11), "meer huishoudens"),
        (count(60, usable_free_places=11), "Bruikbare vrije plekken"),
        (count(10, on=date(2022, 1, 1)), "niet in gebruik"),
        (count(10, on=timezone.localdate() + timedelta(days=1)), "toekomst"),
    ],
)
def test_bad_counts_are_refused_and_nothing_is_written(
    users: dict, kerklaan: Location, data: services.OccupancyInput, message: str
) -> None:
    before = OccupancySnapshot.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.occupancy_record(actor=users["heemstede"], location=kerklaan, data=data)
    assert OccupancySnapshot.objects.count() == before


def test_counts_at_a_location_out_of_use_are_refused(users: dict, heemstede: Municipality) -> None:
    glipperweg = heemstede.locations.get(name="Glipperweg")
    with pytest.raises(ValidationError, match="niet in gebruik"):
        services.occupancy_record(actor=users["heemstede"], location=glipperweg, data=count(1))


@pytest.mark.parametrize("username", ["raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk"])
def test_only_heemstede_editors_record_heemstede_ukrainian_counts(
    users: dict, kerklaan: Location, username: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.occupancy_record(actor=users[username], location=kerklaan, data=count(50))
    with pytest.raises(PermissionDenied):
        services.location_status_change(
            actor=users[username],
            location=kerklaan,
            status=LocationStatus.OUT_OF_USE,
            effective_date=date(2025, 11, 15),
            reason="test",
        )


def test_coa_editor_changes_the_amv_location(users: dict, heemstede: Municipality) -> None:
    dreef = heemstede.locations.get(name="Heemsteedse Dreef")
    services.occupancy_record(actor=users["coa"], location=dreef, data=count(14))
    assert dreef.snapshots.get(date=date(2025, 11, 15)).persons == 14


def test_coa_cannot_create_a_ukrainian_location(users: dict, heemstede: Municipality) -> None:
    with pytest.raises(PermissionDenied):
        services.location_create(
            actor=users["coa"],
            municipality=heemstede,
            data=services.LocationInput(name="Nieuw", target_group=TargetGroup.UKRAINIAN),
            status_date=date(2025, 11, 1),
        )


def test_lifecycle_from_plan_to_use_and_out_of_use(users: dict, heemstede: Municipality) -> None:
    editor = users["heemstede"]
    location = services.location_create(
        actor=editor,
        municipality=heemstede,
        data=services.LocationInput(
            name="Nieuwe locatie", target_group=TargetGroup.UKRAINIAN, rd_x=Decimal("102000"), rd_y=Decimal("484000")
        ),
        status_date=date(2025, 1, 1),
    )
    services.location_status_change(
        actor=editor, location=location, status=LocationStatus.DECIDED, effective_date=date(2025, 2, 1)
    )
    with pytest.raises(ValidationError, match="geen toegestane overgang"):
        services.location_status_change(
            actor=editor,
            location=location,
            status=LocationStatus.OUT_OF_USE,
            effective_date=date(2025, 3, 1),
            reason="x",
        )
    services.location_status_change(
        actor=editor, location=location, status=LocationStatus.IN_USE, effective_date=date(2025, 3, 1)
    )
    services.location_capacity_set(actor=editor, location=location, places=10, effective_date=date(2025, 3, 1))
    services.occupancy_record(actor=editor, location=location, data=count(8, on=date(2025, 4, 1)))
    with pytest.raises(ValidationError, match="reden"):
        services.location_status_change(
            actor=editor, location=location, status=LocationStatus.OUT_OF_USE, effective_date=date(2025, 5, 1)
        )
    services.location_status_change(
        actor=editor,
        location=location,
        status=LocationStatus.OUT_OF_USE,
        effective_date=date(2025, 5, 1),
        reason="sloop",
    )
    location.refresh_from_db()
    assert location.status == LocationStatus.OUT_OF_USE
    assert list(location.status_changes.values_list("status", flat=True)) == [
        "planned",
        "decided",
        "in_use",
        "out_of_use",
    ]
    assert location.history.filter(history_user=editor).exists()


def test_location_input_is_validated(users: dict, heemstede: Municipality) -> None:
    editor = users["heemstede"]
    with pytest.raises(ValidationError, match="al een locatie"):
        services.location_create(
            actor=editor,
            municipality=heemstede,
            data=services.LocationInput(name="Kerklaan", target_group=TargetGroup.UKRAINIAN),
            status_date=date(2025, 1, 1),
        )
    with pytest.raises(ValidationError, match="RD-stelsel"):
        services.location_create(
            actor=editor,
            municipality=heemstede,
            data=services.LocationInput(
                name="X", target_group=TargetGroup.UKRAINIAN, rd_x=Decimal("4.6"), rd_y=Decimal("52.3")
            ),
            status_date=date(2025, 1, 1),
        )
    with pytest.raises(ValidationError, match="beide"):
        services.location_create(
            actor=editor,
            municipality=heemstede,
            data=services.LocationInput(name="X", target_group=TargetGroup.UKRAINIAN, rd_x=Decimal("102000")),
            status_date=date(2025, 1, 1),
        )


def test_timeline_event_and_target(users: dict, heemstede: Municipality) -> None:
    princehof = heemstede.locations.get(name="Princehof")
    event = services.event_add(
        actor=users["heemstede"],
        location=princehof,
        kind=EventKind.PERMIT_GRANTED,
        on=date(2025, 12, 1),
        title="Omgevingsvergunning verleend",
    )
    assert event.history.first().history_user == users["heemstede"]
    meetings = princehof.communications.filter(audience="sounding_board", channel="meeting")
    assert [m.sent_on for m in meetings] == [date(2025, 9, 24), date(2025, 10, 22)]
    with pytest.raises(PermissionDenied):
        services.target_set(
            actor=users["haarlem"],
            municipality=heemstede,
            target_group=TargetGroup.UKRAINIAN,
            places=200,
            valid_from=date(2026, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        services.event_add(
            actor=users["raadslid"], location=princehof, kind=EventKind.OTHER, on=date(2025, 12, 1), title="x"
        )
