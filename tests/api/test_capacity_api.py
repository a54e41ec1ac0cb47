"""The API of places over time: dated capacity changes and expected lifecycle dates."""

from __future__ import annotations

from datetime import timedelta

import pytest

from opvangregie import clock
from opvangregie.locations.models import CapacityChange, ExpectedTransition, Location

pytestmark = pytest.mark.django_db


@pytest.fixture
def kerklaan() -> Location:
    return Location.objects.get(municipality__code="GM0397", name="Kerklaan")


def test_an_editor_adds_corrects_and_removes_an_expected_change(as_user, kerklaan: Location) -> None:
    client = as_user("heemstede")
    day = (clock.today() + timedelta(days=60)).isoformat()
    url = f"/api/locations/{kerklaan.pk}/capacity/{day}"
    created = client.put(url, {"places": 72, "reason": "extra unit"}, content_type="application/json")
    assert created.status_code == 200, created.content
    assert created.json() | {"location_id": 0} == {
        "location_id": 0,
        "effective_date": day,
        "places": 72,
        "reason": "extra unit",
        "decision_reference": "",
        "expected": True,
    }
    client.put(url, {"places": 71}, content_type="application/json")
    listed = client.get(f"/api/locations/{kerklaan.pk}/capacity").json()
    assert [(row["effective_date"], row["places"]) for row in listed if row["expected"]] == [(day, 71)]
    assert client.delete(url).status_code == 204
    assert client.delete(url).status_code == 404
    assert not CapacityChange.objects.filter(location=kerklaan, effective_date=day).exists()


@pytest.mark.parametrize("body", [{"places": -1}, {"places": 10_001}, {"places": 5, "reason": "x" * 301}, [], 5])
def test_bad_capacity_is_refused_and_nothing_is_written(as_user, kerklaan: Location, body: object) -> None:
    before = CapacityChange.history.count()
    response = as_user("heemstede").put(
        f"/api/locations/{kerklaan.pk}/capacity/2026-03-01", body, content_type="application/json"
    )
    assert response.status_code in (400, 422), response.content
    assert CapacityChange.history.count() == before


def test_other_organisations_may_not_see_or_change_places(as_user, kerklaan: Location) -> None:
    assert as_user("haarlem").get(f"/api/locations/{kerklaan.pk}/capacity").status_code == 404
    response = as_user("raadslid").put(
        f"/api/locations/{kerklaan.pk}/capacity/2026-03-01", {"places": 1}, content_type="application/json"
    )
    assert response.status_code == 403
    response = as_user("haarlem").put(
        f"/api/locations/{kerklaan.pk}/expected/out_of_use",
        {"expected_date": "2027-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_expected_dates_by_stage(as_user) -> None:
    princehof = Location.objects.get(municipality__code="GM0397", name="Princehof")
    client = as_user("heemstede")
    url = f"/api/locations/{princehof.pk}/expected"
    response = client.put(
        f"{url}/in_use", {"expected_date": "2027-06-01", "note": "oplevering"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert [row for row in response.json() if row["status"] == "in_use"] == [
        {
            "location_id": princehof.pk,
            "status": "in_use",
            "expected_date": "2027-06-01",
            "note": "oplevering",
            "overdue": False,
        }
    ]
    assert (
        client.put(f"{url}/planned", {"expected_date": "2027-06-01"}, content_type="application/json").status_code
        == 422
    )
    assert (
        client.put(f"{url}/bogus", {"expected_date": "2027-06-01"}, content_type="application/json").status_code == 422
    )
    assert client.delete(f"{url}/in_use").status_code == 204
    assert not ExpectedTransition.objects.filter(location=princehof, status="in_use").exists()
    permit = client.get(url).json()
    assert [(row["status"], row["overdue"]) for row in permit] == [("permit", princehof.status == "decided")]
