"""The placement page: usable places for readers, proposals for officers, confirm once; who may not."""

from __future__ import annotations

import pytest

from opvangregie.placement.models import PlacementRun, RunStatus

pytestmark = pytest.mark.django_db
PAGE = "/gemeente/GM0397/plaatsing/"


def test_council_member_reads_usable_places_but_makes_no_proposal(login) -> None:
    client = login("raadslid")
    page = client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="usable-table"' in html
    assert "169" in html
    assert 'id="proposal-form"' not in html
    assert client.post(PAGE, {"max_moves": "2"}).status_code == 403
    assert not PlacementRun.objects.exists()


def test_officer_makes_confirms_and_cannot_confirm_again(login) -> None:
    client = login("heemstede")
    assert 'id="proposal-form"' in client.get(PAGE).content.decode()
    assert client.post(PAGE, {"max_moves": "99"}).status_code == 422
    started = client.post(PAGE, {"max_moves": "4"})
    assert started.status_code == 302
    run = PlacementRun.objects.get()
    assert started["Location"] == f"/plaatsing/voorstel/{run.pk}/"
    progress = client.get(f"/plaatsing/voorstel/{run.pk}/?progress=1", HTTP_HX_REQUEST="true")
    assert progress["HX-Refresh"] == "true"
    page = client.get(f"/plaatsing/voorstel/{run.pk}/").content.decode()
    assert "OEK-2025-W001" in page
    assert 'id="moves"' in page
    accepted = [f"a:{a['household']}" for a in run.result["assignments"]]
    accepted += [f"m:{m['household']}" for m in run.result["moves"]]
    assert client.post(f"/plaatsing/voorstel/{run.pk}/bevestigen/", {"accepted": accepted}).status_code == 302
    assert PlacementRun.objects.get().status == RunStatus.CONFIRMED
    again = client.post(f"/plaatsing/voorstel/{run.pk}/bevestigen/", {"accepted": accepted})
    assert again.status_code == 409
    assert "al bevestigd" in again.content.decode()


def test_others_do_not_see_the_proposal(login) -> None:
    login("heemstede").post(PAGE, {"max_moves": "0"})
    run = PlacementRun.objects.get()
    for username in ("raadslid", "haarlem", "kennemerland"):
        assert login(username).get(f"/plaatsing/voorstel/{run.pk}/").status_code == 404
        assert login(username).post(f"/plaatsing/voorstel/{run.pk}/bevestigen/").status_code == 404
    assert PlacementRun.objects.get().status == RunStatus.DONE


def test_region_page_for_the_coordinator(login) -> None:
    client = login("kennemerland")
    page = client.get("/regio/kennemerland/plaatsing/")
    assert page.status_code == 200
    assert 'id="proposal-form"' in page.content.decode()
    assert client.post("/regio/kennemerland/plaatsing/", {"max_moves": "0"}).status_code == 302
    assert login("heemstede").post("/regio/kennemerland/plaatsing/", {"max_moves": "0"}).status_code == 404
    assert login("rijk").post("/regio/kennemerland/plaatsing/", {"max_moves": "0"}).status_code == 403
    assert PlacementRun.objects.count() == 1
