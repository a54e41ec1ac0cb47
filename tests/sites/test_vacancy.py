"""Vacant buildings from the BAG (issue 17): the import of the real Doesburg extract (in the demo) and of a
generated PDOK GeoPackage, all or nothing; the list of what to look at; who sees it; sites made from it."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import override_settings

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import NotFound, PermissionDenied
from opvangregie.core.vacancy import estimated_places, qualifying_function
from opvangregie.sites import bag_import, vacancy
from opvangregie.sites.bag import read_versions, summarise
from opvangregie.sites.models import BagBuilding, BagImport, BagUnit, CandidateSite, ImportStatus, SiteKind
from tests.sites.test_bag import DOESBURG, NS

pytestmark = pytest.mark.django_db
VACANT = ("Pand buiten gebruik", "Sloopvergunning verleend", "Verbouwing pand")


def doesburg() -> Municipality:
    return Municipality.objects.get(code="GM0221")


def heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def by_status(municipality: Municipality) -> dict[str, int]:
    rows = BagBuilding.objects.filter(municipality=municipality).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def square(x: float, y: float, side: float) -> bytes:
    return shapely.to_wkb(shapely.box(x, y, x + side, y + side))


def geopackage(path: Path) -> Path:
    """A small PDOK-style BAG GeoPackage in Heemstede: three buildings and five units."""
    from pyogrio.raw import write

    buildings = [
        ("0397100000000001", 1962, "Pand buiten gebruik", square(102000, 485000, 40)),
        ("0397100000000002", 1990, "Pand in gebruik", square(102100, 485000, 30)),
        ("0397100000000003", 2001, "Verbouwing pand", square(102200, 485000, 20)),
    ]
    write(
        str(path),
        np.array([b[3] for b in buildings], dtype=object),
        [
            np.array([b[0] for b in buildings], dtype=object),
            np.array([b[1] for b in buildings], dtype=np.int32),
            np.array([b[2] for b in buildings], dtype=object),
        ],
        fields=["identificatie", "bouwjaar", "status"],
        geometry_type="Polygon",
        crs="EPSG:28992",
        layer="pand",
        driver="GPKG",
    )
    units = [  # identification, building, functions, floor area, status, x
        ("0397010000000001", "0397100000000001", "kantoorfunctie", 600, "Verblijfsobject in gebruik", 102010),
        ("0397010000000002", "0397100000000001", "kantoorfunctie", 400, "Verblijfsobject in gebruik", 102020),
        ("0397010000000003", "0397100000000002", "woonfunctie", 1000, "Verblijfsobject in gebruik", 102110),
        (
            "0397010000000004",
            "0397100000000002",
            "onderwijsfunctie,bijeenkomstfunctie",
            550,
            "Verblijfsobject buiten gebruik",
            102120,
        ),
        ("0397010000000005", "0397100000000003", "bijeenkomstfunctie", 900, "Verblijfsobject ingetrokken", 102210),
    ]
    write(
        str(path),
        np.array([shapely.to_wkb(shapely.Point(u[5], 485010)) for u in units], dtype=object),
        [
            np.array([u[0] for u in units], dtype=object),
            np.array([u[1] for u in units], dtype=object),
            np.array([u[2] for u in units], dtype=object),
            np.array([u[3] for u in units], dtype=np.int32),
            np.array([u[4] for u in units], dtype=object),
        ],
        fields=["identificatie", "pand_identificatie", "gebruiksdoel", "oppervlakte", "status"],
        geometry_type="Point",
        crs="EPSG:28992",
        layer="verblijfsobject",
        driver="GPKG",
        append=True,
    )
    return path


@pytest.fixture
def heemstede_bag(users: dict[str, Any], tmp_path: Path) -> BagImport:
    """Heemstede's BAG from the generated GeoPackage, uploaded by its editor (the task runs at once in tests)."""
    content = geopackage(tmp_path / "bag-light.gpkg").read_bytes()
    started = bag_import.bag_import_start(
        actor=users["heemstede"], municipality=heemstede(), file_name="bag-light.gpkg", content=content
    )
    started.refresh_from_db()
    assert started.status == ImportStatus.DONE, started.error
    return started


# --- the rules ------------------------------------------------------------------------------------------------


def test_places_are_floor_area_over_the_norm_rounded_down() -> None:
    assert estimated_places(600, 25) == 24
    assert estimated_places(624.9, 25) == 24
    assert estimated_places(None, 25) == 0
    assert qualifying_function(["woonfunctie", "onderwijsfunctie"]) == "onderwijsfunctie"
    assert qualifying_function(["woonfunctie"]) is None


