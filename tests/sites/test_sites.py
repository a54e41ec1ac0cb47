"""Candidate sites (issue 17): confidential until made public, steps audited, what constrains a site."""

from __future__ import annotations

from datetime import date

import pytest

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import PermissionDenied, ValidationError
from opvangregie.sites import selectors, services
from opvangregie.sites.demo import KENNEMERLAND_SITES
from opvangregie.sites.models import PUBLIC_STATUSES, CandidateSite, SiteStatus, SiteStep

pytestmark = pytest.mark.django_db
# The demo's example sites in the rest of Kennemerland that have been made public (the province sees them).
PUBLIC_EXAMPLES = {name for name, *_, reached in KENNEMERLAND_SITES.values() if reached in PUBLIC_STATUSES}


@pytest.fixture
def idea() -> CandidateSite:
    return CandidateSite.objects.get(municipality__code="GM0397", status=SiteStatus.IDEA)


def visible(users: dict, username: str) -> set[str]:
    heemstede = Municipality.objects.get(code="GM0397")
    return {site.name for site in selectors.sites_readable(actor=users[username], municipality=heemstede)}


def test_a_site_is_confidential_until_made_public(users: dict, idea: CandidateSite, login) -> None:
    public = {"SEIN-terrein", "Binnenweg 160"}
    assert visible(users, "heemstede") == public | {idea.name}
    for outsider in ("raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk"):
        assert visible(users, outsider) & {idea.name} == set(), outsider
    assert visible(users, "noordholland") == public
    assert visible(users, "haarlem") == set()  # another municipality reads nothing of Heemstede's
    assert login("kennemerland").get(f"/kandidaatlocatie/{idea.pk}/").status_code == 404
    services.site_step(actor=users["heemstede"], site=idea, status=SiteStatus.PUBLIC, on=date(2025, 11, 1))
    assert idea.name in visible(users, "kennemerland")
    assert idea.name in visible(users, "coa")
    assert login("noordholland").get(f"/kandidaatlocatie/{idea.pk}/").status_code == 200


def test_steps_are_dated_in_order_audited_and_a_drop_needs_a_reason(users: dict, idea: CandidateSite) -> None:
    with pytest.raises(ValidationError, match="reden"):
        services.site_step(actor=users["heemstede"], site=idea, status=SiteStatus.DROPPED, on=date(2025, 11, 1))
    with pytest.raises(ValidationError, match="vóór de laatste stap"):
        services.site_step(actor=users["heemstede"], site=idea, status=SiteStatus.RESEARCHED, on=date(2025, 1, 1))
    with pytest.raises(PermissionDenied):
        services.site_step(actor=users["noordholland"], site=idea, status=SiteStatus.RESEARCHED, on=date(2025, 11, 1))
    step = services.site_step(
        actor=users["heemstede"], site=idea, status=SiteStatus.DROPPED, on=date(2025, 11, 1), reason="te klein"
    )
    assert step.history.first().history_user == users["heemstede"]
    assert CandidateSite.objects.get(pk=idea.pk).status == SiteStatus.DROPPED
    assert list(SiteStep.objects.filter(site=idea).values_list("status", flat=True)) == ["idea", "dropped"]


def test_the_site_page_says_what_constrains_it(login) -> None:
    sein = CandidateSite.objects.get(name="SEIN-terrein")
    page = login("heemstede").get(f"/kandidaatlocatie/{sein.pk}/").content.decode()
    constraints = page[page.index('id="constraints"') : page.index("</ul>", page.index('id="constraints"'))]
    assert "Natura 2000-gebied Kennemerland-Zuid" in constraints
    assert "RVO via PDOK" in page  # the layer's attribution


