"""The status-holder quota API: ledgers, realisations, periods, supervision, and who may not."""

from __future__ import annotations

import pytest

from opvangregie.quotas.models import QuotaPeriod, Realisation

pytestmark = pytest.mark.django_db


def test_heemstede_ledger_in_the_api(as_user) -> None:
    response = as_user("raadslid").get("/api/quotas/municipalities/GM0397/ledger", {"on": "2025-11-04"})
    assert response.status_code == 200
    body = response.json()
    assert [(r["period"], r["quota"], r["demand"], r["realised"], r["balance"]) for r in body["lines"]] == [
        ("2025-H1", 22, 29, 21, -8),
        ("2025-H2", 21, 29, 18, -11),
    ]
    assert body["lines"][0]["computed_quota"] == 24
    assert body["lines"][0]["published_quota"] == 22
    assert (body["current"]["planned"], body["current"]["still_to_find"], body["current"]["status"]) == (5, 6, "behind")


def test_recording_a_realisation_through_the_api(as_user) -> None:
    client = as_user("heemstede")
    response = client.post(
        "/api/quotas/municipalities/GM0397/realisations",
        {"date": "2025-11-03", "persons": 4, "household_ref": "H-2025-88"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    ledger = client.get("/api/quotas/municipalities/GM0397/ledger", {"on": "2025-11-04"}).json()
    assert ledger["lines"][-1]["realised"] == 22
    listed = client.get("/api/quotas/municipalities/GM0397/realisations", {"period": "2025-H2"}).json()
    recorded = next(r for r in listed if r["household_ref"] == "H-2025-88")
    assert (recorded["date"], recorded["persons"], recorded["planned"]) == ("2025-11-03", 4, False)


@pytest.mark.parametrize(("username", "status"), [("haarlem", 404), ("raadslid", 403), ("noordholland", 403)])
def test_who_may_not_record_heemstedes_realisations(as_user, username: str, status: int) -> None:
    before = Realisation.objects.count()
    response = as_user(username).post(
        "/api/quotas/municipalities/GM0397/realisations",
        {"date": "2025-11-03", "persons": 4},
        content_type="application/json",
    )
    assert response.status_code == status
    assert "detail" in response.json()
    assert Realisation.objects.count() == before


def test_bad_realisations_answer_422_with_a_message(as_user) -> None:
    response = as_user("heemstede").post(
        "/api/quotas/municipalities/GM0397/realisations",
        {"date": "2099-01-01", "persons": 2},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "toekomst" in response.json()["detail"]


def test_periods_and_revisions(as_user) -> None:
    periods = as_user("rijk").get("/api/quotas/periods").json()
    assert [(p["period"], [t["total"] for t in p["national_totals"]]) for p in periods] == [
        ("2025-H1", [17_700, 15_000]),
        ("2025-H2", [13_000]),
    ]
    refused = as_user("rijk").post(
        "/api/quotas/periods/2025-H2/revisions",
        {"national_total": 14_000, "published_on": "2025-09-01"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    admin = as_user("beheerder")
    revised = admin.post(
        "/api/quotas/periods/2025-H2/revisions",
        {"national_total": 14_000, "published_on": "2025-09-01"},
        content_type="application/json",
    )
    assert revised.status_code == 201
    assert [t["total"] for t in revised.json()["national_totals"]] == [13_000, 14_000]
    assert (
        admin.post(
            "/api/quotas/periods/2025-Q9/revisions",
            {"national_total": 1, "published_on": "2025-09-01"},
            content_type="application/json",
        ).status_code
        == 422
    )
    assert QuotaPeriod.objects.count() == 2


def test_province_supervision_in_the_api(as_user) -> None:
    body = (
        as_user("noordholland")
        .get("/api/quotas/provinces/PV27/supervision", {"period": "2025-H1", "on": "2025-11-04"})
        .json()
    )
    assert (body["municipalities"], body["behind"]) == (44, 36)
    heemstede = next(r for r in body["rows"] if r["code"] == "GM0397")
    assert (heemstede["demand"], heemstede["realised"], heemstede["balance"], heemstede["ladder_phase"]) == (
        29,
        21,
        -8,
        2,  # behind in 2025-H1 and, by its opening backlog, in 2024-H2
    )
    assert as_user("heemstede").get("/api/quotas/provinces/PV27/supervision", {"period": "2025-H1"}).status_code == 404
    assert as_user("noordholland").get("/api/quotas/national/ledger").status_code == 403
    assert as_user("rijk").get("/api/quotas/national/ledger").status_code == 200


def test_published_quotas_upload_and_a_refused_file(as_user) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opvangregie.quotas.models import MunicipalQuota

    admin = as_user("beheerder")
    good = SimpleUploadedFile("bijlage-a.csv", b"gemeentecode,taakstelling\nGM0473,9\n", content_type="text/csv")
    response = admin.post("/api/quotas/periods/2025-H2/published", {"file": good})
    assert response.status_code == 201, response.content
    assert response.json()[0]["code"] == "GM0473"
    assert response.json()[0]["published"] == 9
    before = MunicipalQuota.objects.count()
    bad = SimpleUploadedFile(
        "bijlage-a.csv", b"gemeentecode,taakstelling\nGM0473,9\nGM9999,3\n", content_type="text/csv"
    )
    refused = admin.post("/api/quotas/periods/2025-H2/published", {"file": bad})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"regel": 3, "melding": "onbekende gemeentecode GM9999."}]
    assert MunicipalQuota.objects.count() == before
    other = SimpleUploadedFile("a.csv", b"gemeentecode,taakstelling\nGM0473,9\n", content_type="text/csv")
    assert as_user("noordholland").post("/api/quotas/periods/2025-H2/published", {"file": other}).status_code == 403


def test_joint_change_through_the_api(as_user) -> None:
    admin = as_user("beheerder")
    unbalanced = admin.post(
        "/api/quotas/periods/2025-H2/arrangements",
        {"agreed_on": "2025-09-01", "description": "ruil", "changes": {"GM0397": 2, "GM0392": -1}},
        content_type="application/json",
    )
    assert unbalanced.status_code == 422
    assert "art. 29 lid 2" in unbalanced.json()["detail"]
    done = admin.post(
        "/api/quotas/periods/2025-H2/arrangements",
        {"agreed_on": "2025-09-01", "description": "ruil", "changes": {"GM0397": 2, "GM0392": -2}},
        content_type="application/json",
    )
    assert done.status_code == 201
    ledger = admin.get("/api/quotas/municipalities/GM0397/ledger", {"on": "2025-11-04"}).json()
    assert (ledger["lines"][-1]["quota"], ledger["lines"][-1]["joint_change"]) == (23, 2)
    refused = as_user("heemstede").post(
        "/api/quotas/periods/2025-H2/arrangements",
        {"agreed_on": "2025-09-01", "description": "ruil", "changes": {"GM0397": -2, "GM0392": 2}},
        content_type="application/json",
    )
    assert refused.status_code == 404  # Haarlem is outside Heemstede's scope
