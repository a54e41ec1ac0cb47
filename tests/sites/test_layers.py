"""Constraint layers (issue 17 item 2): uploads of GeoJSON, GeoPackage and zipped Shapefile (CRS read and
reprojected, wrong or missing CRS refused, invalid geometry repaired or refused by feature number, all or
nothing), who may upload, the checks of sites stored per layer version, the shares of a municipality's land and
the map's API."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import PermissionDenied, ValidationError
from opvangregie.organisations.models import Membership, Organisation, OrganisationKind, Role
from opvangregie.sites import layer_selectors, layer_services, services
from opvangregie.sites.demo import BPL_DEMO
from opvangregie.sites.layers import active_layers
from opvangregie.sites.models import (
    CandidateSite,
    ConstraintLayer,
    LayerKind,
    LayerVersion,
    OwnerKind,
    SiteCheck,
    SiteKind,
    SiteStatus,
)

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:.crs. was not provided")]

# A 1 km square in RD New, far from every Natura 2000 area (checked in test_the_test_area_is_clear).
SQUARE = shapely.box(120_000, 480_000, 121_000, 481_000)
BOWTIE = shapely.Polygon([(120_000, 480_000), (121_000, 481_000), (121_000, 480_000), (120_000, 481_000)])
COLLINEAR = shapely.Polygon([(120_000, 480_000), (120_500, 480_000), (121_000, 480_000)])


def write(
    tmp_path: Path, name: str, geometries: list[Any], *, crs: str | None = "EPSG:28992", driver: str | None = None
) -> Path:
    """A layer file written with pyogrio (raw arrays of WKB, no geopandas), with a field ``naam``."""
    import pyogrio.raw

    path = tmp_path / name
    wkb = np.array([None if g is None else shapely.to_wkb(g) for g in geometries], dtype=object)
    names = np.array([f"gebied {i + 1}" for i in range(len(geometries))], dtype=object)
    kwargs: dict[str, Any] = {"driver": driver} if driver else {}
    if crs:
        kwargs["crs"] = crs
    pyogrio.raw.write(path, wkb, [names], fields=["naam"], geometry_type="Polygon", **kwargs)
    return path


def zipped_shapefile(tmp_path: Path, geometries: list[Any], *, crs: str | None = "EPSG:28992") -> Path:
    shp = write(tmp_path, "laag.shp", geometries, crs=crs)
    archive = tmp_path / "laag.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for part in shp.parent.glob("laag.*"):
            if part.suffix != ".zip":
                bundle.write(part, part.name)
    return archive


def layer_input(name: str = "Testlaag", kind: LayerKind = LayerKind.EXCLUSION, **extra: Any) -> Any:
    return layer_services.LayerInput(
        name=name, kind=kind, source="Provincie (test)", licence="CC0", valid_on=date(2025, 1, 1), **extra
    )


def upload(actor: Any, path: Path, **extra: Any) -> LayerVersion:
    return layer_services.layer_upload(
        actor=actor, data=layer_input(**extra), file_name=path.name, content=path.read_bytes()
    )


@pytest.fixture
def province_editor() -> Any:
    user = get_user_model().objects.create_user("nh-editor", password="x")
    organisation = Organisation.objects.get(kind=OrganisationKind.PROVINCE, province__code="PV27")
    Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
    return user


def counts() -> tuple[int, ...]:
    return (
        ConstraintLayer.objects.count(),
        LayerVersion.objects.count(),
        ConstraintLayer.history.count(),
        LayerVersion.history.count(),
    )


def test_the_test_area_is_clear() -> None:
    assert all(not layer.hits(SQUARE.buffer(2_000)) for layer in active_layers())


# --- uploads ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file_name", "driver"), [("laag.geojson", "GeoJSON"), ("laag.gpkg", "GPKG"), ("laag.zip", None)]
)
def test_each_format_in_rd_new_is_reprojected_to_wgs84(
    tmp_path: Path, users: dict, file_name: str, driver: str | None
) -> None:
    if file_name.endswith(".zip"):
        path = zipped_shapefile(tmp_path, [SQUARE])
    else:
        path = write(tmp_path, file_name, [SQUARE], driver=driver)
    version = upload(users["beheerder"], path)
    assert (version.number, version.feature_count, version.source_crs) == (1, 1, "EPSG:28992")
    feature = json.loads(version.features)["features"][0]
    assert feature["properties"]["naam"] == "gebied 1"
    west, south, east, north = shapely.geometry.shape(feature["geometry"]).bounds
    assert 4.85 < west < east < 4.9
    assert 52.3 < south < north < 52.32
    assert version.history.first().history_user == users["beheerder"]
    layer = next(layer for layer in active_layers() if layer.name == "Testlaag")
    assert layer.features[0].geometry.area == pytest.approx(1_000_000, rel=1e-3)  # back in RD: 1 km²


def test_a_web_upload_by_a_province_editor_and_a_new_version(tmp_path: Path, province_editor: Any) -> None:
    from django.test import Client

    client = Client()
    client.force_login(province_editor)
    path = write(tmp_path, "bpl.gpkg", [SQUARE], driver="GPKG")
    fields = {"name": "BPL Test", "kind": "consultation", "source": "Provincie", "licence": "CC0"}
    response = client.post(
        "/beperkingenlagen/uploaden/",
        {**fields, "valid_on": "2025-06-01", "file": SimpleUploadedFile("bpl.gpkg", path.read_bytes())},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    layer = ConstraintLayer.objects.get(name="BPL Test")
    assert layer.owner is not None
    assert layer.owner.province.code == "PV27"
    moved = write(tmp_path, "bpl2.gpkg", [shapely.affinity.translate(SQUARE, 5_000)], driver="GPKG")
    response = client.post(
        "/beperkingenlagen/uploaden/",
        {
            **fields,
            "layer": layer.pk,
            "valid_on": "2025-07-01",
            "file": SimpleUploadedFile("b.gpkg", moved.read_bytes()),
        },
    )
    assert response.status_code == 302
    assert list(layer.versions.values_list("number", flat=True)) == [2, 1]
    listing = client.get("/beperkingenlagen/").content.decode()
    assert ("BPL Test" in listing and "overleg nodig" in listing.lower()) or "consultation" in listing
    # a province editor may not add a version to the State's Natura 2000 layer
    with pytest.raises(PermissionDenied):
        upload(province_editor, path, layer=ConstraintLayer.objects.get(is_shipped=True))


def test_a_file_with_a_wrong_crs_is_refused(tmp_path: Path, users: dict) -> None:
    before = counts()
    declared_wrong = write(tmp_path, "fout.gpkg", [SQUARE], crs="EPSG:3857", driver="GPKG")  # RD metres as 3857
    with pytest.raises(ValidationError, match="niet in of bij Nederland: staat het bestand wel in EPSG:3857"):
        upload(users["beheerder"], declared_wrong)
    rd_as_wgs84 = write(tmp_path, "fout.geojson", [SQUARE], crs=None, driver="GeoJSON")  # GeoJSON: WGS84 by RFC
    with pytest.raises(ValidationError, match="niet in of bij Nederland"):
        upload(users["beheerder"], rd_as_wgs84)
    assert counts() == before


def test_a_file_without_crs_is_refused(tmp_path: Path, users: dict) -> None:
    before = counts()
    with pytest.raises(ValidationError, match="geen coördinatenstelsel"):
        upload(users["beheerder"], zipped_shapefile(tmp_path, [SQUARE], crs=None))
    assert counts() == before


def test_a_bowtie_is_repaired(tmp_path: Path, users: dict) -> None:
    version = upload(users["beheerder"], write(tmp_path, "strik.gpkg", [BOWTIE, SQUARE], driver="GPKG"))
    assert (version.feature_count, version.repaired_count) == (2, 1)
    layer = next(layer for layer in active_layers() if layer.name == "Testlaag")
    repaired = layer.features[0].geometry
    assert repaired.is_valid
    assert repaired.area == pytest.approx(500_000, rel=1e-3)


@pytest.mark.parametrize(
    ("geometries", "message"),
    [
        ([SQUARE, None], "Object 2 heeft geen geometrie"),
        ([SQUARE, SQUARE, COLLINEAR], "Object 3 heeft een ongeldige geometrie die niet te herstellen is"),
    ],
)
def test_an_empty_or_unrepairable_geometry_refuses_the_whole_file(
    tmp_path: Path, users: dict, geometries: list[Any], message: str
) -> None:
    before = counts()
    with pytest.raises(ValidationError, match=message):
        upload(users["beheerder"], write(tmp_path, "laag.gpkg", geometries, driver="GPKG"))
    assert counts() == before


def test_other_files_are_refused(users: dict) -> None:
    for name, content in (("laag.csv", b"a;b\n"), ("laag.geojson", b"{not json"), ("laag.zip", b"PK nonsense")):
        with pytest.raises(ValidationError):
            layer_services.layer_upload(actor=users["beheerder"], data=layer_input(), file_name=name, content=content)
    big = b"x" * (layer_services.LAYER_MAX_BYTES + 1)
    with pytest.raises(ValidationError, match="groter dan 25 MB"):
        layer_services.layer_upload(actor=users["beheerder"], data=layer_input(), file_name="a.geojson", content=big)


@pytest.mark.parametrize("role", ["heemstede", "raadslid", "haarlem", "noordholland", "coa", "rijk"])
def test_who_may_not_upload_writes_nothing(tmp_path: Path, users: dict, login, role: str) -> None:
    path = write(tmp_path, "laag.geojson", [SQUARE], driver="GeoJSON")
    before = counts()
    with pytest.raises(PermissionDenied):
        upload(users[role], path)
    fields = {"name": "x", "kind": "exclusion", "source": "s", "licence": "l", "valid_on": "2025-01-01"}
    response = login(role).post(
        "/beperkingenlagen/uploaden/", {**fields, "file": SimpleUploadedFile("laag.geojson", path.read_bytes())}
    )
    assert response.status_code == 403
    assert counts() == before


def test_anonymous_is_sent_to_the_login_page(tmp_path: Path) -> None:
    from django.test import Client

    path = write(tmp_path, "laag.geojson", [SQUARE], driver="GeoJSON")
    before = counts()
    response = Client().post(
        "/beperkingenlagen/uploaden/", {"file": SimpleUploadedFile("l.geojson", path.read_bytes())}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    assert counts() == before


# --- checks of sites ----------------------------------------------------------------------------------------


def _site(users: dict, name: str, x: float, y: float, area: str = "") -> CandidateSite:
    return services.site_create(
        actor=users["heemstede"],
        municipality=Municipality.objects.get(code="GM0397"),
        data=services.SiteInput(
            name=name, rd_x=Decimal(x), rd_y=Decimal(y), owner=OwnerKind.PRIVATE, kind=SiteKind.LAND, area=area
        ),
        on=date(2025, 11, 1),
    )


def _check(site: CandidateSite, layer: str) -> Any:
    return next(check for check in layer_selectors.site_checks(site=site) if check.layer == layer)


def test_sites_inside_partly_inside_and_near_a_layer(tmp_path: Path, users: dict, province_editor: Any) -> None:
    upload(
        users["beheerder"],
        write(tmp_path, "bpl.gpkg", [SQUARE], driver="GPKG"),
        name="BPL Test",
        kind=LayerKind.CONSULTATION,
        owner=Organisation.objects.get(kind=OrganisationKind.PROVINCE, province__code="PV27"),
    )
    inside = _site(users, "Punt binnen", 120_500, 480_500)
    check = _check(inside, "BPL Test")
    assert check.sentence == "ligt in BPL Test gebied 1; overleg met Provincie Noord-Holland nodig"
    assert (check.inside_share, check.distance_m, check.version) == (1.0, 0.0, 1)
    # a 200 m x 100 m site with 68 m of its width inside: 34 %
    half = "POLYGON ((120932 480400, 121132 480400, 121132 480500, 120932 480500, 120932 480400))"
    partly = _site(users, "Deels binnen", 121_000, 480_450, area=half)
    check = _check(partly, "BPL Test")
    assert check.inside_share == pytest.approx(0.34, abs=1e-3)
    assert check.sentence.startswith("ligt voor 34% in BPL Test gebied 1; overleg met Provincie Noord-Holland")
    near = _site(users, "Ernaast", 121_340, 480_500)
    check = _check(near, "BPL Test")
    assert (check.inside_share, check.distance_m) == (0.0, pytest.approx(340))
    assert check.sentence == "ligt op 340 m van BPL Test gebied 1 (overleg nodig)"
    # a new version of the layer checks every site again
    moved = write(tmp_path, "bpl2.gpkg", [shapely.affinity.translate(SQUARE, 340)], driver="GPKG")
    upload(
        users["beheerder"],
        moved,
        name="BPL Test",
        kind=LayerKind.CONSULTATION,
        layer=ConstraintLayer.objects.get(name="BPL Test"),
    )
    check = _check(near, "BPL Test")
    assert (check.version, check.inside_share, check.distance_m) == (2, 1.0, 0.0)
    assert SiteCheck.objects.filter(site=near, layer_version__layer__name="BPL Test").count() == 1


def test_a_site_outline_in_wgs84_geojson_and_bad_outlines(users: dict) -> None:
    outline = {
        "type": "Polygon",
        "coordinates": [[[4.60, 52.30], [4.601, 52.30], [4.601, 52.301], [4.60, 52.301], [4.60, 52.30]]],
    }
    site = services.site_create(
        actor=users["heemstede"],
        municipality=Municipality.objects.get(code="GM0397"),
        data=services.SiteInput(
            name="Vlak",
            rd_x=Decimal(101_300),
            rd_y=Decimal(483_000),
            owner=OwnerKind.PRIVATE,
            kind=SiteKind.LAND,
            area=json.dumps(outline),
            area_crs="EPSG:4326",
        ),
        on=date(2025, 11, 1),
    )
    assert json.loads(site.area)["type"] == "Polygon"
    for text, crs in (
        ("POINT (101000 482000)", "EPSG:28992"),
        ("POLYGON ((0 0, 1 0, 1 1, 0 0))", "EPSG:28992"),  # outside the Netherlands
        ("POLYGON ((101000 482000, 101000 482000, 101000 482000, 101000 482000))", "EPSG:28992"),
        ("niets", "EPSG:28992"),
        ("POLYGON ((101000 482000, 102000 482000, 102000 483000, 101000 482000))", "EPSG:4326"),
    ):
        with pytest.raises(ValidationError):
            _site(users, f"Fout {text[:10]} {crs}", 101_000, 482_000, area=text) if crs == "EPSG:28992" else (
                services.site_create(
                    actor=users["heemstede"],
                    municipality=Municipality.objects.get(code="GM0397"),
                    data=services.SiteInput(
                        name="x",
                        rd_x=Decimal(101_000),
                        rd_y=Decimal(482_000),
                        owner=OwnerKind.PRIVATE,
                        kind=SiteKind.LAND,
                        area=text,
                        area_crs=crs,
                    ),
                    on=date(2025, 11, 1),
                )
            )


def test_the_demo_site_in_the_bpl_needs_talks_with_the_province(login) -> None:
    idea = CandidateSite.objects.get(municipality__code="GM0397", status=SiteStatus.IDEA)
    assert idea.area
    page = login("heemstede").get(f"/kandidaatlocatie/{idea.pk}/").content.decode()
    constraints = page[page.index('id="constraints"') : page.index("</ul>", page.index('id="constraints"'))]
    assert f"Ligt in {BPL_DEMO} Landgoederenzone Heemstede-Zuid; overleg met Provincie Noord-Holland nodig" in (
        constraints
    )
    assert "versie 1" in constraints or "version 1" in constraints
    assert ConstraintLayer.objects.get(name=BPL_DEMO).is_demo


# --- shares of a municipality's land ------------------------------------------------------------------------


def test_municipality_shares_on_a_hand_computable_geometry(
    tmp_path: Path, users: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2 km x 2 km municipality; a consultation layer over its east half (50 %); two hard areas 500 m wide
    overlapping by 250 m (750 m x 2 km counted once: 37.5 %)."""
    municipality = shapely.box(120_000, 480_000, 122_000, 482_000)
    monkeypatch.setattr(layer_selectors, "municipality_land", lambda: {"GM9999": municipality})
    upload(
        users["beheerder"],
        write(tmp_path, "overleg.gpkg", [shapely.box(121_000, 479_000, 123_000, 483_000)], driver="GPKG"),
        name="Overleg",
        kind=LayerKind.CONSULTATION,
    )
    hard = [shapely.box(120_000, 480_000, 120_500, 482_000), shapely.box(120_250, 480_000, 120_750, 482_000)]
    upload(users["beheerder"], write(tmp_path, "hard.gpkg", hard, driver="GPKG"), name="Hard")
    shares = layer_selectors.municipality_constraint_shares(["GM9999", "GM0000"])
    assert list(shares) == ["GM9999"]
    hard_share, consultation_share = shares["GM9999"]
    assert hard_share == pytest.approx(0.375, abs=1e-4)  # stored in WGS84 to 7 decimals: a centimetre off
    assert consultation_share == pytest.approx(0.5, abs=1e-4)
    assert layer_selectors.municipality_constraint_shares(["GM9999"]) == shares  # from the stored cache


