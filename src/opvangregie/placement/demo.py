"""Heemstede's Ukrainian households in the demo: fictional people matching the council letter's counts.

The letter of 11 November 2025 gives two dates. On 1 October 2025: 127 persons, 15 in private and 112
in municipal reception; 14 households receive leefgeld (3 private, 11 municipal), 3 of them of pension
age; 47 households pay the own contribution. On 1 November 2025: 115 persons in the municipal
locations. The demo reconciles them: on 27 October the family at the Glipperweg (3 persons) moved to
the Kerklaan before demolition, a single man arrived at the Kerklaan on 15 October and a couple at the
Herenweg on 20 October (112 − 3 + 3 + 1 + 2 = 115). Two rooms were freed in September by households that
left. Every household, member and income below is fictional (reference numbers only, no names).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from opvangregie.areas.models import Municipality
from opvangregie.core.contribution import ReceptionType
from opvangregie.core.placement import model as core_placement
from opvangregie.core.reception_duty import StepKind
from opvangregie.core.rooms import SharingRule
from opvangregie.core.target_groups import TargetGroup
from opvangregie.households import services
from opvangregie.households.models import (
    ContributionRate,
    IncomeSource,
    LeefgeldBand,
    LeefgeldScale,
    Outcome,
    ReimbursementRate,
)
from opvangregie.households.published_rates import published_rates_load
from opvangregie.locations import services as location_services
from opvangregie.locations.models import Location, Room

OCTOBER, NOVEMBER = date(2025, 10, 1), date(2025, 11, 1)

# Room layouts (beds, shared by single adults of the same sex) per location; together 169 places.
ROOMS: dict[str, list[tuple[int, bool]]] = {
    "Kerklaan": [(4, True), (4, True)] + [(2, False)] * 3 + [(4, False)] * 7 + [(3, False)] * 6 + [(5, False)] * 2,
    "Herenweg": [(6, True), (4, True)] + [(2, True)] * 5 + [(5, False)] * 5 + [(6, False)],
    "Ringvaartlaan": [(4, False)] * 4 + [(2, False)] * 2,
    "Lieven de Keylaan": [(4, False)] * 7,
    "Glipperweg": [(4, False)] * 3,
}


@dataclass(frozen=True, slots=True, eq=False)
class Resident:
    """A demo household: its room (by number), size, sex of a single adult, and when it came (or left)."""

    location: str
    room: int
    size: int
    sex: str = ""
    since: date = date(2024, 3, 1)
    left: date | None = None


def _residents() -> list[Resident]:
    """Households per room: occupants on 1 November 2025 fill every room; two rooms were free on 1 October."""
    residents: list[Resident] = []

    def add(location: str, rooms: range | list[int], size: int, **extra: Any) -> None:
        residents.extend(Resident(location, room, size, **extra) for room in rooms)

    # Kerklaan: 2 shared rooms of singles, 3 singles, 7 families of 3 and 8 couples.
    add("Kerklaan", [1] * 4, 1, sex="F")
    add("Kerklaan", [2] * 3, 1, sex="M")
    add("Kerklaan", [2], 1, sex="M", since=date(2025, 10, 15))
    add("Kerklaan", range(3, 6), 1)
    add("Kerklaan", range(6, 12), 3)
    add("Kerklaan", [12], 3, since=date(2023, 5, 1), left=date(2025, 9, 15))
    add("Kerklaan", range(13, 21), 2)
    # Herenweg: 2 shared rooms, 5 singles, 5 couples, and a couple arriving in October.
    add("Herenweg", [1] * 6, 1, sex="M")
    add("Herenweg", [2] * 4, 1, sex="F")
    add("Herenweg", range(3, 8), 1)
    add("Herenweg", range(8, 13), 2)
    add("Herenweg", [13], 2, since=date(2024, 1, 10), left=date(2025, 9, 20))
    add("Herenweg", [13], 2, since=date(2025, 10, 20))
    add("Ringvaartlaan", range(1, 5), 4)
    add("Ringvaartlaan", range(5, 7), 2)
    add("Lieven de Keylaan", [1], 4)
    add("Lieven de Keylaan", range(2, 6), 3)
    add("Lieven de Keylaan", range(6, 8), 2)
    add("Glipperweg", [1], 3)  # moves to Kerklaan room 12 on 27 October
    return residents


PRIVATE_SINCE = date(2022, 4, 15)
PRIVATE_SIZES = [4, 3, 3, 2, 2, 1]
PRIVATE_LEEFGELD = {0, 3, 5}  # indexes of private households without income
MUNICIPAL_LEEFGELD = 11
PENSION_AGE_BIRTH_YEARS = [1951, 1955, 1957]


def _floor(number: int) -> int:
    return 0 if number <= 4 else 1 + (number - 5) // 8


def _accessible(number: int) -> bool:
    return number in (1, 3, 5)


def rooms_create(actor: Any, location: Location) -> None:
    """The demo room layout of one of Heemstede's locations."""
    for number, (beds, shared) in enumerate(ROOMS[location.name], start=1):
        location_services.room_add(
            actor=actor,
            location=location,
            name=f"{number:03d}",
            beds=beds,
            floor=_floor(number),
            accessible=_accessible(number),
            sharing_rule=SharingRule.SAME_SEX if shared else SharingRule.NONE,
        )


