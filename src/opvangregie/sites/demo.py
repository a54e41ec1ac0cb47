"""Demo candidate sites: Heemstede's two researched sites (college decision 30 September 2025, made public
6 October 2025; positions approximate) and a confidential idea in the Bijzonder Landschap (example); and
Doesburg's real BAG extract of 15 September 2020 (data/bag) read into its vacant-building list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from opvangregie.areas.models import Municipality
from opvangregie.sites import services
from opvangregie.sites.bag_import import bag_import_file
from opvangregie.sites.layers import DATA
from opvangregie.sites.models import OwnerKind, SiteKind, SiteStatus

DECISION = "Collegebesluit Heemstede 30 september 2025, openbaar gemaakt 6 oktober 2025"


DOESBURG_EXTRACT = DATA / "bag" / "0221PND15092020.zip"


def load_bag_demo(admin: Any) -> None:
    """Doesburg (GM0221): its 7,797 buildings in force, 20 of them out of use, to be demolished or rebuilt."""
    bag_import_file(
        actor=admin, municipality=Municipality.objects.get(code="GM0221"), path=DOESBURG_EXTRACT, echo=lambda _: None
    )


def load_sites_demo(admin: Any) -> None:
    heemstede = Municipality.objects.get(code="GM0397")
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
        ),
        status=SiteStatus.IDEA,
        on=date(2025, 10, 15),
    )
    load_bag_demo(admin)
