"""Registering and editing a location, and adding rooms, from the web pages."""

from __future__ import annotations

import pytest

from opvangregie.locations.models import Location, Room

pytestmark = pytest.mark.django_db

NEW = "/gemeente/GM0397/locatie/nieuw/"


def _new_location(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Van Merlenlaan",
        "target_group": "ukrainian",
        "address": "Van Merlenlaan 1",
        "operator": "Gemeente Heemstede",
        "rd_x": "103500",
        "rd_y": "484500",
        "follow_up_target_group": "status_holder",
        "follow_up_after_years": "5",
        "notes": "",
        "status": "decided",
        "status_date": "2025-11-10",
        "places": "24",
    }
    data.update(overrides)
    return data


def test_editor_registers_a_location_with_status_and_capacity(login, users: dict) -> None:
    client = login("heemstede")
    assert 'id="location-new"' in client.get("/gemeente/GM0397/").content.decode()
    response = client.post(NEW, _new_location())
    location = Location.objects.get(municipality__code="GM0397", name="Van Merlenlaan")
    assert response.status_code == 302
    assert response["Location"] == f"/locatie/{location.pk}/"
    assert (location.status, location.follow_up_target_group, location.follow_up_after_years) == (
        "decided",
        "status_holder",
        5,
    )
    assert location.capacity_changes.get().places == 24
    assert location.history.first().history_user == users["heemstede"]


def test_a_refused_location_is_explained_and_nothing_is_written(login) -> None:
    before = Location.objects.count()
    response = login("heemstede").post(NEW, _new_location(name="Kerklaan"))
    assert response.status_code == 422
    assert "Er is al een locatie" in response.content.decode()
    response = login("heemstede").post(NEW, _new_location(rd_y=""))
    assert response.status_code == 422
    assert "beide RD-coördinaten" in response.content.decode()
    assert Location.objects.count() == before


@pytest.mark.parametrize(("username", "status"), [("raadslid", 403), ("haarlem", 404), ("noordholland", 403)])
def test_who_may_not_register_a_location_in_heemstede(login, username: str, status: int) -> None:
    before = Location.objects.count()
    assert login(username).get(NEW).status_code == status
    assert login(username).post(NEW, _new_location()).status_code == status
    assert Location.objects.count() == before


def test_editor_edits_the_details_of_a_location(login) -> None:
    kerklaan = Location.objects.get(municipality__code="GM0397", name="Kerklaan")
    client = login("heemstede")
    page = client.get(f"/locatie/{kerklaan.pk}/bewerken/").content.decode()
    assert 'value="Kerklaan 61"' in page
    response = client.post(
        f"/locatie/{kerklaan.pk}/bewerken/",
        {
            "name": "Kerklaan",
            "target_group": "ukrainian",
            "address": "Kerklaan 61-63",
            "operator": "Gemeente Heemstede",
        },
    )
    assert response.status_code == 302
    kerklaan.refresh_from_db()
    assert kerklaan.address == "Kerklaan 61-63"


def test_council_member_and_other_municipality_may_not_edit(login) -> None:
    kerklaan = Location.objects.get(municipality__code="GM0397", name="Kerklaan")
    url = f"/locatie/{kerklaan.pk}/bewerken/"
    assert login("raadslid").get(url).status_code == 403
    assert login("raadslid").post(url, {"name": "X", "target_group": "ukrainian"}).status_code == 403
    assert login("haarlem").post(url, {"name": "X", "target_group": "ukrainian"}).status_code == 404
    kerklaan.refresh_from_db()
    assert kerklaan.name == "Kerklaan"


def test_editor_adds_a_room_and_a_duplicate_is_refused(login) -> None:
    kerklaan = Location.objects.get(municipality__code="GM0397", name="Kerklaan")
    client = login("heemstede")
    url = f"/locatie/{kerklaan.pk}/room/"
    room = {"name": "B12", "beds": "3", "floor": "1", "accessible": "on", "sharing_rule": "same_sex"}
    assert client.post(url, room).status_code == 302
    added = Room.objects.get(location=kerklaan, name="B12")
    assert (added.beds, added.floor, added.accessible, added.sharing_rule) == (3, 1, True, "same_sex")
    response = client.post(url, room)
    assert response.status_code == 422
    assert "bestaat al" in response.content.decode()
    assert login("raadslid").post(url, {**room, "name": "B13"}).status_code == 403
    assert not Room.objects.filter(name="B13").exists()