def layout_on(day: date, rng: random.Random) -> list[core_placement.Room]:
    """The demo's rooms in use with their residents on ``day``, without a database (for the benchmark).

    Single adults whose sex the demo draws at random get one from ``rng``.
    """
    moved = date(2025, 10, 27)
    present: dict[tuple[str, int], list[core_placement.Household]] = {}
    for index, resident in enumerate(_residents()):
        if resident.since > day or (resident.left is not None and resident.left <= day):
            continue
        where = (
            ("Kerklaan", 12)
            if resident.location == "Glipperweg" and day >= moved
            else (resident.location, resident.room)
        )
        sex = (resident.sex or rng.choice("FM")) if resident.size == 1 else ""
        household = core_placement.Household(f"R{index + 1:03d}", resident.size, 1 if resident.size == 1 else 2, sex)
        present.setdefault(where, []).append(household)
    in_use = [name for name in ROOMS if name != "Glipperweg" or day < moved]
    return [
        core_placement.Room(
            key=f"{name} {number:03d}",
            beds=beds,
            location=name,
            floor=_floor(number),
            accessible=_accessible(number),
            sharing=SharingRule.SAME_SEX if shared else SharingRule.NONE,
            residents=tuple(present.get((name, number), ())),
        )
        for name in in_use
        for number, (beds, shared) in enumerate(ROOMS[name], start=1)
    ]


def _members(
    size: int, sex: str, earning: bool, rng: random.Random, *, pension_year: int | None, registered: date
) -> list[services.MemberInput]:
    adults = 1 if size == 1 else (2 if size in (2, 4) and rng.random() < 0.7 else 1)
    members = []
    for index in range(size):
        if index < adults:
            year = pension_year if index == 0 and pension_year else rng.randint(1962, 2002)
            income = Decimal(rng.randrange(1200, 2600, 25)) if earning and index == 0 else Decimal(0)
            if earning and index == 1 and rng.random() < 0.4:
                income = Decimal(rng.randrange(600, 1400, 25))
            members.append(
                services.MemberInput(
                    year_of_birth=year,
                    sex=sex or rng.choice("FM"),
                    income=income,
                    income_source=IncomeSource.PENSION if pension_year and income else IncomeSource.WORK,
                    income_from=date(2025, 1, 1),
                )
            )
        else:
            members.append(services.MemberInput(year_of_birth=rng.randint(2009, registered.year), sex=rng.choice("FM")))
    return members


def load_placement_demo(admin: Any, rng: random.Random) -> None:
    """Heemstede's households, stays, incomes and two open requests with escalations (all fictional)."""
    published_rates_load(LeefgeldScale, LeefgeldBand, ContributionRate, ReimbursementRate)
    heemstede = Municipality.objects.get(code="GM0397")
    locations = {location.name: location for location in Location.objects.filter(municipality=heemstede)}
    rooms = {
        (room.location.name, int(room.name)): room for room in Room.objects.filter(location__municipality=heemstede)
    }
    residents = _residents()
    present_on_october = [r for r in residents if r.since <= OCTOBER and (r.left is None or r.left > OCTOBER)]
    leefgeld = set(rng.sample(range(len(present_on_october)), MUNICIPAL_LEEFGELD))
    pension = dict(zip(sorted(leefgeld)[:2], PENSION_AGE_BIRTH_YEARS, strict=False))
    glipperweg = None
    for index, resident in enumerate(residents):
        in_october = resident in present_on_october
        position = present_on_october.index(resident) if in_october else -1
        earning = position not in leefgeld
        household = services.household_create(
            actor=admin,
            municipality=heemstede,
            data=services.HouseholdInput(
                members=_members(
                    resident.size,
                    resident.sex,
                    earning,
                    rng,
                    pension_year=pension.get(position),
                    registered=resident.since,
                ),
                registered_on=resident.since,
                reference=f"OEK-{resident.since.year}-{index + 1:04d}",
                is_example=True,
                placement=services.Placement(
                    ReceptionType.MUNICIPAL, locations[resident.location], rooms[(resident.location, resident.room)]
                ),
            ),
        )
        if resident.left:
            services.household_leave(actor=admin, household=household, on=resident.left)
        if resident.location == "Glipperweg":
            glipperweg = household
    assert glipperweg is not None
    services.household_move(
        actor=admin,
        household=glipperweg,
        to=services.Placement(ReceptionType.MUNICIPAL, locations["Kerklaan"], rooms[("Kerklaan", 12)]),
        on=date(2025, 10, 27),
    )
    for index, size in enumerate(PRIVATE_SIZES):
        without_income = index in PRIVATE_LEEFGELD
        services.household_create(
            actor=admin,
            municipality=heemstede,
            data=services.HouseholdInput(
                members=_members(
                    size,
                    "",
                    not without_income,
                    rng,
                    pension_year=PENSION_AGE_BIRTH_YEARS[2] if index == 5 else None,
                    registered=PRIVATE_SINCE,
                ),
                registered_on=PRIVATE_SINCE,
                reference=f"OEK-2022-P{index + 1:03d}",
                is_example=True,
                placement=services.Placement(ReceptionType.PRIVATE),
            ),
        )
    _waiting_list(admin, heemstede)
    _snapshots_from_stays(admin, heemstede)
    services.households_anonymise()


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 11, day, hour, minute, tzinfo=UTC)


