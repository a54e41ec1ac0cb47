"""Demo candidate sites: Heemstede's two researched sites (college decision 30 September 2025, made public
6 October 2025; positions approximate), a confidential idea in the Bijzonder Landschap (example), which lies in
the demo layer "Bijzonder Provinciaal Landschap (demo)" of the province Noord-Holland (talks with the province),
one example site in each other Kennemerland municipality, placed inside its boundary, and Doesburg's real BAG
extract of 15 September 2020 (data/bag) read into its vacant-building list."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from opvangregie.areas.boundaries import municipality_boundaries
from opvangregie.areas.models import Municipality
from opvangregie.core.constraints import rd_from_wgs84
from opvangregie.organisations.models import Organisation, OrganisationKind
from opvangregie.sites import layer_services, services
from opvangregie.sites.bag_import import bag_import_file
from opvangregie.sites.layers import DATA
from opvangregie.sites.models import ConstraintLayer, LayerKind, OwnerKind, SiteKind, SiteStatus

DECISION = "Collegebesluit Heemstede 30 september 2025, openbaar gemaakt 6 oktober 2025"


BPL_DEMO = "Bijzonder Provinciaal Landschap (demo)"
# Land in Heemstede's south and east (RD New), drawn for the demo: not the province's real protected landscape.
BPL_DEMO_AREA = [
    (101300, 482600),
    (102050, 482050),
    (102500, 482900),
    (103300, 483450),
    (103000, 483800),
    (102200, 483500),
    (101500, 483150),
    (101300, 482600),
]
IDEA_OUTLINE = "POLYGON ((101650 482780, 101850 482780, 101850 482920, 101650 482920, 101650 482780))"


def bpl_demo_geojson() -> bytes:
    """The demo layer as a GeoJSON file in RD New (with its CRS declared), as a province would upload it."""
    return json.dumps(
        {
            "type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
            "features": [
                {
                    "type": "Feature",
                    "properties": {"naam": "Landgoederenzone Heemstede-Zuid"},
                    "geometry": {"type": "Polygon", "coordinates": [[list(xy) for xy in BPL_DEMO_AREA]]},
                }
            ],
        }
    ).encode()


def load_bpl_demo(admin: Any) -> None:
    """The demo BPL layer of the province Noord-Holland (consultation: building there needs talks with the
    province, Omgevingsverordening Noord-Holland, Bijzonder Provinciaal Landschap)."""
    if ConstraintLayer.objects.filter(name=BPL_DEMO).exists():
        return
    province = Organisation.objects.filter(kind=OrganisationKind.PROVINCE, province__code="PV27").first()
    layer_services.layer_upload(
        actor=admin,
        data=layer_services.LayerInput(
            name=BPL_DEMO,
            kind=LayerKind.CONSULTATION,
            source="Voorbeeld, getekend voor de demo (niet de echte begrenzing)",
            licence="CC0 1.0",
            valid_on=date(2025, 1, 1),
            description="Voorbeeldlaag: bouwen in het Bijzonder Provinciaal Landschap vraagt overleg met de provincie.",
            attribution="Bijzonder Provinciaal Landschap (demo): voorbeeld, geen echte begrenzing",
            is_demo=True,
            owner=province,
        ),
        file_name="bpl-demo.geojson",
        content=bpl_demo_geojson(),
    )


DOESBURG_EXTRACT = DATA / "bag" / "0221PND15092020.zip"


def load_bag_demo(admin: Any) -> None:
    """Doesburg (GM0221): its 7,797 buildings in force, 20 of them out of use, to be demolished or rebuilt."""
    bag_import_file(
        actor=admin, municipality=Municipality.objects.get(code="GM0221"), path=DOESBURG_EXTRACT, echo=lambda _: None
    )


def load_sites_demo(admin: Any) -> None:
    heemstede = Municipality.objects.get(code="GM0397")
    load_bpl_demo(admin)
    for name, address, x, y, owner, kind in (
        ("SEIN-terrein", "Achterweg, Heemstede", 101083, 484192, OwnerKind.PRIVATE, SiteKind.LAND),
        ("Binnenweg 160", "Binnenweg 160, Heemstede", 102530, 485623, OwnerKind.PRIVATE, SiteKind.VACANT_BUILDING),
    ):
        site = services.site_create(
            actor=admin,
            municipality=heemstede,
            data=services.SiteInput(
                name=name,
                address=address,
                rd_x=Decimal(x),
                rd_y=Decimal(y),
                approximate=True,
                owner=owner,
                kind=kind,
                notes=f"Onderzocht voor opvang van asielzoekers. {DECISION}. Positie bij benadering.",
            ),
            status=SiteStatus.RESEARCHED,
            on=date(2025, 6, 1),
        )
        services.site_step(actor=admin, site=site, status=SiteStatus.COLLEGE_DECISION, on=date(2025, 9, 30))
        services.site_step(actor=admin, site=site, status=SiteStatus.PUBLIC, on=date(2025, 10, 6))
    services.site_create(
        actor=admin,
        municipality=heemstede,
        data=services.SiteInput(
            name="Grond in het Bijzonder Landschap (voorbeeld)",
            rd_x=Decimal(101750),
            rd_y=Decimal(482850),
            approximate=True,
            owner=OwnerKind.PROVINCE,
            kind=SiteKind.LAND,
            estimated_places=60,
            notes="In gesprek met de provincie over grond in het Bijzonder Provinciaal Landschap (voorbeeld).",
            is_example=True,
            area=IDEA_OUTLINE,
        ),
        status=SiteStatus.IDEA,
        on=date(2025, 10, 15),
    )
    load_kennemerland_sites_demo(admin)
    load_bag_demo(admin)


# One example site per other Kennemerland municipality: (name, kind, owner, estimated places, status reached).
KENNEMERLAND_SITES = {
    "Beverwijk": (
        "Leegstaand kantoor Stationsplein (voorbeeld)",
        SiteKind.OFFICE,
        OwnerKind.PRIVATE,
        80,
        SiteStatus.PUBLIC,
    ),
    "Bloemendaal": ("Voormalige school (voorbeeld)", SiteKind.SCHOOL, OwnerKind.MUNICIPALITY, 30, SiteStatus.IN_TALKS),
    "Haarlem": (
        "Kantoorpand Zijlweg (voorbeeld)",
        SiteKind.OFFICE,
        OwnerKind.HOUSING_ASSOCIATION,
        120,
        SiteStatus.PUBLIC,
    ),
    "Haarlemmermeer": (
        "Bouwgrond Hoofddorp-Noord (voorbeeld)",
        SiteKind.LAND,
        OwnerKind.MUNICIPALITY,
        200,
        SiteStatus.RESEARCHED,
    ),
    "Heemskerk": (
        "Voormalig gemeentekantoor (voorbeeld)",
        SiteKind.OFFICE,
        OwnerKind.MUNICIPALITY,
        45,
        SiteStatus.PUBLIC,
    ),
    "Uitgeest": ("Grond bij het station (voorbeeld)", SiteKind.LAND, OwnerKind.STATE, 40, SiteStatus.IDEA),
    "Velsen": (
        "Leegstaand bedrijfspand (voorbeeld)",
        SiteKind.VACANT_BUILDING,
        OwnerKind.PRIVATE,
        60,
        SiteStatus.PUBLIC,
    ),
    "Zandvoort": (
        "Vakantiepark buiten gebruik (voorbeeld)",
        SiteKind.OTHER,
        OwnerKind.PRIVATE,
        50,
        SiteStatus.RESEARCHED,
    ),
}
STEPS = [SiteStatus.RESEARCHED, SiteStatus.COLLEGE_DECISION, SiteStatus.PUBLIC, SiteStatus.IN_TALKS]


def load_kennemerland_sites_demo(admin: Any) -> None:
    """An example site in every other Kennemerland municipality, at a point inside its boundary."""
    areas = {shape.key: shape.geometry for shape in municipality_boundaries().shapes}
    for municipality in Municipality.objects.filter(name__in=KENNEMERLAND_SITES).order_by("name"):
        name, kind, owner, places, reached = KENNEMERLAND_SITES[municipality.name]
        inside = areas[municipality.code].representative_point()
        point = rd_from_wgs84(inside.x, inside.y)
        site = services.site_create(
            actor=admin,
            municipality=municipality,
            data=services.SiteInput(
                name=name,
                rd_x=Decimal(round(point.x)),
                rd_y=Decimal(round(point.y)),
                approximate=True,
                owner=owner,
                kind=kind,
                estimated_places=places,
                notes="Voorbeeld voor de demo; positie bij benadering.",
                is_example=True,
            ),
            status=SiteStatus.IDEA,
            on=date(2025, 3, 1),
        )
        for month, status in enumerate(STEPS[: STEPS.index(reached) + 1] if reached in STEPS else [], start=4):
            services.site_step(actor=admin, site=site, status=status, on=date(2025, month, 1))