# --- the Doesburg extract -------------------------------------------------------------------------------------


def test_the_demo_holds_doesburgs_extract_with_the_summarys_counts() -> None:
    summary = summarise(read_versions(DOESBURG))
    assert by_status(doesburg()) == summary.by_status
    assert BagBuilding.objects.filter(municipality=doesburg()).count() == summary.buildings == 7797
    assert BagBuilding.objects.filter(municipality=doesburg(), status__in=VACANT).count() == summary.vacant == 20
    last = BagImport.objects.get(municipality=doesburg())
    assert (last.status, last.buildings, last.units, str(last.data_date)) == ("done", 7797, 0, "2020-09-15")
    assert last.content == b""  # nothing of the file kept after reading
    building = BagBuilding.objects.filter(municipality=doesburg(), status="Verbouwing pand").first()
    assert building is not None
    assert building.footprint["type"] == "Polygon"
    assert 6.0 < building.footprint["coordinates"][0][0][0] < 6.3  # WGS84 longitude of Doesburg


def test_reimport_replaces_and_a_broken_file_changes_nothing(users: dict[str, Any], tmp_path: Path) -> None:
    admin, before = users["beheerder"], by_status(doesburg())
    truncated = tmp_path / "0221PND15092020.zip"
    truncated.write_bytes(DOESBURG.read_bytes()[:400_000])
    wrong = tmp_path / "wrong.xml"
    wrong.write_text(f"<root {NS}><Objecten:Pand><Objecten:status>Pand in gebruik</Objecten:Pand></root>")
    for broken, expected in ((truncated, "zip"), (wrong, "regel")):
        result = bag_import.bag_import_file(actor=admin, municipality=doesburg(), path=broken, echo=lambda _: None)
        assert result.status == ImportStatus.FAILED
        assert expected in result.error.lower() or "line" in result.error, result.error
        assert "De vorige gegevens zijn ongewijzigd." in result.error
        assert by_status(doesburg()) == before
    small = tmp_path / "klein.xml"
    small.write_text(
        f"<root {NS}>"
        + "".join(
            f"<Objecten:Pand><Objecten:identificatie>022110000000000{i}</Objecten:identificatie>"
            '<Objecten:geometrie><gml:Polygon srsDimension="2"><gml:exterior><gml:LinearRing><gml:posList>'
            f"206000 447000 206030 447000 206030 447030 206000 447030 206000 447000</gml:posList></gml:LinearRing>"
            "</gml:exterior></gml:Polygon></Objecten:geometrie>"
            f"<Objecten:status>{status}</Objecten:status><Objecten:voorkomen><Historie:Voorkomen>"
            "<Historie:voorkomenidentificatie>1</Historie:voorkomenidentificatie></Historie:Voorkomen>"
            "</Objecten:voorkomen></Objecten:Pand>"
            for i, status in enumerate(("Pand in gebruik", "Pand buiten gebruik"))
        )
        + "</root>"
    )
    result = bag_import.bag_import_file(actor=admin, municipality=doesburg(), path=small, echo=lambda _: None)
    assert result.status == ImportStatus.DONE, result.error
    assert by_status(doesburg()) == {"Pand in gebruik": 1, "Pand buiten gebruik": 1}
    row = vacancy.vacant_list(actor=admin, municipality=doesburg()).rows
    assert [(r.identification, r.floor_area_m2, r.from_footprint, r.places) for r in row] == [
        ("0221100000000001", 900.0, True, 36)
    ]


def test_an_extract_of_another_municipality_is_refused(users: dict[str, Any]) -> None:
    result = bag_import.bag_import_file(
        actor=users["beheerder"], municipality=heemstede(), path=DOESBURG, echo=lambda _: None
    )
    assert result.status == ImportStatus.FAILED
    assert "GM0221" in result.error
    assert not BagBuilding.objects.filter(municipality=heemstede()).exists()


