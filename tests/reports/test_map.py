"""The map (issue 17): boundaries and locations as GeoJSON, the choropleth and its table, the municipality's map
page, and the candidate sites against the shortfall."""

from __future__ import annotations

import json
from datetime import date

import pytest
from shapely.geometry import Point, shape

from opvangregie.areas.models import Municipality
from opvangregie.core.constraints import wgs84_from_rd
from opvangregie.core.ledger import PaceStatus
from opvangregie.locations.models import Location
from opvangregie.reports.choropleth import area_map, choropleth, percentage, ratio_class
from opvangregie.reports.forward import forward_look
from opvangregie.reports.key_figures import KeyFigures, area_key_figures
from opvangregie.reports.province import ProvinceRow
from opvangregie.reports.site_coverage import site_coverage
from opvangregie.sites import services
from opvangregie.sites.models import CandidateSite, SiteStatus

ON = date(2025, 11, 1)


@pytest.mark.parametrize(
    ("have", "need", "expected"),
    [
        (49, 100, "r0"),
        (50, 100, "r1"),
        (74, 100, "r1"),
        (75, 100, "r2"),
        (995, 1000, "r2"),  # 99.5% is not yet 100%
        (100, 100, "r3"),
        (300, 100, "r3"),
        (0, 100, "r0"),
        (5, 0, "none"),
        (5, None, "none"),
        (None, 5, "none"),
    ],
)
def test_a_ratio_falls_in_the_class_of_its_whole_percentage(have: int | None, need: int | None, expected: str) -> None:
    assert ratio_class(have, need) == expected


def test_a_percentage_is_rounded_down() -> None:
    assert percentage(2, 3) == 66
    assert percentage(999, 1000) == 99
    assert percentage(1000, 1000) == 100


def _row(code: str, name: str, **figures: object) -> ProvinceRow:
    values: dict[str, object] = {
        "ukrainian_target": None,
        "ukrainian_places": 0,
        "ukrainian_persons": 0,
        "quota_demand": None,
        "quota_realised": None,
        "quota_status": PaceStatus.NO_DATA,
        "periods_behind": 0,
        "asylum_task": None,
        "asylum_counted": None,
    }
    values.update(figures)
    return ProvinceRow(municipality=Municipality(code=code, name=name), **values)  # type: ignore[arg-type]


def test_each_municipality_is_coloured_by_its_own_figures_with_the_reference_date() -> None:
    rows = [
        _row("GM0001", "Aa", ukrainian_target=200, ukrainian_places=90, quota_demand=20, quota_realised=12,
             quota_status=PaceStatus.BEHIND, asylum_task=100, asylum_counted=100),
        _row("GM0002", "Bb", ukrainian_target=None, ukrainian_places=30, quota_demand=10, quota_realised=14,
             quota_status=PaceStatus.AHEAD, asylum_task=None, asylum_counted=None),
    ]  # fmt: skip
    from opvangregie.core.periods import HalfYear

    figures = KeyFigures(name="X", code="X", on=ON, counted_on=ON, period=HalfYear(2025, 2), run=None, rows=rows)
    ukrainian, quota, asylum = choropleth(figures)
    assert ukrainian.shades["GM0001"].key == "r0"  # 90 of 200 is 45%
    assert "90 van 200 plekken (45%)" in ukrainian.shades["GM0001"].text
    assert ukrainian.shades["GM0002"].key == "none"
    assert quota.shades["GM0001"].key == "behind"
    assert quota.shades["GM0001"].text == "achterstand, saldo -8"
    assert quota.shades["GM0002"].text == "voorsprong, saldo +4"
    assert asylum.shades["GM0001"].key == "r3"
    assert asylum.shades["GM0002"].text == "geen taak"
    assert "1 november 2025" in ukrainian.reference
    assert "2025-H2" in quota.reference
    assert asylum.reference == "nog geen verdeling vastgesteld"
    counts = {item.key: count for item, count in ukrainian.legend_counts}
    assert counts["r0"] == "1 gemeente"
    assert counts["none"] == "1 gemeente"
    assert counts["r3"] == "0 gemeenten"
    table = area_map(figures)
    assert [row.name for row in table.rows] == ["Aa", "Bb"]
    assert [cell.key for cell in table.rows[0].cells] == ["r0", "behind", "r3"]


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_the_province_map_colours_its_44_municipalities_as_its_overview_counts(users: dict) -> None:
    from opvangregie.reports.province import programme_rows

    province = Municipality.objects.filter(province__code="PV27")
    figures = area_key_figures(
        actor=users["noordholland"], name="NH", code="PV27", municipalities=list(province), on=ON
    )
    measures = {measure.key: measure for measure in choropleth(figures)}
    assert len(measures["quota"].shades) == 44
    _, _, rows = programme_rows(actor=users["noordholland"], municipalities=list(province), on=ON)
    behind = sum(1 for row in rows if row.quota_status is PaceStatus.BEHIND)
    assert sum(1 for shade in measures["quota"].shades.values() if shade.key == "behind") == behind
    assert behind == figures.behind