def _waiting_list(admin: Any, heemstede: Municipality) -> None:
    """Two open requests: a family with a hotel offer in time, a single woman still without an offer."""
    family = services.household_create(
        actor=admin,
        municipality=heemstede,
        data=services.HouseholdInput(
            members=[
                services.MemberInput(1988, "F"),
                services.MemberInput(1986, "M"),
                services.MemberInput(2014, "F"),
                services.MemberInput(2019, "M"),
            ],
            registered_on=date(2025, 11, 3),
            reference="OEK-2025-W001",
            is_example=True,
        ),
    )
    single = services.household_create(
        actor=admin,
        municipality=heemstede,
        data=services.HouseholdInput(
            members=[services.MemberInput(1979, "F")],
            registered_on=date(2025, 11, 7),
            reference="OEK-2025-W002",
            needs_ground_floor=True,
            is_example=True,
        ),
    )
    first = services.request_create(
        actor=admin, household=family, received_at=_at(3, 9, 15), note="Aanmelding aan de balie"
    )
    for kind, when, outcome, note in [
        (StepKind.ESCALATED_RCVS, _at(3, 10), Outcome.NO_PLACE, "Regionaal geen plek beschikbaar."),
        (StepKind.ESCALATED_LCVS, _at(4, 8, 30), Outcome.NO_PLACE, "Landelijk geen plek beschikbaar."),
        (StepKind.OFFER_HOTEL, _at(5, 15), Outcome.PENDING, "Hotelopvang met financiering via de rijksoverheid."),
    ]:
        services.request_step_add(actor=admin, request=first, kind=kind, at=when, outcome=outcome, note=note)
    second = services.request_create(actor=admin, household=single, received_at=_at(7, 13), note="Via het RCVS gemeld")
    for kind, when, outcome, note in [
        (StepKind.ESCALATED_RCVS, _at(7, 14), Outcome.NO_PLACE, "Regionaal geen plek beschikbaar."),
        (StepKind.ESCALATED_LCVS, _at(8, 9), Outcome.NO_PLACE, "Landelijk geen plek beschikbaar."),
    ]:
        services.request_step_add(actor=admin, request=second, kind=kind, at=when, outcome=outcome, note=note)


def _snapshots_from_stays(admin: Any, heemstede: Municipality) -> None:
    """The counted households on 1 October and 1 November follow from the stays (persons already match)."""
    from opvangregie.households.selectors import stay_counts

    ukrainian = Location.objects.filter(municipality=heemstede, target_group=TargetGroup.UKRAINIAN)
    for location in ukrainian.filter(snapshots__date__in=[OCTOBER, NOVEMBER]).distinct():
        for snapshot in location.snapshots.filter(date__in=[OCTOBER, NOVEMBER]):
            persons, households = stay_counts(location, snapshot.date)
            if persons != snapshot.persons:
                raise AssertionError(f"{location.name} {snapshot.date}: {persons} in stays, {snapshot.persons} counted")
            location_services.occupancy_record(
                actor=admin,
                location=location,
                data=location_services.OccupancyInput(
                    on=snapshot.date,
                    persons=persons,
                    households=households,
                    usable_free_places=snapshot.usable_free_places,
                    note=snapshot.note,
                ),
            )