def test_the_command_imports_with_progress_and_refuses_what_it_cannot(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("bag", "import", str(DOESBURG), "--municipality", "0221", stdout=out)
    text = out.getvalue()
    assert "voorkomens van panden gelezen" in text
    assert "Doesburg: 7797 panden en 0 verblijfsobjecten ingelezen, stand 15-09-2020." in text
    assert BagImport.objects.filter(municipality=doesburg(), status="done").count() == 2
    with pytest.raises(CommandError, match="--municipality"):
        call_command("bag", "import", str(DOESBURG))
    with pytest.raises(CommandError, match="GM0221"):
        call_command("bag", "import", str(DOESBURG), "--municipality", "GM0397")
    junk = tmp_path / "junk.txt"
    junk.write_text("geen bag")
    with pytest.raises(CommandError, match="geen BAG-bestand"):
        call_command("bag", "import", str(junk), "--municipality", "GM0221")


# --- the GeoPackage and the list ------------------------------------------------------------------------------


@override_settings(BAG_MIN_FLOOR_AREA_M2=500, BAG_M2_PER_PLACE=25)
def test_geopackage_units_above_the_threshold_with_their_places(
    users: dict[str, Any], heemstede_bag: BagImport
) -> None:
    assert (heemstede_bag.buildings, heemstede_bag.units, heemstede_bag.format) == (3, 5, "gpkg")
    unit = BagUnit.objects.get(identification="0397010000000004")
    assert unit.function_list == ["onderwijsfunctie", "bijeenkomstfunctie"]
    listing = vacancy.vacant_list(actor=users["heemstede"], municipality=heemstede())
    rows = {(r.kind, r.identification): r for r in listing.rows}
    assert set(rows) == {
        ("building", "0397100000000001"),  # out of use: floor area from its units (600 + 400)
        ("building", "0397100000000003"),  # being rebuilt: its one unit is withdrawn, 0 m² counted → footprint
        ("unit", "0397010000000001"),  # office of 600 m²
        ("unit", "0397010000000004"),  # school of 550 m² (400 m² office, housing, withdrawn unit left out)
    }
    out_of_use = rows["building", "0397100000000001"]
    assert (out_of_use.places, out_of_use.from_footprint) == (40, False)
    assert rows["unit", "0397010000000001"].places == 24
    assert rows["unit", "0397010000000004"].places == 22
    assert rows["unit", "0397010000000004"].function == "onderwijsfunctie"
    with override_settings(BAG_MIN_FLOOR_AREA_M2=580, BAG_M2_PER_PLACE=20):
        units = [
            r for r in vacancy.vacant_list(actor=users["heemstede"], municipality=heemstede()).rows if r.kind == "unit"
        ]
        assert [(r.identification, r.places) for r in units] == [("0397010000000001", 30)]
    only_school = vacancy.vacant_list(actor=users["heemstede"], municipality=heemstede(), function="onderwijsfunctie")
    assert [r.identification for r in only_school.rows] == ["0397010000000004"]


def test_the_page_lists_only_what_to_look_at(login: Any) -> None:
    client = login("beheerder")
    page = client.get("/gemeente/GM0221/leegstand/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('action="/gemeente/GM0221/leegstand/') == 20
    assert "2020" in html
    assert 'id="footprint-note"' in html
    assert "Natura 2000-gebied" in html  # the nearest constraint of each row
    assert "Pand in gebruik" not in html.split('id="vacant"')[1]
    rebuilt = client.get("/gemeente/GM0221/leegstand/", {"status": "Verbouwing pand"})
    assert rebuilt.content.decode().count('<form method="post" action="/gemeente/GM0221/leegstand/') == 14
    assert client.get("/gemeente/GM0221/leegstand/", {"status": "Pand in gebruik"}).status_code == 400
    assert client.get("/gemeente/GM0221/leegstand/", {"pagina": "x"}).status_code == 400


@override_settings(LANGUAGE_CODE="nl")
def test_the_page_is_paginated(login: Any) -> None:
    BagBuilding.objects.filter(
        municipality=doesburg(),
        status="Pand in gebruik",
        pk__in=list(
            BagBuilding.objects.filter(municipality=doesburg(), status="Pand in gebruik").values_list("pk", flat=True)[
                :45
            ]
        ),
    ).update(status="Pand buiten gebruik")
    client = login("beheerder")
    first = client.get("/gemeente/GM0221/leegstand/").content.decode()
    second = client.get("/gemeente/GM0221/leegstand/", {"pagina": 2}).content.decode()
    assert first.count('action="/gemeente/GM0221/leegstand/') == 50
    assert second.count('action="/gemeente/GM0221/leegstand/') == 15
    assert 'id="vacant-pages"' in first


def test_who_may_not_see_the_list_nor_make_a_site(users: dict[str, Any], login: Any, heemstede_bag: BagImport) -> None:
    building = "0397100000000001"
    for role in ("raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk"):
        client = login(role)
        assert client.get("/gemeente/GM0397/leegstand/").status_code == 404, role
        assert client.post(f"/gemeente/GM0397/leegstand/{building}/kandidaatlocatie/").status_code in (403, 404)
        with pytest.raises((NotFound, PermissionDenied)):
            vacancy.vacant_list(actor=users[role], municipality=heemstede())
        with pytest.raises((NotFound, PermissionDenied)):
            vacancy.site_from_bag(actor=users[role], municipality=heemstede(), identification=building)
    assert login("heemstede").get("/gemeente/GM0221/leegstand/").status_code == 404  # another municipality
    assert login("heemstede").get("/gemeente/GM0397/leegstand/").status_code == 200
    assert 'id="vacant-link"' in login("heemstede").get("/gemeente/GM0397/kandidaatlocaties/").content.decode()
    assert 'id="vacant-link"' not in login("raadslid").get("/gemeente/GM0397/kandidaatlocaties/").content.decode()
    assert not CandidateSite.objects.filter(bag_identification=building).exists()


def test_a_site_from_a_building_is_made_once(login: Any) -> None:
    building = BagBuilding.objects.filter(municipality=doesburg(), status="Pand buiten gebruik").first()
    building = building or BagBuilding.objects.filter(municipality=doesburg(), status="Verbouwing pand").first()
    assert building is not None
    client = login("beheerder")
    url = f"/gemeente/GM0221/leegstand/{building.identification}/kandidaatlocatie/"
    first, second = client.post(url), client.post(url)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    site = CandidateSite.objects.get(municipality=doesburg(), bag_identification=building.identification)
    assert (site.kind, site.status, site.is_public) == (SiteKind.VACANT_BUILDING, "idea", False)
    assert site.estimated_places == estimated_places(building.footprint_area_m2, 25)
    assert (site.rd_x, site.rd_y) == (building.rd_x, building.rd_y)
    assert site.history.count() == 1
    assert site.history.first().history_user is not None  # audited
    assert client.get(url).status_code == 405
    page = client.get("/gemeente/GM0221/leegstand/").content.decode()
    assert f'href="/kandidaatlocatie/{site.pk}/"' in page
    assert client.post("/gemeente/GM0221/leegstand/0221100000000000/kandidaatlocatie/").status_code == 404


def test_a_site_from_an_office_unit_is_an_office(users: dict[str, Any], heemstede_bag: BagImport) -> None:
    site, made = vacancy.site_from_bag(
        actor=users["heemstede"], municipality=heemstede(), identification="0397010000000004"
    )
    assert (made, site.kind, site.estimated_places) == (True, SiteKind.SCHOOL, 22)
    assert site.bag_identification == "0397100000000002"
    again, made = vacancy.site_from_bag(
        actor=users["heemstede"], municipality=heemstede(), identification="0397010000000004"
    )
    assert (again.pk, made) == (site.pk, False)


def test_the_upload_page_reads_a_file_and_shows_its_progress(login: Any, tmp_path: Path) -> None:
    client = login("heemstede")
    assert client.get("/gemeente/GM0397/leegstand/inlezen/").status_code == 200
    with (tmp_path / "junk.gpkg").open("wb") as junk:
        junk.write(b"niets")
    with (tmp_path / "junk.gpkg").open("rb") as upload:
        refused = client.post("/gemeente/GM0397/leegstand/inlezen/", {"file": upload})
    assert refused.status_code == 422
    assert not BagImport.objects.filter(municipality=heemstede()).exists()
    path = geopackage(tmp_path / "bag.gpkg")
    with path.open("rb") as upload:
        response = client.post("/gemeente/GM0397/leegstand/inlezen/", {"file": upload})
    assert response.status_code == 302
    assert BagImport.objects.get(municipality=heemstede()).status == "done"
    poll = client.get("/gemeente/GM0397/leegstand/inlezen/", {"voortgang": "1"}, headers={"HX-Request": "true"})
    assert (poll.status_code, poll["HX-Refresh"]) == (200, "true")
    assert BagBuilding.objects.filter(municipality=heemstede()).count() == 3


def test_a_broken_zip_inside_says_which_part(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("deel-1.xml", f"<root {NS}><Objecten:Pand>")
    from opvangregie.sites.bag import BagFormatError

    with pytest.raises(BagFormatError, match=r"deel-1\.xml"):
        Counter(v.status for v in read_versions(broken))


def vbo(identification: str, version: int, functions: tuple[str, ...], area: int, *, ended: bool = False) -> str:
    end = "<Historie:eindGeldigheid>2020-01-01</Historie:eindGeldigheid>" if ended else ""
    return (
        f"<Objecten:Verblijfsobject><Objecten:identificatie>{identification}</Objecten:identificatie>"
        '<Objecten:geometrie><Objecten:punt><gml:Point srsDimension="3"><gml:pos>206010.0 447010.0 0.0</gml:pos>'
        "</gml:Point></Objecten:punt></Objecten:geometrie>"
        + "".join(f"<Objecten:gebruiksdoel>{f}</Objecten:gebruiksdoel>" for f in functions)
        + f"<Objecten:oppervlakte>{area}</Objecten:oppervlakte><Objecten:status>Verblijfsobject in gebruik"
        '</Objecten:status><Objecten:maaktDeelUitVan><Objecten-ref:PandRef domein="NL.IMBAG.Pand">'
        "0221100000000001</Objecten-ref:PandRef></Objecten:maaktDeelUitVan><Objecten:voorkomen><Historie:Voorkomen>"
        f"<Historie:voorkomenidentificatie>{version}</Historie:voorkomenidentificatie>{end}</Historie:Voorkomen>"
        "</Objecten:voorkomen></Objecten:Verblijfsobject>"
    )


def test_a_full_extract_with_nested_zips_brings_its_units(users: dict[str, Any], tmp_path: Path) -> None:
    """A full Kadaster extract nests a zip per object type; the units (VBO) come with their functions and area."""
    ref = 'xmlns:Objecten-ref="www.kadaster.nl/schemas/lvbag/imbag/objecten-ref/v20200601"'
    pand = (
        "<Objecten:Pand><Objecten:identificatie>0221100000000001</Objecten:identificatie>"
        '<Objecten:geometrie><gml:Polygon srsDimension="2"><gml:exterior><gml:LinearRing><gml:posList>'
        "206000 447000 206030 447000 206030 447030 206000 447030 206000 447000</gml:posList></gml:LinearRing>"
        "</gml:exterior></gml:Polygon></Objecten:geometrie><Objecten:status>Pand in gebruik</Objecten:status>"
        "<Objecten:voorkomen><Historie:Voorkomen><Historie:voorkomenidentificatie>1</Historie:voorkomenidentificatie>"
        "</Historie:Voorkomen></Objecten:voorkomen></Objecten:Pand>"
    )
    units = vbo("0221010000000001", 1, ("woonfunctie",), 800, ended=True) + vbo(
        "0221010000000001", 2, ("kantoorfunctie", "woonfunctie"), 700
    )
    full = tmp_path / "0221GEM15092020.zip"
    with zipfile.ZipFile(full, "w") as outer:
        for code, body in (("PND", pand), ("VBO", units), ("NUM", "<kapot")):  # NUM parts are not read
            inner = io.BytesIO()
            with zipfile.ZipFile(inner, "w") as part:
                part.writestr(f"0221{code}15092020-000001.xml", f"<root {NS} {ref}>{body}</root>")
            outer.writestr(f"0221{code}15092020.zip", inner.getvalue())
    result = bag_import.bag_import_file(actor=users["beheerder"], municipality=doesburg(), path=full, echo=print)
    assert result.status == ImportStatus.DONE, result.error
    assert (result.buildings, result.units) == (1, 1)
    unit = BagUnit.objects.get(municipality=doesburg())
    assert (unit.functions, unit.floor_area_m2, unit.building_identification) == (
        "kantoorfunctie,woonfunctie",
        700,
        "0221100000000001",
    )
    rows = vacancy.vacant_list(actor=users["beheerder"], municipality=doesburg()).rows
    assert [(r.kind, r.function, r.places) for r in rows] == [("unit", "kantoorfunctie", 28)]


def test_the_api_gives_the_list_a_page_at_a_time(login: Any) -> None:
    client = login("beheerder")
    url = "/api/municipalities/GM0221/vacant-buildings"
    first = client.get(url, {"page_size": 5}).json()
    assert (first["count"], first["page"], len(first["results"]), first["data_date"]) == (20, 1, 5, "2020-09-15")
    last = client.get(url, {"page_size": 5, "page": 4}).json()
    assert len(last["results"]) == 5
    assert not {r["identification"] for r in first["results"]} & {r["identification"] for r in last["results"]}
    row = first["results"][0]
    assert row["status"] in VACANT
    assert row["from_footprint"] is True
    assert 6.0 < row["longitude"] < 6.3
    assert row["nearest_constraint"].startswith("ligt")
    assert client.get(url, {"status": "Verbouwing pand"}).json()["count"] == 14
    assert client.get(url, {"status": "Pand in gebruik"}).status_code == 422
    assert client.get(url, {"page_size": 1000}).status_code == 422
    assert login("raadslid").get("/api/municipalities/GM0397/vacant-buildings").status_code == 404
    assert login("heemstede").get(url).status_code == 404