@pytestmark_db
def test_the_province_page_draws_the_map_with_a_table_beside_it(login) -> None:
    page = login("noordholland").get(f"/provincie/PV27/?datum={ON:%Y-%m-%d}").content.decode()
    assert 'id="map"' in page
    assert 'id="map-table"' in page
    assert page.count('<tr class="utrecht-table__row" data-code="GM') == 44
    settings = json.loads(page.split('id="map-settings" type="application/json">')[1].split("</script>")[0])
    assert settings["boundaries"].endswith("map/boundaries?province=PV27")
    assert set(settings["measures"]) == {"ukrainian", "quota", "asylum"}
    assert len(settings["measures"]["quota"]["shades"]) == 44
    assert "leaflet/leaflet.js" in page


@pytestmark_db
def test_the_boundaries_of_an_area_come_simplified_per_zoom_level(as_user) -> None:
    client = as_user("noordholland")
    province = client.get("/api/map/boundaries?province=PV27&zoom=8").json()
    assert len(province["features"]) == 44
    assert "CBS" in province["attribution"]
    region = client.get("/api/map/boundaries?region=kennemerland").json()
    assert len(region["features"]) == 9
    heemstede = client.get("/api/map/boundaries?municipality=GM0397&zoom=12").json()["features"][0]
    assert heemstede["properties"] == {"code": "GM0397", "name": "Heemstede"}
    kerklaan = Point(4.6203, 52.3533)
    assert shape(heemstede["geometry"]).contains(kerklaan)
    coarse = len(json.dumps(client.get("/api/map/boundaries?zoom=6").json()))
    fine = len(json.dumps(client.get("/api/map/boundaries?zoom=12").json()))
    assert coarse < fine / 2
    boxed = client.get("/api/map/boundaries?bbox=4.61,52.34,4.62,52.35").json()
    assert "GM0397" in {f["properties"]["code"] for f in boxed["features"]}
    assert len(boxed["features"]) < 5
    for wrong in ("zoom=21", "zoom=-1", "zoom=x", "bbox=5,52,4,53", "bbox=1,2", "municipality=x"):
        assert client.get(f"/api/map/boundaries?{wrong}").status_code == 422, wrong


