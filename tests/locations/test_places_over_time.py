"""Places over time (issue 16): dated capacity changes and expected lifecycle dates, edited and audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from opvangregie import clock
from opvangregie.core.errors import NotFound, PermissionDenied, ValidationError
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.occupancy import LocationFigures, aggregate, location_figures
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations import selectors, services
from opvangregie.locations.models import CapacityChange, ExpectedTransition, Location

pytestmark = pytest.mark.django_db


@pytest.fixture
def kerklaan() -> Location:
    return Location.objects.get(municipality__code="GM0397", name="Kerklaan")


def _figures(location: Location, on: date) -> LocationFigures:
    """The figures of ``location`` on ``on`` as every page reads them (fresh from the database)."""
    fresh = selectors.with_history(Location.objects.filter(pk=location.pk)).get()
    return location_figures(selectors.location_history(fresh), on)


def test_a_future_capacity_change_is_read_on_its_own_date_only(users: dict, kerklaan: Location) -> None:
    today = clock.today()
    before = _figures(kerklaan, today).places
    later = today + timedelta(days=40)
    services.location_capacity_set(
        actor=users["heemstede"],
        location=kerklaan,
        places=before + 6,
        effective_date=later,
        reason="uitbreiding",
        decision_reference="B&W 2026/12",
    )
    assert _figures(kerklaan, today).places == before
    assert _figures(kerklaan, later - timedelta(days=1)).places == before
    assert _figures(kerklaan, later).places == before + 6
    change = CapacityChange.objects.get(location=kerklaan, effective_date=later)
    assert (change.reason, change.decision_reference) == ("uitbreiding", "B&W 2026/12")
    assert change.history.first().history_user == users["heemstede"]


def test_correcting_and_removing_a_change_is_audited(users: dict, kerklaan: Location) -> None:
    day = clock.today() + timedelta(days=10)
    services.location_capacity_set(actor=users["heemstede"], location=kerklaan, places=80, effective_date=day)
    services.location_capacity_set(actor=users["heemstede"], location=kerklaan, places=75, effective_date=day)
    assert CapacityChange.objects.filter(location=kerklaan, effective_date=day).get().places == 75
    services.location_capacity_remove(actor=users["heemstede"], location=kerklaan, effective_date=day)
    assert not CapacityChange.objects.filter(location=kerklaan, effective_date=day).exists()
    types = list(
        CapacityChange.history.filter(location_id=kerklaan.pk, effective_date=day).values_list(
            "history_type", flat=True
        )
    )
    assert sorted(types) == ["+", "-", "~"]
    with pytest.raises(NotFound):
        services.location_capacity_remove(actor=users["heemstede"], location=kerklaan, effective_date=day)


@pytest.mark.parametrize("username", ["raadslid", "haarlem", "noordholland", "rijk"])
def test_who_may_not_change_capacity_or_expected_dates(users: dict, kerklaan: Location, username: str) -> None:
    before = (CapacityChange.history.count(), ExpectedTransition.history.count())
    with pytest.raises(PermissionDenied):
        services.location_capacity_set(
            actor=users[username], location=kerklaan, places=1, effective_date=date(2026, 1, 1)
        )
    with pytest.raises(PermissionDenied):
        services.expected_transition_set(
            actor=users[username], location=kerklaan, status=LocationStatus.OUT_OF_USE, expected_date=date(2027, 1, 1)
        )
    assert (CapacityChange.history.count(), ExpectedTransition.history.count()) == before


def test_a_location_in_use_without_capacity_is_flagged_never_full(users: dict) -> None:
    location = services.location_create(
        actor=users["heemstede"],
        municipality=Location.objects.get(name="Kerklaan").municipality,
        data=services.LocationInput(name="Nieuwe opvang", target_group=TargetGroup.UKRAINIAN),
        status=LocationStatus.IN_USE,
        status_date=date(2025, 10, 1),
    )
    figures = _figures(location, date(2025, 11, 1))
    assert figures.lacks_capacity
    assert not figures.is_full
    assert (figures.places, figures.free_places) == (0, 0)
    totals = aggregate([figures], date(2025, 11, 1))
    assert totals.locations_without_capacity == 1
    assert not totals.is_full
    services.location_capacity_set(
        actor=users["heemstede"], location=location, places=0, effective_date=date(2025, 10, 1)
    )
    figures = _figures(location, date(2025, 11, 1))
    assert not figures.lacks_capacity
    assert figures.is_full


def test_expected_dates_are_plans_flagged_when_overdue(users: dict, kerklaan: Location) -> None:
    princehof = Location.objects.get(municipality__code="GM0397", name="Princehof")
    today = clock.today()
    services.expected_transition_set(
        actor=users["heemstede"],
        location=princehof,
        status=LocationStatus.PERMIT,
        expected_date=today - timedelta(days=3),
        note="besluit omgevingsvergunning",
    )
    services.expected_transition_set(
        actor=users["heemstede"],
        location=princehof,
        status=LocationStatus.IN_USE,
        expected_date=today + timedelta(days=200),
    )
    princehof = selectors.location_get(actor=users["heemstede"], location_id=princehof.pk)
    rows = {row.expected.status: row.overdue for row in selectors.expected_transitions(princehof, today)}
    assert princehof.status == "decided"  # the demo: decided, permit applied for
    assert rows == {"permit": True, "in_use": False}
    assert princehof.expected_in_use == today + timedelta(days=200)
    services.expected_transition_set(
        actor=users["heemstede"], location=princehof, status=LocationStatus.IN_USE, expected_date=None
    )
    assert not ExpectedTransition.objects.filter(location=princehof, status="in_use").exists()


def test_the_location_page_edits_capacity_by_its_forms(login, kerklaan: Location) -> None:
    client: Client = login("heemstede")
    url = f"/locatie/{kerklaan.pk}/capacity/"
    day = (clock.today() + timedelta(days=30)).isoformat()
    response = client.post(
        url, {"effective_date": day, "places": "74", "reason": "extra kamer", "decision_reference": "Z-1"}
    )
    assert response.status_code == 302
    page = client.get(f"/locatie/{kerklaan.pk}/").content.decode()
    assert "extra kamer" in page
    assert "Z-1" in page
    response = client.post(url, {"effective_date": day, "places": "10001"})
    assert response.status_code == 422
    response = client.post(f"/locatie/{kerklaan.pk}/capacity-remove/", {"effective_date": day})
    assert response.status_code == 302
    assert not CapacityChange.objects.filter(location=kerklaan, effective_date=day).exists()
    assert login("raadslid").post(url, {"effective_date": day, "places": "1"}).status_code == 403


def test_capacity_changes_import_whole_or_not_at_all(users: dict, kerklaan: Location) -> None:
    from opvangregie.locations.capacity_import import capacity_import
    from opvangregie.ui.imports import ImportRefused

    heemstede = kerklaan.municipality
    good = "locatie;vanaf;plekken;reden;besluit\nKerklaan;1-9-2026;74;extra kamer;Z-2026-1\nPrincehof;01-06-2027;48;;\n"
    assert (
        capacity_import(actor=users["heemstede"], municipality=heemstede, file_name="c.csv", content=good.encode()) == 2
    )
    assert (
        CapacityChange.objects.get(location=kerklaan, effective_date=date(2026, 9, 1)).decision_reference == "Z-2026-1"
    )
    before = CapacityChange.history.count()
    bad = "locatie;vanaf;plekken\nKerklaan;1-10-2026;75\nOnbekend;1-10-2026;5\nKerklaan;1-11-2026;-3\n"
    with pytest.raises(ImportRefused) as refused:
        capacity_import(actor=users["heemstede"], municipality=heemstede, file_name="c.csv", content=bad.encode())
    assert len(refused.value.details["errors"]) == 2
    assert CapacityChange.history.count() == before
    with pytest.raises(PermissionDenied):
        capacity_import(actor=users["raadslid"], municipality=heemstede, file_name="c.csv", content=good.encode())


def test_stages_planned_out_of_order_are_refused(users: dict) -> None:
    princehof = Location.objects.get(municipality__code="GM0397", name="Princehof")
    before = ExpectedTransition.history.count()
    with pytest.raises(ValidationError, match="ligt vóór"):
        services.expected_transition_set(
            actor=users["heemstede"], location=princehof, status=LocationStatus.IN_USE, expected_date=date(2025, 12, 1)
        )
    assert ExpectedTransition.history.count() == before


def test_a_count_older_than_45_days_is_marked_on_the_dashboard_and_overviews(login) -> None:
    client = login("noordholland")
    fresh = client.get("/gemeente/GM0397/?datum=2025-11-11").content.decode()
    old = client.get("/gemeente/GM0397/?datum=2026-01-15").content.decode()  # last counts: 1 November 2025
    assert "oude telling" not in fresh
    assert "oude telling (1 november 2025)" in old
    page = client.get("/provincie/PV27/?datum=2026-01-15").content.decode()
    area = page[page.index('id="area-table"') :]  # the overview's table (the map's table comes first)
    heemstede = area[area.index("Heemstede</a>") : area.index("</tr>", area.index("Heemstede</a>"))]
    assert "1 november 2025" in heemstede
    assert "oude telling" in heemstede
    body = client.get("/api/municipalities/GM0397/overview?on=2026-01-15").json()
    assert body["totals"]["counted_on"] == "2025-11-01"
