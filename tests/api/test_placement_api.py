"""The households API: lists, totals, calculator, registration and steps; who may not use it."""

from __future__ import annotations

import pytest

from opvangregie.households.models import Household

pytestmark = pytest.mark.django_db


def test_api(as_user) -> None:
    officer = as_user("heemstede")
    listed = officer.get("/api/placement/GM0397/households?on=2025-10-01").json()
    assert (listed["count"], len(listed["results"]), listed["page"]) == (64, 64, 1)
    pages = [
        officer.get(f"/api/placement/GM0397/households?on=2025-10-01&page_size=30&page={n}").json()["results"]
        for n in (1, 2, 3)
    ]
    assert [len(page) for page in pages] == [30, 30, 4]
    assert [row["reference"] for page in pages for row in page] == [row["reference"] for row in listed["results"]]
    assert officer.get("/api/placement/GM0397/households?page_size=501").status_code == 422
    totals = officer.get("/api/placement/GM0397/months/2025-10").json()
    assert totals["counts"]["paying"] == 47
    assert totals["counts"]["persons_private"] == 15
    calculated = officer.post(
        "/api/placement/contribution",
        {"month": "2025-10-01", "adult_incomes": ["1500", "800"], "minors": 2},
        content_type="application/json",
    ).json()
    assert calculated["own_contribution"] == "488.44"
    created = officer.post(
        "/api/placement/GM0397/households",
        {"registered_on": "2025-11-20", "members": [{"year_of_birth": 1975, "sex": "M"}], "reception": "private"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["reception"] == "private"
    refused = officer.post(
        "/api/placement/GM0397/households",
        {"registered_on": "2025-11-20", "members": [{"year_of_birth": 2015}]},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "volwassene" in refused.json()["detail"]
    waiting = officer.get("/api/placement/GM0397/waiting-list").json()
    step = officer.post(
        f"/api/placement/GM0397/requests/{waiting[1]['id']}/steps",
        {"kind": "offer_private", "at": "2025-11-12T10:00:00Z", "outcome": "pending"},
        content_type="application/json",
    )
    assert step.status_code == 201
    assert officer.get("/api/placement/GM0397/months/oktober").status_code == 422


def test_api_refuses_others(as_user) -> None:
    province = as_user("noordholland")
    assert province.get("/api/placement/GM0397/households").status_code == 404
    assert province.get("/api/placement/GM0397/months/2025-10").status_code == 200
    assert province.get("/api/placement/GM0397/waiting-list").json()[0]["reference"] is None
    council = as_user("raadslid")
    assert (
        council.post(
            "/api/placement/GM0397/households",
            {"registered_on": "2025-11-20", "members": [{"year_of_birth": 1975}]},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert as_user("haarlem").get("/api/placement/GM0397/households").status_code == 404


@pytest.mark.parametrize("income", [1e30, "NaN", "Infinity", "10000000", "-1", "12.345"])
def test_an_impossible_income_is_refused_and_nothing_is_written(as_user, income: object) -> None:
    before = Household.objects.count()
    response = as_user("heemstede").post(
        "/api/placement/GM0397/households",
        {"registered_on": "2025-11-20", "members": [{"year_of_birth": 1975, "income": income}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert Household.objects.count() == before
    assert as_user("heemstede").get("/api/placement/GM0397/households").status_code == 200  # nothing broken
