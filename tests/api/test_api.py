import pytest
from django.test import Client

from opvangregie.locations.models import Location, OccupancySnapshot

pytestmark = pytest.mark.django_db


def kerklaan() -> Location:
    return Location.objects.get(municipality__code="GM0397", name="Kerklaan")


def test_openapi_schema_is_published() -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    assert "/api/municipalities/{code}/overview" in response.json()["paths"]


def test_without_or_with_a_wrong_token_the_api_answers_401() -> None:
    assert Client().get("/api/municipalities").status_code == 401
    assert Client(headers={"Authorization": "Bearer nonsense"}).get("/api/municipalities").status_code == 401


def test_heemstede_overview_on_1_november_2025(as_user) -> None:
    response = as_user("raadslid").get("/api/municipalities/GM0397/overview", {"on": "2025-11-01"})
    assert response.status_code == 200
    body = response.json()
    assert (body["totals"]["places"], body["totals"]["persons"], body["target"]) == (169, 115, 164)
    assert (body["totals"]["free_places"], body["totals"]["full"]) == (5, False)  # 5 beds for singles at Herenweg
    full = {row["location"]["name"] for row in body["rows"] if row["figures"]["full"]}
    assert full == {"Kerklaan", "Lieven de Keylaan", "Ringvaartlaan"}
    glipperweg = next(r for r in body["rows"] if r["location"]["name"] == "Glipperweg")
    assert glipperweg["out_of_use_reason"] == "sloop"


def test_municipality_list_follows_the_scope(as_user) -> None:
    assert [m["code"] for m in as_user("heemstede").get("/api/municipalities").json()] == ["GM0397"]
    assert len(as_user("noordholland").get("/api/municipalities").json()) == 44
    heemstede = as_user("rijk").get("/api/municipalities", {"province": "PV27"}).json()
    assert {"code": "GM0397", "population": 27593}.items() <= next(
        m for m in heemstede if m["code"] == "GM0397"
    ).items()


def test_region_and_province_overviews(as_user) -> None:
    region = as_user("kennemerland").get("/api/regions/kennemerland/overview", {"on": "2025-11-01"}).json()
    assert len(region["rows"]) == 9
    assert region["totals"]["places"] == sum(r["figures"]["places"] for r in region["rows"])
    assert as_user("kennemerland").get("/api/provinces/PV27/overview").status_code == 404
    assert as_user("noordholland").get("/api/provinces/PV27/overview").status_code == 200
    assert as_user("heemstede").get("/api/regions/kennemerland/overview").status_code == 404


def test_recording_a_snapshot_through_the_api(as_user, users: dict) -> None:
    response = as_user("heemstede").post(
        f"/api/locations/{kerklaan().pk}/snapshots",
        {"date": "2025-11-20", "persons": 50, "households": 20},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    snapshot = OccupancySnapshot.objects.get(location=kerklaan(), date="2025-11-20")
    assert snapshot.history.first().history_user == users["heemstede"]
    body = as_user("heemstede").get("/api/municipalities/GM0397/overview", {"on": "2025-11-21"}).json()
    assert body["totals"]["persons"] == 117


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"date": "2025-11-20", "persons": 500}, 422),
        ({"date": "2025-11-20", "persons": -1}, 422),
        ({"date": "not a date", "persons": 5}, 422),
        ({"persons": 5}, 422),
    ],
)
def test_bad_snapshots_get_a_4xx_with_a_message(as_user, payload: dict, status: int) -> None:
    before = OccupancySnapshot.objects.count()
    response = as_user("heemstede").post(
        f"/api/locations/{kerklaan().pk}/snapshots", payload, content_type="application/json"
    )
    assert response.status_code == status
    assert response.json()["detail"]
    assert OccupancySnapshot.objects.count() == before


@pytest.mark.parametrize(
    ("username", "status"), [("raadslid", 403), ("noordholland", 403), ("haarlem", 404), ("coa", 404)]
)
def test_who_may_not_record_heemstede_counts(as_user, username: str, status: int) -> None:
    before = OccupancySnapshot.objects.count()
    response = as_user(username).post(
        f"/api/locations/{kerklaan().pk}/snapshots",
        {"date": "2025-11-20", "persons": 50},
        content_type="application/json",
    )
    assert response.status_code == status
    assert OccupancySnapshot.objects.count() == before


def test_creating_a_location_and_changing_its_status(as_user) -> None:
    client = as_user("heemstede")
    created = client.post(
        "/api/locations",
        {
            "municipality": "GM0397",
            "name": "Nieuwe locatie",
            "target_group": "ukrainian",
            "status": "decided",
            "status_date": "2025-11-01",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    location_id = created.json()["id"]
    moved = client.post(
        f"/api/locations/{location_id}/status",
        {"status": "closed", "effective_date": "2025-11-02"},
        content_type="application/json",
    )
    assert moved.json()["status"] == "closed"
    refused = client.post(
        f"/api/locations/{location_id}/status",
        {"status": "in_use", "effective_date": "2025-11-03"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "geen toegestane overgang" in refused.json()["detail"]
    forbidden = as_user("haarlem").post(
        "/api/locations",
        {"municipality": "GM0397", "name": "X", "target_group": "ukrainian", "status_date": "2025-11-01"},
        content_type="application/json",
    )
    assert forbidden.status_code == 404


def test_coa_sees_only_asylum_and_amv_locations(as_user) -> None:
    seen = as_user("coa").get("/api/locations").json()["results"]
    expected = Location.objects.filter(target_group__in=["asylum", "amv"])
    assert {loc["name"] for loc in seen} == set(expected.values_list("name", flat=True))
    assert "Heemsteedse Dreef" in {loc["name"] for loc in seen}
    assert {loc["target_group"] for loc in seen} == {"asylum", "amv"}
    assert as_user("coa").get(f"/api/locations/{kerklaan().pk}").status_code == 404


def test_the_locations_come_a_page_at_a_time(as_user) -> None:
    everything = Location.objects.count()
    first = as_user("rijk").get("/api/locations", {"page_size": 5}).json()
    assert (first["count"], first["page"], first["page_size"], len(first["results"])) == (everything, 1, 5, 5)
    names = []
    for page in range(1, -(-everything // 5) + 1):
        names += [
            loc["name"]
            for loc in as_user("rijk").get("/api/locations", {"page_size": 5, "page": page}).json()["results"]
        ]
    assert len(names) == everything  # every location once, none twice
    beyond = as_user("rijk").get("/api/locations", {"page": 1000}).json()
    assert (beyond["count"], beyond["results"]) == (everything, [])
    assert as_user("rijk").get("/api/locations", {"page_size": 501}).status_code == 422
    assert as_user("rijk").get("/api/locations", {"page": 0}).status_code == 422


def test_coa_registers_through_the_api_but_only_asylum_and_amv(as_user) -> None:
    payload = {"municipality": "GM0392", "name": "AZC API", "status": "planned", "status_date": "2025-11-01"}
    created = as_user("coa").post("/api/locations", {**payload, "target_group": "amv"}, content_type="application/json")
    assert created.status_code == 201
    refused = as_user("coa").post(
        "/api/locations", {**payload, "name": "Oek API", "target_group": "ukrainian"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert not Location.objects.filter(name="Oek API").exists()
