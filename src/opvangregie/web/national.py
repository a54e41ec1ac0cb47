"""A national-scale data set for benchmarks and evaluation: ``opvangregie generate_national --seed N``.

Fictional data in realistic proportions, seeded so that one seed always gives the same set. At scale 1:
3,000 locations over every municipality of the 2025 division (by population, at least one each), with
their lifecycle and capacity history, rooms for the municipal locations, monthly counts from January 2024 to
November 2025, Ukrainian households with members, incomes, stays and reception requests with their
steps, and status-holder realisations per half-year. Everything is written in bulk with its history rows
(django-simple-history), attributed to the acting user and the reason ``generate_national``.

Names and references start with :data:`PREFIX`, locations are marked as example data, and the generator
refuses to run twice on one database (the second set would double every figure).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from shapely.geometry import Point
from shapely.prepared import prep

from opvangregie.areas.boundaries import municipality_boundaries
from opvangregie.areas.models import Municipality, MunicipalityYear
from opvangregie.areas.services import reference_data_load
from opvangregie.audit import audited_bulk_save
from opvangregie.core.constraints import rd_from_wgs84
from opvangregie.core.errors import ValidationError
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.reception_duty import StepKind
from opvangregie.core.rooms import SharingRule
from opvangregie.core.target_groups import TargetGroup
from opvangregie.households import month_counts
from opvangregie.households.models import (
    Household,
    Income,
    IncomeSource,
    Member,
    Outcome,
    ReceptionRequest,
    RequestStatus,
    RequestStep,
    Stay,
)
from opvangregie.locations.models import CapacityChange, Location, OccupancySnapshot, Room, StatusChange
from opvangregie.placement import usable_kept
from opvangregie.quotas.models import Realisation

PREFIX = "NL-"
REASON = "generate_national"
YEAR = 2025
ON = date(2025, 11, 1)
FIRST_COUNT = date(2024, 1, 1)
FIRST_RECEPTION = date(2022, 3, 15)  # the first Ukrainian displaced persons were received in March 2022

# Shares of the locations by target group and by current status (the register's proportions).
TARGET_GROUPS = {
    TargetGroup.UKRAINIAN: 0.70,
    TargetGroup.ASYLUM: 0.12,
    TargetGroup.STATUS_HOLDER: 0.08,
    TargetGroup.AMV: 0.06,
    TargetGroup.EMERGENCY: 0.04,
}
STATUSES = {
    LocationStatus.IN_USE: 0.78,
    LocationStatus.OUT_OF_USE: 0.07,
    LocationStatus.CLOSED: 0.03,
    LocationStatus.PLANNED: 0.04,
    LocationStatus.DECIDED: 0.03,
    LocationStatus.PERMIT: 0.03,
    LocationStatus.UNDER_CONSTRUCTION: 0.02,
}
PIPELINE = [
    LocationStatus.PLANNED,
    LocationStatus.DECIDED,
    LocationStatus.PERMIT,
    LocationStatus.UNDER_CONSTRUCTION,
]
PLACES = {  # range of places per location by target group
    TargetGroup.UKRAINIAN: (12, 140),
    TargetGroup.ASYLUM: (60, 600),
    TargetGroup.STATUS_HOLDER: (12, 80),
    TargetGroup.AMV: (8, 50),
    TargetGroup.EMERGENCY: (20, 200),
}
MUNICIPAL = {TargetGroup.UKRAINIAN, TargetGroup.STATUS_HOLDER, TargetGroup.AMV}  # rooms are kept for these
ROOM_BEDS = [1, 1, 2, 2, 2, 3, 3, 4, 5]  # 2.6 beds per room on average
OCCUPIED_ROOMS = 0.5  # share of a Ukrainian location's rooms with a generated household
HOUSEHOLD_SIZES = [1] * 48 + [2] * 24 + [3] * 15 + [4] * 9 + [5] * 3 + [6] * 1  # 1.9 persons on average
PRIVATE_SHARE = 0.12  # households in private reception
LEFT_SHARE = 0.15  # households that have left again
WAITING_SHARE = 0.03  # households still on the waiting list
REALISATION_HOUSEHOLD = [1] * 45 + [2] * 20 + [3] * 15 + [4] * 12 + [5] * 8
REALISATIONS_PER_100K_PER_HALF_YEAR = 25


@dataclass(frozen=True, slots=True)
class Scale:
    """How much to generate; ``factor`` 1 is the national set, smaller factors give a smaller country."""

    factor: float = 1.0

    @property
    def locations(self) -> int:
        return max(1, round(3_000 * self.factor))

    def realisations(self, population: int) -> int:
        return round(REALISATIONS_PER_100K_PER_HALF_YEAR * population / 100_000 * self.factor)


@dataclass
class Generated:
    """Rows written per model (history rows not counted)."""

    rows: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, number: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + number


def _weighted(rng: random.Random, shares: dict[Any, float]) -> Any:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _months(start: date, end: date) -> Iterator[date]:
    month = date(start.year, start.month, 1)
    if month < start:
        month = _next_month(month)
    while month <= end:
        yield month
        month = _next_month(month)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def locations_per_municipality(populations: dict[Municipality, int], total: int) -> dict[Municipality, int]:
    """``total`` locations over the municipalities by population (largest remainders), at least one each when
    there are enough; fewer than there are municipalities go to the most populous ones."""
    if total < len(populations):
        largest = sorted(populations, key=lambda m: (-populations[m], m.code))[:total]
        return dict.fromkeys(largest, 1)
    spare = total - len(populations)
    people = sum(populations.values())
    exact = {m: spare * p / people for m, p in populations.items()}
    numbers = {m: 1 + int(share) for m, share in exact.items()}
    by_remainder = sorted(exact, key=lambda m: (int(exact[m]) - exact[m], m.code))
    for municipality in by_remainder[: total - sum(numbers.values())]:
        numbers[municipality] += 1
    return numbers


class _Positions:
    """A random point inside each municipality's boundary, in RD New (the map needs a position)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.areas = {shape.key: shape.geometry for shape in municipality_boundaries().shapes}
        self.prepared = {key: prep(area) for key, area in self.areas.items()}

    def inside(self, code: str) -> tuple[Decimal, Decimal] | tuple[None, None]:
        area = self.areas.get(code)
        if area is None:
            return None, None
        min_x, min_y, max_x, max_y = area.bounds
        point = area.representative_point()
        for _ in range(50):
            candidate = Point(self.rng.uniform(min_x, max_x), self.rng.uniform(min_y, max_y))
            if self.prepared[code].contains(candidate):
                point = candidate
                break
        rd = rd_from_wgs84(point.x, point.y)
        return Decimal(f"{rd.x:.2f}"), Decimal(f"{rd.y:.2f}")