@pytestmark_db
def test_the_map_shows_each_caller_only_the_locations_it_may_read(as_user) -> None:
    heemstede = as_user("heemstede").get("/api/map/locations").json()["features"]
    assert {f["properties"]["municipality"] for f in heemstede} == {"GM0397"}
    kerklaan = next(f for f in heemstede if f["properties"]["name"] == "Kerklaan")
    location = Location.objects.get(municipality__code="GM0397", name="Kerklaan")
    assert tuple(kerklaan["geometry"]["coordinates"]) == wgs84_from_rd(float(location.rd_x), float(location.rd_y))
    assert kerklaan["properties"]["url"] == f"/locatie/{location.pk}/"
    assert kerklaan["properties"]["status_label"] == "in gebruik"
    on_date = as_user("heemstede").get(f"/api/map/locations?on={ON:%Y-%m-%d}").json()["features"]
    kerklaan_then = next(f for f in on_date if f["properties"]["name"] == "Kerklaan")
    assert kerklaan_then["properties"]["places"] == 70  # the seed letter: Kerklaan 61, 70 places
    national = as_user("rijk").get("/api/map/locations").json()["features"]
    assert len({f["properties"]["municipality"] for f in national}) > 1
    assert as_user("haarlem").get("/api/map/locations?municipality=GM0397").json()["features"] == []
    far = as_user("rijk").get("/api/map/locations?bbox=6.5,53.0,7.2,53.5").json()["features"]
    assert all(f["properties"]["municipality"] != "GM0397" for f in far)
    assert as_user("rijk").get("/api/map/locations?bbox=1,1,1,1").status_code == 422


@pytestmark_db
def test_the_municipality_map_page_is_for_its_readers(login) -> None:
    page = login("heemstede").get("/gemeente/GM0397/kaart/")
    assert page.status_code == 200
    settings = json.loads(page.content.decode().split('type="application/json">')[1].split("</script>")[0])
    assert settings["boundaries"].endswith("map/boundaries?municipality=GM0397")
    assert settings["focus"] == ["GM0397"]
    assert login("haarlem").get("/gemeente/GM0397/kaart/").status_code == 404


@pytestmark_db
def test_candidate_sites_cover_part_of_the_shortfall_as_far_as_the_reader_may_see(users: dict) -> None:
    heemstede = Municipality.objects.get(code="GM0397")
    look = forward_look(actor=users["heemstede"], municipality_ids=[heemstede.pk], today=ON)
    shortfall = -look.spreiding_rows()[-1].gap
    assert shortfall > 0
    before = {c.duty: c for c in site_coverage(actor=users["heemstede"], municipality_ids=[heemstede.pk], look=look)}
    assert before["spreiding"].estimated_places == 0
    assert before["spreiding"].without_estimate == 2  # the SEIN terrain and Binnenweg 160 have no estimate
    for site in CandidateSite.objects.filter(municipality=heemstede, status=SiteStatus.PUBLIC):
        site.estimated_places = 40
        site.save()
    confidential = CandidateSite.objects.get(municipality=heemstede, status=SiteStatus.IDEA)
    services.site_step(actor=users["heemstede"], site=confidential, status=SiteStatus.RESEARCHED, on=ON)  # 60 more
    own = {c.duty: c for c in site_coverage(actor=users["heemstede"], municipality_ids=[heemstede.pk], look=look)}
    assert own["spreiding"].estimated_places == 140
    assert own["spreiding"].covered == min(140, shortfall)
    assert own["spreiding"].shortfall == shortfall
    assert own["spreiding"].sentence == (
        f"Kandidaatlocaties dekken {min(140, shortfall)} van de {shortfall} ontbrekende plekken op 30 september 2027."
    )
    # The region does not see the researched but unpublished site: it counts only what it may read.
    region = {c.duty: c for c in site_coverage(actor=users["kennemerland"], municipality_ids=[heemstede.pk], look=look)}
    assert region["spreiding"].estimated_places == 80
    services.site_step(actor=users["heemstede"], site=confidential, status=SiteStatus.DROPPED, on=ON, reason="te klein")
    dropped = {c.duty: c for c in site_coverage(actor=users["heemstede"], municipality_ids=[heemstede.pk], look=look)}
    assert dropped["spreiding"].estimated_places == 80


@pytestmark_db
def test_the_dashboard_and_the_region_projection_say_what_the_sites_cover(login) -> None:
    dashboard = login("heemstede").get(f"/gemeente/GM0397/?datum={ON:%Y-%m-%d}").content.decode()
    assert 'id="site-coverage"' in dashboard
    assert "ontbrekende plekken" in dashboard
    region = login("kennemerland").get(f"/regio/kennemerland/verwachting/?datum={ON:%Y-%m-%d}").content.decode()
    assert "Kandidaatlocaties dekken" in region
