"""The distribution API: runs, a province's table, comparisons, plans and exchanges; who may not."""

from __future__ import annotations

import pytest

from opvangregie.distribution.models import DistributionRun, Exchange

pytestmark = pytest.mark.django_db


def adopted_id() -> int:
    return DistributionRun.objects.get(cycle=2024, is_adopted=True).pk


def test_province_user_reads_the_2024_run_for_noord_holland(as_user) -> None:
    body = as_user("noordholland").get(f"/api/distribution/runs/{adopted_id()}", {"province": "PV27"}).json()
    assert len(body["municipalities"]) == 44
    assert body["provinces"][0]["hosting"] == 17
    assert body["run"]["notice"].startswith("Zonder SES-WOA-scores")
    heemstede = next(r for r in body["municipalities"] if r["code"] == "GM0397")
    assert (heemstede["published"], heemstede["task"]) == (191, 191)
    assert as_user("heemstede").get(f"/api/distribution/runs/{adopted_id()}", {"province": "PV27"}).status_code == 404


def test_compare_and_create_runs(as_user) -> None:
    runs = as_user("rijk").get("/api/distribution/runs").json()
    assert len(runs) == 2
    comparison = as_user("rijk").get("/api/distribution/compare", {"a": runs[0]["id"], "b": runs[1]["id"]}).json()
    assert sum(r["difference"] for r in comparison["provinces"]) == 0
    payload = {"cycle": 2026, "label": "raming", "needed_on": "2027-01-01", "total": 1000, "amv_total": 100}
    assert as_user("rijk").post("/api/distribution/runs", payload, content_type="application/json").status_code == 403
    created = as_user("beheerder").post("/api/distribution/runs", payload, content_type="application/json")
    assert created.status_code == 201
    table = as_user("beheerder").get(f"/api/distribution/runs/{created.json()['id']}").json()
    assert sum(r["computed"] for r in table["municipalities"]) == 1000
    assert sum(r["amv"] for r in table["municipalities"]) == 100


def test_exchange_through_the_api(as_user) -> None:
    plan = as_user("kennemerland").get("/api/distribution/plans/1").json()
    assert (plan["target_places"], plan["total"]) == (2100, 2100)
    before = Exchange.objects.count()
    lines = [
        {"municipality": "GM0453", "target_group": "asylum", "delta": 15},
        {"municipality": "GM0450", "target_group": "asylum", "delta": -10},
    ]
    refused = as_user("kennemerland").post(
        "/api/distribution/plans/1/exchanges",
        {"agreed_on": "2024-10-01", "description": "scheef", "lines": lines},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "totaal per doelgroep" in refused.json()["detail"]
    lines[1]["delta"] = -15
    for username, status in (("heemstede", 403), ("coa", 404)):
        response = as_user(username).post(
            "/api/distribution/plans/1/exchanges",
            {"agreed_on": "2024-10-01", "description": "ruil", "lines": lines},
            content_type="application/json",
        )
        assert response.status_code == status
    assert Exchange.objects.count() == before
    done = as_user("kennemerland").post(
        "/api/distribution/plans/1/exchanges",
        {"agreed_on": "2024-10-01", "description": "ruil", "lines": lines},
        content_type="application/json",
    )
    assert done.status_code == 201
    velsen = next(r for r in done.json()["rows"] if r["code"] == "GM0453")
    assert velsen["exchanged"] == {"asylum": 15}


def test_uploads_of_published_tasks_and_ses_scores(as_user) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opvangregie.distribution.models import PublishedTask, SesDataset

    published = SimpleUploadedFile("stcrt.csv", b"gemeentecode,plekken,amv\nGM0394,1000,80\n", content_type="text/csv")
    response = as_user("beheerder").post("/api/distribution/published/2024", {"file": published})
    assert (response.status_code, response.json()) == (201, {"imported": 1})
    assert PublishedTask.objects.get(cycle=2024, municipality__code="GM0394").amv_places == 80
    bad = SimpleUploadedFile("ses.csv", b"code,score\nGM0397,0.3\nGM0397,0.4\n", content_type="text/csv")
    refused = as_user("beheerder").post("/api/distribution/ses?name=t&year=2022", {"file": bad})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["regel"] == 3
    assert not SesDataset.objects.exists()
    other = SimpleUploadedFile("ses.csv", b"code,score\nGM0397,0.3\n", content_type="text/csv")
    assert as_user("noordholland").post("/api/distribution/ses?name=t&year=2022", {"file": other}).status_code == 403


def test_a_coordinator_makes_a_plan_and_sets_contributions(as_user) -> None:
    payload = {"region": "kennemerland", "cycle": 2026, "target_places": 3347, "min_location_size": {"asylum": 50}}
    for username, status in (("coa", 404), ("heemstede", 403), ("noordholland", 403)):
        response = as_user(username).post("/api/distribution/plans", payload, content_type="application/json")
        assert response.status_code == status
    created = as_user("kennemerland").post("/api/distribution/plans", payload, content_type="application/json")
    assert created.status_code == 201
    plan_id = created.json()["id"]
    again = as_user("kennemerland").post("/api/distribution/plans", payload, content_type="application/json")
    assert again.status_code == 422
    body = as_user("kennemerland").put(
        f"/api/distribution/plans/{plan_id}/contributions",
        {"municipality": "GM0397", "target_group": "asylum", "places": 191},
        content_type="application/json",
    )
    heemstede = next(r for r in body.json()["rows"] if r["code"] == "GM0397")
    assert (body.json()["total"], heemstede["contributions"]) == (191, {"asylum": 191})
    outside = as_user("kennemerland").put(
        f"/api/distribution/plans/{plan_id}/contributions",
        {"municipality": "GM0363", "target_group": "asylum", "places": 1},
        content_type="application/json",
    )
    assert outside.status_code == 404
