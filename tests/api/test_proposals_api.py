"""The placement API: usable places for readers, proposals and confirming once for the officers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_api_usable_places_proposal_and_confirm(as_user) -> None:
    officer = as_user("heemstede")
    report = officer.get("/api/placement/GM0397/usable-places?gains=true").json()
    assert report["places"] == 169
    assert sum(row["persons"] for row in report["locations"]) == report["persons"] == 115
    overview = officer.get("/api/municipalities/GM0397/overview", {"on": report["on"]}).json()
    assert report["usable_free_places"] == overview["totals"]["free_places"] == 5  # one meaning on both
    assert report["gains"][0]["persons_placed"] == 1
    started = officer.post("/api/placement/GM0397/proposals", {"max_moves": 3}, content_type="application/json")
    assert started.status_code == 201
    run = started.json()
    assert run["status"] == "done"
    assert officer.get(f"/api/placement/proposals/{run['id']}").json()["result"]["persons_placed"] == 5
    confirm = f"/api/placement/proposals/{run['id']}/confirm"
    assert officer.post(confirm, {}, content_type="application/json").json()["status"] == "confirmed"
    again = officer.post(confirm, {}, content_type="application/json")
    assert again.status_code == 409
    assert "al bevestigd" in again.json()["detail"]
    bad = officer.post("/api/placement/GM0397/proposals", {"max_moves": -1}, content_type="application/json")
    assert bad.status_code == 422
    council = as_user("raadslid")
    assert council.get("/api/placement/GM0397/usable-places").status_code == 200
    assert council.post("/api/placement/GM0397/proposals", {}, content_type="application/json").status_code == 403
    assert council.get(f"/api/placement/proposals/{run['id']}").status_code == 404