def test_an_editor_adds_a_site_with_the_form_and_outsiders_cannot(login) -> None:
    fields = {
        "name": "Kantoor Raadhuisplein",
        "rd_x": "102600",
        "rd_y": "485100",
        "owner": "private",
        "kind": "office",
        "target_group": "asylum",
        "estimated_places": "40",
        "on": "2025-11-05",
    }
    response = login("heemstede").post("/gemeente/GM0397/kandidaatlocaties/", fields)
    assert response.status_code == 302
    site = CandidateSite.objects.get(name="Kantoor Raadhuisplein")
    assert (site.status, site.estimated_places) == ("idea", 40)
    before = CandidateSite.history.count()
    assert login("raadslid").post("/gemeente/GM0397/kandidaatlocaties/", {**fields, "name": "x"}).status_code == 403
    bad = login("heemstede").post("/gemeente/GM0397/kandidaatlocaties/", {**fields, "name": "y", "rd_x": "1e30"})
    assert bad.status_code == 422
    assert CandidateSite.history.count() == before


def test_a_chosen_site_enters_the_register_as_a_planned_location(users: dict, login) -> None:
    from opvangregie.locations.models import Location

    binnenweg = CandidateSite.objects.get(name="Binnenweg 160")
    services.site_step(actor=users["heemstede"], site=binnenweg, status=SiteStatus.CHOSEN, on=date(2025, 11, 5))
    binnenweg.refresh_from_db()
    location = Location.objects.get(pk=binnenweg.location_id)
    assert (location.name, location.status, location.target_group) == ("Binnenweg 160", "planned", "asylum")
    assert (location.rd_x, location.rd_y) == (binnenweg.rd_x, binnenweg.rd_y)
    assert location.history.first().history_user == users["heemstede"]
    page = login("heemstede").get(f"/kandidaatlocatie/{binnenweg.pk}/").content.decode()
    assert f"/locatie/{location.pk}/" in page
    services.site_step(actor=users["heemstede"], site=binnenweg, status=SiteStatus.CHOSEN, on=date(2025, 11, 6))
    assert Location.objects.filter(name__startswith="Binnenweg 160").count() == 1  # chosen twice: one location


def test_the_geojson_api_shows_each_caller_only_what_it_may_see(as_user, idea: CandidateSite) -> None:
    own = as_user("heemstede").get("/api/sites?municipality=GM0397").json()
    assert own["type"] == "FeatureCollection"
    names = {feature["properties"]["name"] for feature in own["features"]}
    assert names == {"SEIN-terrein", "Binnenweg 160", idea.name}
    sein = next(f for f in own["features"] if f["properties"]["name"] == "SEIN-terrein")
    lon, lat = sein["geometry"]["coordinates"]
    assert (round(lon, 3), round(lat, 3)) == (4.596, 52.343)  # the demo's approximate position, back in WGS84
    province = as_user("noordholland").get("/api/sites").json()
    assert {f["properties"]["name"] for f in province["features"]} == {
        "SEIN-terrein",
        "Binnenweg 160",
        *PUBLIC_EXAMPLES,
    }
    assert as_user("haarlem").get("/api/sites?municipality=GM0397").json()["features"] == []
    boxed = as_user("heemstede").get("/api/sites?bbox=4.60,52.35,4.63,52.36").json()
    assert {f["properties"]["name"] for f in boxed["features"]} == {"Binnenweg 160"}
    assert as_user("heemstede").get("/api/sites?bbox=4.7,52.3,4.6,52.4").status_code == 422
    assert as_user("heemstede").get("/api/sites?bbox=nonsense").status_code == 422


@pytest.mark.parametrize(
    "query",
    ["municipality=GM%00397", "bbox=-inf,0,inf,1", "bbox=nan,52,4.7,52.4", "bbox=-180,-90,180,90x", "municipality=x"],
)
def test_unreadable_site_filters_answer_422_never_500(as_user, query: str) -> None:
    """Found by the fuzz run on PostgreSQL: a NUL character or an infinite box reached the database."""
    assert as_user("heemstede").get(f"/api/sites?{query}").status_code == 422


def test_a_box_around_the_world_is_clamped_to_the_grid(as_user) -> None:
    world = as_user("noordholland").get("/api/sites?bbox=-180,-90,180,90").json()
    assert {f["properties"]["name"] for f in world["features"]} == {"SEIN-terrein", "Binnenweg 160", *PUBLIC_EXAMPLES}