def test_heemstede_page_shows_its_shares(login) -> None:
    hard, consultation = layer_selectors.municipality_constraint_shares(["GM0397"])["GM0397"]
    assert 0 < hard < 0.1
    assert 0.1 < consultation < 0.2
    page = login("heemstede").get("/gemeente/GM0397/kandidaatlocaties/").content.decode()
    assert 'id="constraint-shares"' in page


# --- the map's API ------------------------------------------------------------------------------------------


def test_the_layers_api(as_user) -> None:
    client = as_user("raadslid")
    layers = {layer["name"]: layer for layer in client.get("/api/layers").json()}
    natura = layers["Natura 2000-gebied"]
    assert (natura["kind"], natura["kind_label"], natura["feature_count"], natura["is_demo"]) == (
        "exclusion",
        "uitsluiting",
        160,
        False,
    )
    assert "RVO via PDOK" in natura["attribution"]
    assert layers[BPL_DEMO]["is_demo"]
    assert layers[BPL_DEMO]["kind"] == "consultation"
    url = f"/api/layers/{natura['id']}/features"
    everything = client.get(url).json()
    assert everything["type"] == "FeatureCollection"
    assert len(everything["features"]) == 160
    boxed = client.get(url, {"bbox": "4.50,52.30,4.65,52.42", "zoom": 14}).json()
    names = {feature["properties"]["name"] for feature in boxed["features"]}
    assert "Kennemerland-Zuid" in names
    assert len(names) < 10
    assert boxed["features"][0]["properties"]["kind"] == "exclusion"

    def vertices(collection: dict) -> int:
        return sum(shapely.get_num_coordinates(shapely.geometry.shape(f["geometry"])) for f in collection["features"])

    coarse = client.get(url, {"bbox": "4.50,52.30,4.65,52.42", "zoom": 6}).json()
    assert vertices(coarse) < vertices(boxed)


@pytest.mark.parametrize(
    "query",
    [
        {"bbox": "nonsense"},
        {"bbox": "4.7,52.3,4.6,52.4"},
        {"bbox": "nan,52.3,4.7,52.4"},
        {"bbox": "1,2,3"},
        {"bbox": "4.5,52.3,400,52.4"},
        {"zoom": "-1"},
        {"zoom": "23"},
        {"zoom": "x"},
        {"zoom": str(10**30)},
    ],
)
def test_bad_bbox_or_zoom_is_422(as_user, query: dict) -> None:
    layer = ConstraintLayer.objects.get(is_shipped=True)
    response = as_user("heemstede").get(f"/api/layers/{layer.pk}/features", query)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_an_unknown_layer_is_404(as_user) -> None:
    assert as_user("heemstede").get("/api/layers/999999/features").status_code == 404
