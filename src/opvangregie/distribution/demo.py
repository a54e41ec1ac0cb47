"""Demo data of the Spreidingswet: the 2024 cycle (96,000 places on 1 January 2025, 8,140 AMV) over
all 342 municipalities, published tasks from the press, example asylum locations in Noord-Holland,
and the Kennemerland plan (2,100 places, VNHG December 2023) with two example exchanges.

Published per-municipality tasks (Staatscourant 2024, 3320, as reported): Amsterdam 4,479 (nos.nl),
Schiermonnikoog 5, Westerwolde 131 (kleurdekamer.nl), Haarlem 963, Zandvoort 94 (nos.nl, 2542730),
Bloemendaal 169 of which 14 AMV, Heemstede 191 (nhnieuws.nl), Wijdemeren 163 (rading-0.nl).
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from opvangregie.areas.models import Municipality, MunicipalityYear, Region
from opvangregie.core.apportion import Method, apportion
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.spreiding import KeyKind
from opvangregie.core.target_groups import TargetGroup
from opvangregie.distribution import services
from opvangregie.distribution.models import PublishedTask
from opvangregie.locations import services as location_services

CYCLE = 2024
NEEDED_ON = date(2025, 1, 1)
PUBLISHED = [
    ("Amsterdam", 4479, None, "nos.nl / Staatscourant 2024, 3320"),
    ("Schiermonnikoog", 5, None, "kleurdekamer.nl / Staatscourant 2024, 3320"),
    ("Westerwolde", 131, None, "kleurdekamer.nl / Staatscourant 2024, 3320"),
    ("Haarlem", 963, None, "nos.nl 2542730 / Staatscourant 2024, 3320"),
    ("Zandvoort", 94, None, "nos.nl 2542730 / Staatscourant 2024, 3320"),
    ("Bloemendaal", 169, 14, "nhnieuws.nl 331625 / Staatscourant 2024, 3320"),
    ("Heemstede", 191, None, "nhnieuws.nl 331625 / Staatscourant 2024, 3320"),
    ("Wijdemeren", 163, None, "rading-0.nl / Staatscourant 2024, 3320"),
]
HOSTING_EXAMPLES = 16  # with Heemstede's AMV location: 17 of the 44 Noord-Holland municipalities host reception


def load_distribution_demo(admin: Any, rng: random.Random) -> None:
    run = services.run_create(
        actor=admin,
        data=services.RunInput(
            cycle=CYCLE,
            label="Capaciteitsraming 1 februari 2024: 96.000 plekken, 8.140 AMV",
            needed_on=NEEDED_ON,
            total=96_000,
            amv_total=8_140,
            key=KeyKind.POPULATION_SES,
            method=Method.HAMILTON,
        ),
        adopt=True,
    )
    services.run_create(
        actor=admin,
        data=services.RunInput(
            cycle=CYCLE,
            label="Wat-als: zonder AMV-deel, methode Sainte-Laguë",
            needed_on=NEEDED_ON,
            total=96_000,
            amv_total=0,
            key=KeyKind.POPULATION,
            method=Method.SAINTE_LAGUE,
            is_example=True,
        ),
    )
    for name, places, amv, source in PUBLISHED:
        municipality = Municipality.objects.get(name=name)
        PublishedTask.objects.update_or_create(
            cycle=run.cycle, municipality=municipality, defaults={"places": places, "amv_places": amv, "source": source}
        )
    _asylum_examples(admin, rng)
    _kennemerland_plan(admin)
    _plan_locations(admin)


def _asylum_examples(admin: Any, rng: random.Random) -> None:
    """Example COA locations in the largest Noord-Holland municipalities, marked as examples."""
    largest = (
        MunicipalityYear.objects.filter(reference_year=2025, province__code="PV27")
        .exclude(municipality__code="GM0397")
        .order_by("-population")
        .select_related("municipality")[:HOSTING_EXAMPLES]
    )
    for index, year in enumerate(largest):
        places = rng.choice([80, 120, 150, 200, 250, 300, 400, 600])
        location_services.location_create(
            actor=admin,
            municipality=year.municipality,
            data=location_services.LocationInput(
                name=f"AZC {year.municipality.name} (voorbeeld)",
                target_group=TargetGroup.ASYLUM,
                address="voorbeeld",
                operator="COA",
                planned_until=date(2027 + (index * 3) % 9, 12, 31),
                is_example=True,
            ),
            status=LocationStatus.IN_USE,
            status_date=date(2023, 1, 1 + index),
            places=places,
        )
    zandvoort = Municipality.objects.get(name="Zandvoort")
    location_services.location_create(
        actor=admin,
        municipality=zandvoort,
        data=location_services.LocationInput(
            name="Kleinschalige opvang Zandvoort (voorbeeld)",
            target_group=TargetGroup.ASYLUM,
            address="voorbeeld",
            operator="COA",
            expected_in_use=date(2025, 9, 1),
            planned_until=date(2035, 9, 1),
            is_example=True,
        ),
        status=LocationStatus.DECIDED,
        status_date=date(2024, 10, 1),
        places=25,
    )


# Locations of the Kennemerland plan in preparation, with their expected dates (examples):
# name, municipality, target group, decided on, places, expected permit, expected in use, planned until
PLAN_LOCATIONS = (
    (
        "AZC Hoofddorp (voorbeeld)",
        "Haarlemmermeer",
        TargetGroup.ASYLUM,
        date(2025, 10, 1),
        300,
        date(2026, 3, 1),
        date(2027, 4, 1),
        date(2037, 3, 31),
    ),
    (
        "Kleinschalige AMV-opvang Haarlem (voorbeeld)",
        "Haarlem",
        TargetGroup.AMV,
        date(2025, 9, 15),
        24,
        date(2026, 1, 15),
        date(2026, 9, 1),
        None,
    ),
)


def _plan_locations(admin: Any) -> None:
    """The plan's locations that are decided but not yet in use: their expected permit and in-use dates and
    their places from the expected in-use date, so the forward look and the agenda have them."""
    for name, town, group, decided, places, permit, in_use, until in PLAN_LOCATIONS:
        location = location_services.location_create(
            actor=admin,
            municipality=Municipality.objects.get(name=town),
            data=location_services.LocationInput(
                name=name, target_group=group, address="voorbeeld", operator="COA", planned_until=until, is_example=True
            ),
            status=LocationStatus.DECIDED,
            status_date=decided,
        )
        for status, day in ((LocationStatus.PERMIT, permit), (LocationStatus.IN_USE, in_use)):
            location_services.expected_transition_set(actor=admin, location=location, status=status, expected_date=day)
        location_services.location_capacity_set(
            actor=admin, location=location, places=places, effective_date=in_use, reason="voorbeeld"
        )


def _kennemerland_plan(admin: Any) -> None:
    region = Region.objects.get(name="Kennemerland")
    plan = services.plan_create(
        actor=admin,
        region=region,
        cycle=CYCLE,
        target_places=2_100,
        ratios={"asylum": "1", "amv": "1", "ukrainian": "1", "status_holder": "1"},
        min_location_size={"asylum": 50, "amv": 12},
        description="Regioplan Kennemerland (VNHG, december 2023): 2.100 opvangplekken; iedere gemeente stelt "
        "minstens twee locaties voor aan het COA; uitwisseling van opgaven voor Oekraïners, asielzoekers en "
        "statushouders is mogelijk. Bijdragen per gemeente zijn een voorbeeld.",
        is_example=True,
    )
    members = list(region.members.all())
    population = {
        y.municipality: y.population
        for y in MunicipalityYear.objects.filter(reference_year=2025, municipality__in=members)
    }
    shares = apportion(population, plan.target_places, Method.HAMILTON)
    for municipality, places in shares.items():
        services.contribution_set(
            actor=admin, plan=plan, municipality=municipality, target_group=TargetGroup.ASYLUM, places=places
        )
    by_name = {m.name: m for m in members}
    for description, lines in (
        (
            "Haarlem neemt 40 asielplekken over van Zandvoort; Zandvoort neemt 40 Oekraïense plekken van Haarlem "
            "(voorbeeld)",
            [
                ("Haarlem", "asylum", 40),
                ("Zandvoort", "asylum", -40),
                ("Zandvoort", "ukrainian", 40),
                ("Haarlem", "ukrainian", -40),
            ],
        ),
        (
            "Haarlemmermeer neemt 30 asielplekken over van Beverwijk, Beverwijk huisvest 30 statushouders meer "
            "(voorbeeld)",
            [
                ("Haarlemmermeer", "asylum", 30),
                ("Beverwijk", "asylum", -30),
                ("Beverwijk", "status_holder", 30),
                ("Haarlemmermeer", "status_holder", -30),
            ],
        ),
    ):
        services.exchange_record(
            actor=admin,
            plan=plan,
            agreed_on=date(2024, 9, 15),
            description=description,
            lines=[services.ExchangeInput(by_name[name], TargetGroup(group), delta) for name, group, delta in lines],
            is_example=True,
        )
