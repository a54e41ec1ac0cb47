"""The demo data set: Heemstede as in its council letter of 11 November 2025, and example data.

Heemstede's Ukrainian locations, target, AMV location, Princehof and sounding-board meetings come
from the raadsinformatiebericht of 11 November 2025 (status 1 November 2025). Dates of first use,
room layouts and the other Kennemerland municipalities are examples, marked "voorbeeld" in the UI.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from opvangregie.agreements.demo import load_agreements_demo
from opvangregie.areas.models import Municipality, MunicipalityYear, Province
from opvangregie.areas.services import reference_data_load, region_define
from opvangregie.communication.demo import load_communication_demo
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.target_groups import TargetGroup
from opvangregie.demo_positions import place_demo_locations
from opvangregie.distribution.demo import load_distribution_demo
from opvangregie.locations import services
from opvangregie.locations.models import EventKind, Location
from opvangregie.organisations.models import Membership, Organisation, OrganisationKind, Role
from opvangregie.placement.demo import load_placement_demo, rooms_create
from opvangregie.quotas.demo import load_quota_demo
from opvangregie.reports.demo import load_letter_demo
from opvangregie.sites.demo import load_sites_demo
from opvangregie.support.demo import load_support_demo

PEILDATUM = date(2025, 11, 1)
LETTER = "Raadsinformatiebericht Heemstede, 11 november 2025 (stand 1 november 2025)"
KENNEMERLAND = [
    "Beverwijk",
    "Bloemendaal",
    "Haarlem",
    "Haarlemmermeer",
    "Heemskerk",
    "Heemstede",
    "Uitgeest",
    "Velsen",
    "Zandvoort",
]


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    password: str
    description: str


DEMO_USERS = [
    DemoUser("heemstede", "heemstede-demo-2025", "beleidsmedewerker Heemstede (bewerker)"),
    DemoUser("raadslid", "raadslid-demo-2025", "raadslid Heemstede (alleen lezen)"),
    DemoUser("haarlem", "haarlem-demo-2025", "beleidsmedewerker Haarlem (bewerker)"),
    DemoUser("kennemerland", "kennemerland-demo-2025", "regiocoördinator Kennemerland (bewerker regioplan)"),
    DemoUser("noordholland", "noordholland-demo-2025", "toezichthouder provincie Noord-Holland (lezen)"),
    DemoUser("coa", "coa-demo-2025", "COA-contactpersoon (bewerker asiel en AMV)"),
    DemoUser("rijk", "rijk-demo-2025", "landelijk (alles lezen)"),
    DemoUser("beheerder", "beheerder-demo-2025", "beheerder (alles)"),
]

# name, address, places, persons on 1 Nov 2025 (Heemstede council letter), example first-use date
HEEMSTEDE_UKRAINIAN = [
    ("Kerklaan", "Kerklaan 61", 70, 48, date(2022, 5, 1)),
    ("Ringvaartlaan", "Ringvaartlaan", 20, 20, date(2022, 6, 1)),
    ("Lieven de Keylaan", "Lieven de Keylaan", 28, 20, date(2023, 3, 1)),
    ("Herenweg", "Herenweg", 51, 27, date(2023, 9, 1)),
]


def _user(spec: DemoUser, **extra: Any) -> Any:
    model = get_user_model()
    user = model.objects.filter(username=spec.username).first() or model(username=spec.username)
    user.set_password(spec.password)
    user.first_name = spec.description
    for key, value in extra.items():
        setattr(user, key, value)
    user.save()
    return user


def _member(user: Any, organisation: Organisation, role: Role) -> None:
    Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})


def _in_use(
    actor: Any,
    municipality: Municipality,
    name: str,
    group: TargetGroup,
    *,
    address: str,
    places: int,
    since: date,
    example: bool,
    operator: str = "",
    notes: str = "",
) -> Location:
    return services.location_create(
        actor=actor,
        municipality=municipality,
        data=services.LocationInput(
            name=name, target_group=group, address=address, operator=operator, notes=notes, is_example=example
        ),
        status=LocationStatus.IN_USE,
        status_date=since,
        places=places,
    )


def _count(actor: Any, location: Location, on: date, persons: int, *, free: int | None = 0, note: str = "") -> None:
    households = max(1, round(persons / 2.4)) if persons else 0
    services.occupancy_record(
        actor=actor,
        location=location,
        data=services.OccupancyInput(on=on, persons=persons, households=households, usable_free_places=free, note=note),
    )


def _heemstede(admin: Any, rng: random.Random) -> None:
    heemstede = Municipality.objects.get(code="GM0397")
    services.target_set(
        actor=admin,
        municipality=heemstede,
        target_group=TargetGroup.UKRAINIAN,
        places=164,
        valid_from=date(2025, 1, 1),
        source=LETTER,
    )
    october = [44, 20, 20, 25]  # example split of the 112 persons in municipal reception on 1 Oct 2025
    for (name, address, places, persons, since), before in zip(HEEMSTEDE_UKRAINIAN, october, strict=True):
        location = _in_use(
            admin,
            heemstede,
            name,
            TargetGroup.UKRAINIAN,
            address=address,
            places=places,
            since=since,
            example=False,
            operator="Gemeente Heemstede",
        )
        rooms_create(admin, location)
        _count(admin, location, date(2025, 10, 1), before, free=None, note="voorbeeld: verdeling over locaties")
        _count(admin, location, PEILDATUM, persons, free=0, note=LETTER)
    glipperweg = _in_use(
        admin,
        heemstede,
        "Glipperweg",
        TargetGroup.UKRAINIAN,
        address="Glipperweg 55-57",
        places=12,
        since=date(2022, 4, 1),
        example=False,
        operator="Gemeente Heemstede",
        notes="Aantal plekken vóór de sloop is een voorbeeld.",
    )
    rooms_create(admin, glipperweg)
    _count(admin, glipperweg, date(2025, 10, 1), 3, free=None, note="voorbeeld")
    services.location_status_change(
        actor=admin,
        location=glipperweg,
        status=LocationStatus.OUT_OF_USE,
        effective_date=date(2025, 10, 27),
        reason="sloop",
    )

    dreef = _in_use(
        admin,
        heemstede,
        "Heemsteedse Dreef",
        TargetGroup.AMV,
        address="Heemsteedse Dreef",
        places=16,
        since=date(2024, 6, 1),
        example=False,
        operator="COA",
        notes="13 kinderen van 13-14 jaar; de leeftijdsgroep wordt verbreed naar 15 jaar. "
        "Evaluatie van uitbreiding van 16 naar 20 plekken uitgesteld tot juli 2026.",
    )
    _count(admin, dreef, PEILDATUM, 13, free=None, note=LETTER)
    services.event_add(
        actor=admin,
        location=dreef,
        kind=EventKind.EVALUATION,
        on=date(2026, 7, 1),
        title="Evaluatie uitbreiding van 16 naar 20 plekken",
        description="Uitgesteld tot juli 2026 (raadsinformatiebericht 11 november 2025).",
    )

    _in_use(  # the letter's "doorstroomlocatie aan de Glipperweg" for status holders; places and dates are examples
        admin,
        heemstede,
        "Doorstroomlocatie Glipperweg",
        TargetGroup.STATUS_HOLDER,
        address="Glipperweg 61",
        places=4,
        since=date(2025, 1, 1),
        example=True,
        operator="Gemeente Heemstede",
        notes="Doorstroomlocatie voor statushouders; huisnummer, plekken en ingangsdatum zijn een voorbeeld.",
    )

    princehof = services.location_create(
        actor=admin,
        municipality=heemstede,
        data=services.LocationInput(
            name="Princehof",
            target_group=TargetGroup.UKRAINIAN,
            address="Glipperweg 55-57",
            follow_up_after_years=5,
            operator="Gemeente Heemstede",
            notes="Nieuwbouw op de plek van de Glipperweg (sloop vanaf 27 oktober 2025). De eerste vijf jaar "
            "voor Oekraïense ontheemden, daarna voor een andere doelgroep.",
        ),
        status=LocationStatus.DECIDED,
        status_date=date(2025, 9, 1),
    )
    for kind, on, title, description in [
        (EventKind.OTHER, date(2025, 10, 27), "Start sloop Glipperweg", "Sloop van de bestaande bebouwing."),
        (
            EventKind.PERMIT_APPLIED,
            date(2025, 11, 11),
            "Omgevingsvergunning aangevraagd",
            "Gemeld in het raadsinformatiebericht; onherroepelijk in februari 2026 als binnen zes weken na "
            "verlening geen bezwaar is gemaakt.",
        ),
        (EventKind.LETTER, date(2025, 11, 11), "Raadsinformatiebericht opvang", LETTER),
    ]:
        services.event_add(actor=admin, location=princehof, kind=kind, on=on, title=title, description=description)
    services.expected_transition_set(
        actor=admin,
        location=princehof,
        status=LocationStatus.PERMIT,
        expected_date=date(2025, 12, 15),
        note="besluit op de omgevingsvergunning",
    )
    services.expected_transition_set(
        actor=admin, location=princehof, status=LocationStatus.IN_USE, expected_date=date(2027, 6, 1)
    )
    services.location_capacity_set(
        actor=admin,
        location=princehof,
        places=48,
        effective_date=date(2027, 6, 1),
        reason="voorbeeld: het raadsinformatiebericht noemt geen aantal plekken",
    )


def _kennemerland_examples(admin: Any, rng: random.Random) -> None:
    """Example Ukrainian locations for the other Kennemerland municipalities (marked as examples)."""
    years = {y.municipality_id: y.population for y in MunicipalityYear.objects.filter(reference_year=2025)}
    for municipality in Municipality.objects.filter(name__in=KENNEMERLAND).exclude(code="GM0397"):
        target = round(years[municipality.pk] * 164 / 27_593)
        services.target_set(
            actor=admin,
            municipality=municipality,
            target_group=TargetGroup.UKRAINIAN,
            places=target,
            valid_from=date(2025, 1, 1),
            source="voorbeeld",
            is_example=True,
        )
        left = target + rng.randint(-target // 5, target // 6)
        for number in range(1, 1 + max(1, min(4, target // 60))):
            places = left if number == max(1, min(4, target // 60)) else rng.randint(15, max(16, left // 2))
            left -= places
            if places <= 0:
                break
            location = _in_use(
                admin,
                municipality,
                f"Voorbeeldlocatie {number}",
                TargetGroup.UKRAINIAN,
                address="voorbeeld",
                places=places,
                since=date(2022, 4, 1),
                example=True,
            )
            persons = rng.randint(int(places * 0.6), places)
            _count(admin, location, date(2025, 10, 1), max(0, persons - rng.randint(0, 5)), free=None, note="voorbeeld")
            _count(admin, location, PEILDATUM, persons, free=rng.randint(0, places - persons), note="voorbeeld")


@transaction.atomic
def load_demo(*, seed: int = 2025) -> list[DemoUser]:
    """Build the demo data set from scratch (the database must hold no locations yet)."""
    rng = random.Random(seed)
    reference_data_load(year=2025)
    admin = _user(DEMO_USERS[-1], is_staff=True, is_superuser=True)
    codes = list(Municipality.objects.filter(name__in=KENNEMERLAND).values_list("code", flat=True))
    region = region_define(
        actor=admin,
        name="Kennemerland",
        municipality_codes=codes,
        description="Samenwerkingsverband van de 9 gemeenten van veiligheidsregio Kennemerland.",
    )
    organisations = {
        "heemstede": Organisation.objects.get_or_create(
            name="Gemeente Heemstede",
            kind=OrganisationKind.MUNICIPALITY,
            municipality=Municipality.objects.get(code="GM0397"),
        )[0],
        "haarlem": Organisation.objects.get_or_create(
            name="Gemeente Haarlem",
            kind=OrganisationKind.MUNICIPALITY,
            municipality=Municipality.objects.get(name="Haarlem"),
        )[0],
        "kennemerland": Organisation.objects.get_or_create(
            name="Regio Kennemerland", kind=OrganisationKind.REGION, region=region
        )[0],
        "noordholland": Organisation.objects.get_or_create(
            name="Provincie Noord-Holland", kind=OrganisationKind.PROVINCE, province=Province.objects.get(code="PV27")
        )[0],
        "coa": Organisation.objects.get_or_create(name="COA", kind=OrganisationKind.COA)[0],
        "rijk": Organisation.objects.get_or_create(name="Rijk (landelijk)", kind=OrganisationKind.NATIONAL)[0],
    }
    roles = {
        "heemstede": ("heemstede", Role.EDITOR),
        "raadslid": ("heemstede", Role.VIEWER),
        "haarlem": ("haarlem", Role.EDITOR),
        "kennemerland": ("kennemerland", Role.EDITOR),
        "noordholland": ("noordholland", Role.VIEWER),
        "coa": ("coa", Role.EDITOR),
        "rijk": ("rijk", Role.VIEWER),
    }
    for spec in DEMO_USERS[:-1]:
        organisation, role = roles[spec.username]
        _member(_user(spec), organisations[organisation], role)
    if not Location.objects.exists():
        _heemstede(admin, rng)
        _kennemerland_examples(admin, rng)
        load_quota_demo(admin, rng)
        load_distribution_demo(admin, rng)
        load_placement_demo(admin, random.Random(seed + 1))
        load_sites_demo(admin)
        place_demo_locations(admin)
        load_agreements_demo(admin)
        load_communication_demo(admin)
        load_letter_demo(admin)
        load_support_demo(admin)
    return DEMO_USERS