@dataclass
class _Batch:
    """Rows waiting to be written, per model in the order they must be written."""

    rows: dict[type[models.Model], list[Any]] = field(default_factory=dict)

    def add(self, instance: models.Model) -> None:
        self.rows.setdefault(type(instance), []).append(instance)

    def extend(self, instances: Sequence[models.Model]) -> None:
        for instance in instances:
            self.add(instance)

    def write(self, model: type[models.Model], *, actor: Any, generated: Generated) -> None:
        instances = self.rows.pop(model, [])
        for start in range(0, len(instances), 5_000):
            audited_bulk_save(instances[start : start + 5_000], [], fields=[], actor=actor, reason=REASON)
        generated.add(model.__name__, len(instances))


def _ensure_pks(instances: Sequence[models.Model]) -> None:
    """Bulk inserts set primary keys on PostgreSQL and SQLite; the rows that follow refer to them."""
    if instances and instances[0].pk is None:
        raise RuntimeError("the database did not return primary keys for a bulk insert")


class NationalGenerator:
    """Writes the national data set; :meth:`run` does it in one transaction."""

    def __init__(self, *, seed: int, scale: Scale, actor: Any) -> None:
        self.rng = random.Random(seed)
        self.scale = scale
        self.actor = actor
        self.generated = Generated()

    def run(self) -> Generated:
        if not Municipality.objects.exists():
            reference_data_load(year=YEAR)
        if Location.objects.filter(name__startswith=PREFIX).exists():
            raise ValidationError("De landelijke proefgegevens staan al in deze database: ze worden niet verdubbeld.")
        with transaction.atomic():
            locations = self._locations()
            self._history(locations)
            rooms = self._rooms(locations)
            self._counts(locations)
            self._households(locations, rooms)
            self._realisations()
            month_counts.forget()  # bulk inserts send no signals
            usable_kept.forget()
        with connection.cursor() as cursor:  # fresh planner statistics: bulk inserts leave them stale
            cursor.execute("ANALYZE")
        return self.generated

    # Locations, their lifecycle and capacity -------------------------------------------------------------

    def _locations(self) -> list[Location]:
        years = MunicipalityYear.objects.filter(reference_year=YEAR).select_related("municipality")
        populations = {year.municipality: year.population for year in years}
        if not populations:
            raise ValidationError(f"De gemeentelijke indeling van {YEAR} ontbreekt: laad eerst de referentiegegevens.")
        positions = _Positions(self.rng)
        batch = _Batch()
        for municipality, number in sorted(
            locations_per_municipality(populations, self.scale.locations).items(), key=lambda item: item[0].code
        ):
            for index in range(1, number + 1):
                group = _weighted(self.rng, TARGET_GROUPS)
                rd_x, rd_y = positions.inside(municipality.code)
                batch.add(
                    Location(
                        municipality=municipality,
                        name=f"{PREFIX}{municipality.code}-{index:03d}",
                        address=f"Voorbeeldstraat {index}",
                        rd_x=rd_x,
                        rd_y=rd_y,
                        target_group=group.value,
                        operator="COA" if group is TargetGroup.ASYLUM else "",
                        status=_weighted(self.rng, STATUSES).value,
                        is_example=True,
                    )
                )
        locations = list(batch.rows[Location])
        batch.write(Location, actor=self.actor, generated=self.generated)
        _ensure_pks(locations)
        return locations

    def _history(self, locations: list[Location]) -> None:
        """Status changes up to the current status and the capacity (one change in five is a second one)."""
        batch = _Batch()
        self.first_use: dict[int, date] = {}
        self.last_use: dict[int, date] = {}
        self.places: dict[int, int] = {}
        for location in locations:
            status = LocationStatus(location.status)
            first = _between(self.rng, FIRST_RECEPTION, date(2025, 9, 1))
            if status in PIPELINE:
                steps = PIPELINE[: PIPELINE.index(status) + 1]
                day = _between(self.rng, date(2024, 9, 1), date(2025, 6, 1))
            else:
                steps = [LocationStatus.PLANNED, LocationStatus.DECIDED, LocationStatus.IN_USE]
                day = first - timedelta(days=self.rng.randint(120, 360))
            for step in steps:
                if step is LocationStatus.IN_USE:
                    day = first
                batch.add(StatusChange(location=location, status=step.value, effective_date=day))
                day += timedelta(days=self.rng.randint(30, 90))
            if status in (LocationStatus.OUT_OF_USE, LocationStatus.CLOSED):
                end = _between(self.rng, first + timedelta(days=90), ON)
                batch.add(StatusChange(location=location, status=LocationStatus.OUT_OF_USE.value, effective_date=end))
                if status is LocationStatus.CLOSED:
                    closed = end + timedelta(days=30)
                    batch.add(StatusChange(location=location, status=status.value, effective_date=closed))
                self.last_use[location.pk] = end - timedelta(days=1)
            low, high = PLACES[TargetGroup(location.target_group)]
            places = self.rng.randint(low, high)
            self.places[location.pk] = places
            start = first if status not in PIPELINE else day
            if status is not LocationStatus.PLANNED:
                batch.add(CapacityChange(location=location, effective_date=start, places=places, reason="besluit"))
                if self.rng.random() < 0.2 and status not in PIPELINE:
                    later = _between(self.rng, start + timedelta(days=60), ON)
                    grown = max(1, places + self.rng.randint(-places // 4, places // 4))
                    batch.add(
                        CapacityChange(location=location, effective_date=later, places=grown, reason="uitbreiding")
                    )
                    self.places[location.pk] = max(places, grown)
            if status not in PIPELINE:
                self.first_use[location.pk] = first
        batch.write(StatusChange, actor=self.actor, generated=self.generated)
        batch.write(CapacityChange, actor=self.actor, generated=self.generated)

    def _rooms(self, locations: list[Location]) -> dict[int, list[Room]]:
        """Rooms for the municipal locations built or in use: mostly of 2-4 beds, some shared by sex."""
        batch = _Batch()
        for location in locations:
            if TargetGroup(location.target_group) not in MUNICIPAL or location.status in (
                LocationStatus.PLANNED,
                LocationStatus.DECIDED,
                LocationStatus.PERMIT,
            ):
                continue
            beds_left, number = self.places[location.pk], 1
            while beds_left > 0:
                beds = min(beds_left, self.rng.choice(ROOM_BEDS))
                shared = beds >= 2 and self.rng.random() < 0.15
                batch.add(
                    Room(
                        location=location,
                        name=f"{number:03d}",
                        beds=beds,
                        floor=(number - 1) // 12,
                        accessible=self.rng.random() < 0.08,
                        sharing_rule=(SharingRule.SAME_SEX if shared else SharingRule.NONE).value,
                    )
                )
                beds_left -= beds
                number += 1
        rooms = list(batch.rows.get(Room, []))
        batch.write(Room, actor=self.actor, generated=self.generated)
        _ensure_pks(rooms)
        per_location: dict[int, list[Room]] = {}
        for room in rooms:
            per_location.setdefault(room.location_id, []).append(room)
        return per_location

    def _counts(self, locations: list[Location]) -> None:
        """A count on the first of every month the location was in use, from January 2024."""
        batch = _Batch()
        for location in locations:
            first = self.first_use.get(location.pk)
            if first is None:
                continue
            last = self.last_use.get(location.pk, ON)
            fill = self.rng.uniform(0.55, 0.98)
            places = self.places[location.pk]
            for month in _months(max(first, FIRST_COUNT), last):
                persons = max(0, min(places, round(places * (fill + self.rng.uniform(-0.08, 0.08)))))
                batch.add(
                    OccupancySnapshot(
                        location=location,
                        date=month,
                        persons=persons,
                        households=max(1, round(persons / 1.9)) if persons else 0,
                        usable_free_places=self.rng.randint(0, max(0, places - persons)),
                    )
                )
        batch.write(OccupancySnapshot, actor=self.actor, generated=self.generated)

    # Households ---------------------------------------------------------------------------------------------

    def _households(self, locations: list[Location], rooms: dict[int, list[Room]]) -> None:
        """Ukrainian households in the rooms of the Ukrainian locations, in private reception or waiting."""
        numbers: dict[int, int] = {}
        placements: list[tuple[Household, Location | None, Room | None, date, date | None]] = []

        def household(location_or_municipality: Any, since: date, size: int) -> Household:
            municipality = getattr(location_or_municipality, "municipality", location_or_municipality)
            numbers[municipality.pk] = numbers.get(municipality.pk, 0) + 1
            item = Household(
                municipality=municipality,
                reference=f"{PREFIX}{numbers[municipality.pk]:05d}",
                registered_on=since,
                vulnerable=self.rng.random() < 0.05,
                needs_ground_floor=self.rng.random() < 0.04,
                catering=self.rng.random() < 0.1,
                is_example=True,
            )
            item._size = size  # type: ignore[attr-defined]
            return item

        for location in locations:
            if location.target_group != TargetGroup.UKRAINIAN.value or location.pk not in self.first_use:
                continue
            first, last = self.first_use[location.pk], self.last_use.get(location.pk)
            for room in rooms.get(location.pk, []):
                if self.rng.random() > OCCUPIED_ROOMS:
                    continue
                size = min(room.beds, self.rng.choice(HOUSEHOLD_SIZES))
                since = _between(self.rng, first, min(ON, last or ON))
                end = last
                if end is None and self.rng.random() < LEFT_SHARE:
                    end = _between(self.rng, since + timedelta(days=14), ON + timedelta(days=60))
                if end is not None and end <= since:
                    end = since + timedelta(days=1)
                placements.append((household(location, since, size), location, room, since, end))
        in_locations: dict[Municipality, int] = {}
        for placement in placements:
            municipality = placement[0].municipality
            in_locations[municipality] = in_locations.get(municipality, 0) + 1
        waiting: list[Household] = []
        for municipality, placed in sorted(in_locations.items(), key=lambda entry: entry[0].code):
            for _ in range(round(placed * PRIVATE_SHARE / (1 - PRIVATE_SHARE))):
                since = _between(self.rng, FIRST_RECEPTION, ON)
                size = self.rng.choice(HOUSEHOLD_SIZES)
                placements.append((household(municipality, since, size), None, None, since, None))
            for _ in range(round(placed * WAITING_SHARE)):
                since = _between(self.rng, ON - timedelta(days=40), ON)
                waiting.append(household(municipality, since, self.rng.choice(HOUSEHOLD_SIZES)))
        households = [item[0] for item in placements] + waiting
        batch = _Batch()
        batch.extend(households)
        batch.write(Household, actor=self.actor, generated=self.generated)
        _ensure_pks(households)
        self._members(households)
        for resident, place, placed_in, since, end in placements:
            batch.add(
                Stay(
                    household=resident,
                    reception_type="municipal" if place else "private",
                    location=place,
                    room=placed_in,
                    start=since,
                    end=end,
                )
            )
        batch.write(Stay, actor=self.actor, generated=self.generated)
        self._requests(placements, waiting)

    def _members(self, households: list[Household]) -> None:
        batch = _Batch()
        members: list[Member] = []
        for item in households:
            size = item._size  # type: ignore[attr-defined]
            adults = 1 if size == 1 else min(size, self.rng.choice([1, 2, 2, 2]))
            for number in range(1, size + 1):
                born = self.rng.randint(1950, 2004) if number <= adults else self.rng.randint(2008, 2025)
                sex = self.rng.choice("FM") if size > 1 or self.rng.random() < 0.9 else "X"
                member = Member(household=item, number=number, year_of_birth=born, sex=sex)
                members.append(member)
                batch.add(member)
        batch.write(Member, actor=self.actor, generated=self.generated)
        _ensure_pks(members)
        for member in members:
            if YEAR - member.year_of_birth >= 18 and self.rng.random() < 0.35:
                amount = Decimal(self.rng.randint(600, 2600)).quantize(Decimal("0.01"))
                start = _between(self.rng, member.household.registered_on, ON)
                batch.add(
                    Income(member=member, monthly_amount=amount, source=IncomeSource.WORK.value, valid_from=start)
                )
        batch.write(Income, actor=self.actor, generated=self.generated)

    def _requests(self, placements: list[tuple[Household, Any, Any, date, Any]], waiting: list[Household]) -> None:
        """A request before every municipal placement (resolved by it) and an open one for every waiting household."""
        batch = _Batch()
        requests: list[tuple[ReceptionRequest, date | None]] = []
        for item, location, _room, since, _end in placements:
            if location is None:
                continue
            received = datetime.combine(since - timedelta(days=self.rng.randint(0, 3)), time(10), tzinfo=UTC)
            request = ReceptionRequest(
                municipality=item.municipality,
                household=item,
                received_at=received,
                status=RequestStatus.RESOLVED.value,
                closed_at=datetime.combine(since, time(12), tzinfo=UTC),
            )
            requests.append((request, since))
        for item in waiting:
            received = datetime.combine(item.registered_on, time(9), tzinfo=UTC)
            requests.append(
                (ReceptionRequest(municipality=item.municipality, household=item, received_at=received), None)
            )
        batch.extend([request for request, _ in requests])
        batch.write(ReceptionRequest, actor=self.actor, generated=self.generated)
        _ensure_pks([request for request, _ in requests])
        for request, placed in requests:
            if placed is not None:
                at = datetime.combine(placed, time(12), tzinfo=UTC)
                batch.add(
                    RequestStep(request=request, kind=StepKind.PLACED.value, at=at, outcome=Outcome.ACCEPTED.value)
                )
            elif self.rng.random() < 0.5:
                at = request.received_at + timedelta(hours=self.rng.randint(4, 60))
                batch.add(RequestStep(request=request, kind=StepKind.OFFER_HOTEL.value, at=at))
        batch.write(RequestStep, actor=self.actor, generated=self.generated)

    # Status holders -----------------------------------------------------------------------------------------

    def _realisations(self) -> None:
        """Status holders housed per municipality in each half-year from January 2024, a few still planned."""
        batch = _Batch()
        years = MunicipalityYear.objects.filter(reference_year=YEAR).select_related("municipality")
        for year in sorted(years, key=lambda y: y.municipality.code):
            for start, end in (
                (date(2024, 1, 1), date(2024, 6, 30)),
                (date(2024, 7, 1), date(2024, 12, 31)),
                (date(2025, 1, 1), date(2025, 6, 30)),
                (date(2025, 7, 1), date(2025, 12, 31)),
            ):
                for number in range(self.scale.realisations(year.population)):
                    day = _between(self.rng, start, end)
                    batch.add(
                        Realisation(
                            municipality=year.municipality,
                            date=day,
                            persons=self.rng.choice(REALISATION_HOUSEHOLD),
                            household_ref=f"{PREFIX}SH-{start:%Y%m}-{number:04d}",
                            planned=day > ON,
                            is_example=True,
                        )
                    )
        batch.write(Realisation, actor=self.actor, generated=self.generated)


def generate_national(*, seed: int, scale: float = 1.0, actor: Any = None) -> Generated:
    """Write the national data set of ``seed`` (see the module docstring); refuses a second run."""
    if not 0 < scale <= 2:
        raise ValidationError("De schaal ligt tussen 0 en 2.")
    return NationalGenerator(seed=seed, scale=Scale(scale), actor=actor).run()
