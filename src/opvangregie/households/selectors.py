"""Reads about households: per household and month (leefgeld, own contribution), monthly totals and the
counts of the council letter, the State's reimbursement estimate, and the waiting list with its clock.

Household rows are for the municipality's own officers only (``Scope.reads_households``); totals,
counts and the waiting list without references are readable by everyone who reads the municipality.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from opvangregie.areas.models import Municipality, Region
from opvangregie.core import contribution as rules
from opvangregie.core.errors import NotFound
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.occupancy import location_figures
from opvangregie.core.reception_duty import Clock, StepKind, clock
from opvangregie.core.target_groups import TargetGroup
from opvangregie.households.models import (
    ContributionRate,
    Household,
    Income,
    LeefgeldScale,
    Member,
    ReceptionRequest,
    ReimbursementRate,
    RequestStatus,
    RequestStep,
    Stay,
)
from opvangregie.households.month_counts import kept
from opvangregie.locations.models import Location
from opvangregie.locations.selectors import location_history, with_lifecycle
from opvangregie.organisations.scope import require, scope_for

NO_HOUSEHOLDS = "Huishoudens zijn alleen zichtbaar voor de eigen medewerkers van de gemeente."


def rates() -> rules.Rates:
    """The dated leefgeld scales and contribution rates of the rate table."""
    scales = [
        rules.LeefgeldScale(
            valid_from=scale.valid_from,
            personal_per_person=scale.personal_per_person,
            bands=tuple(
                rules.LeefgeldBand(
                    household_size=band.household_size,
                    per_household=band.per_household,
                    per_extra_person=band.per_extra_person,
                    per_adult=band.per_adult,
                    per_minor=band.per_minor,
                )
                for band in sorted(scale.bands.all(), key=lambda band: band.household_size)  # the prefetched rows
            ),
            source=scale.source,
        )
        for scale in LeefgeldScale.objects.prefetch_related("bands")
    ]
    contributions = [
        rules.ContributionRate(
            valid_from=rate.valid_from,
            per_adult=rate.per_adult,
            catering_per_adult=rate.catering_per_adult,
            max_adults_charged=rate.max_adults_charged,
            norm_factor=rate.norm_factor,
            between_thresholds=rules.BetweenThresholds(rate.between_thresholds),
            source=rate.source,
        )
        for rate in ContributionRate.objects.all()
    ]
    return rules.Rates(leefgeld=scales, contribution=contributions)


def reimbursement_rates() -> list[rules.ReimbursementRate]:
    return [
        rules.ReimbursementRate(rate.valid_from, rate.per_place_per_day, rate.source)
        for rate in ReimbursementRate.objects.all()
    ]


def with_details(queryset: QuerySet[Household]) -> QuerySet[Household]:
    """Households with members, incomes and stays prefetched (a fixed number of queries)."""
    return queryset.select_related("municipality").prefetch_related(
        Prefetch(
            "members",
            queryset=Member.objects.order_by("number").prefetch_related(
                Prefetch("incomes", queryset=Income.objects.order_by("valid_from"))
            ),
        ),
        Prefetch("stays", queryset=Stay.objects.select_related("location", "room").order_by("start")),
        Prefetch("requests", queryset=ReceptionRequest.objects.prefetch_related("steps")),
    )


def stay_on(household: Household, on: date) -> Stay | None:
    """The (prefetched) stay of the household on ``on``, if it was in reception that day."""
    for stay in household.stays.all():
        if stay.start <= on and (stay.end is None or stay.end > on):
            return stay
    return None


def income_on(member: Member, on: date) -> Decimal:
    """The member's monthly income valid on ``on`` (prefetched incomes)."""
    return sum(
        (
            i.monthly_amount
            for i in member.incomes.all()
            if i.valid_from <= on and (i.valid_until is None or i.valid_until > on)
        ),
        Decimal("0"),
    )


def stay_counts(location: Location, on: date) -> tuple[int, int]:
    """Persons and households staying at ``location`` on ``on`` according to the household register."""
    stays = Stay.objects.filter(location=location, start__lte=on).exclude(end__lte=on)
    households = Household.objects.filter(pk__in=stays.values("household_id"))
    persons = Member.objects.filter(household__in=households).count()
    return persons, households.count()


@dataclass(frozen=True, slots=True)
class Composition:
    size: int
    adults: int
    minors: int
    pension_age: bool


def composition(household: Household, on: date) -> Composition:
    members = list(household.members.all())
    adults = sum(1 for member in members if rules.is_adult(member.year_of_birth, on))
    return Composition(
        size=len(members),
        adults=adults,
        minors=len(members) - adults,
        pension_age=any(rules.is_pension_age(member.year_of_birth, on) for member in members),
    )


def household_month(household: Household, month: date, table: rules.Rates) -> rules.MonthResult | None:
    """Leefgeld and own contribution of a (prefetched) household for a month; None when not in reception then.

    Members, incomes and the place of stay count as on the first day of the month, so an income that
    starts during a month counts from the next month (leefgeld stops on the 1st of the next month).
    """
    first = month.replace(day=1)
    stay = stay_on(household, first)
    if stay is None:
        return None
    members = list(household.members.all())
    adults = [member for member in members if rules.is_adult(member.year_of_birth, first)]
    return rules.month_calculate(
        table,
        rules.HouseholdMonth(
            adult_incomes=tuple(income_on(member, first) for member in adults),
            minors=len(members) - len(adults),
            catering=household.catering,
            reception=rules.ReceptionType(stay.reception_type),
        ),
        first,
    )


def _require_households(actor: Any, municipality: Municipality) -> None:
    require(scope_for(actor).reads_households(municipality.pk), NO_HOUSEHOLDS)


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    household: Household
    composition: Composition
    stay: Stay | None
    month: rules.MonthResult | None
    open_request: ReceptionRequest | None


def _open_request(household: Household) -> ReceptionRequest | None:
    return next((r for r in household.requests.all() if r.status == RequestStatus.OPEN), None)


def households_on(
    *, actor: Any, municipality: Municipality, on: date, include_left: bool = False
) -> QuerySet[Household]:
    """The municipality's households on ``on`` in the list's order, with their details prefetched when read
    (a page of the list reads only its own households)."""
    _require_households(actor, municipality)
    queryset = Household.objects.filter(municipality=municipality, registered_on__lte=on)
    if not include_left:
        queryset = queryset.exclude(left_on__lte=on)
    return with_details(queryset.order_by("reference", "pk"))


def household_rows(households: Iterable[Household], on: date) -> list[HouseholdRow]:
    """Each (prefetched) household with its composition and stay on ``on`` and the month's leefgeld and
    contribution."""
    return list(iter_household_rows(households, on))


EXPORT_CHUNK = 500  # households read (with their prefetches) at a time by the streamed export


def iter_household_rows(households: Iterable[Household], on: date) -> Iterator[HouseholdRow]:
    """:func:`household_rows` one household at a time; a queryset is read in chunks of ``EXPORT_CHUNK`` with its
    prefetches per chunk, so the Excel export of a country's households streams in constant memory."""
    table = rates()
    if isinstance(households, QuerySet):
        households = households.iterator(chunk_size=EXPORT_CHUNK)
    for household in households:
        yield HouseholdRow(
            household=household,
            composition=composition(household, on),
            stay=stay_on(household, on),
            month=household_month(household, on, table),
            open_request=_open_request(household),
        )


def households_list(
    *, actor: Any, municipality: Municipality, on: date, include_left: bool = False
) -> list[HouseholdRow]:
    """The municipality's households on ``on``, with their stay and the month's leefgeld and contribution."""
    return household_rows(households_on(actor=actor, municipality=municipality, on=on, include_left=include_left), on)


def household_get(*, actor: Any, municipality: Municipality, reference: str) -> Household:
    """One household by reference, with its details; unknown and forbidden look alike."""
    if not scope_for(actor).reads_households(municipality.pk):
        raise NotFound(f"Huishouden {reference} niet gevonden.")
    household = with_details(Household.objects.filter(municipality=municipality, reference=reference)).first()
    if household is None:
        raise NotFound(f"Huishouden {reference} niet gevonden.")
    return household


@dataclass(frozen=True, slots=True)
class LocationReimbursement:
    location: Location
    realised_place_days: int
    estimate: Decimal


@dataclass(frozen=True, slots=True)
class MonthCounts:
    """The counts of the council letter on the first day of a month."""

    on: date
    persons_private: int = 0
    persons_municipal: int = 0
    households_private: int = 0
    households_municipal: int = 0
    leefgeld_private: int = 0
    leefgeld_municipal: int = 0
    leefgeld_pension_age: int = 0
    paying: int = 0

    @property
    def persons(self) -> int:
        return self.persons_private + self.persons_municipal

    @property
    def leefgeld(self) -> int:
        return self.leefgeld_private + self.leefgeld_municipal


@dataclass(frozen=True, slots=True)
class MonthTotals:
    month: date
    counts: MonthCounts
    leefgeld: Decimal
    own_contribution: Decimal
    reimbursement: list[LocationReimbursement] = field(default_factory=list)
    results: list[tuple[Household, rules.MonthResult]] = field(default_factory=list)

    @property
    def reimbursement_total(self) -> Decimal:
        return sum((row.estimate for row in self.reimbursement), Decimal("0"))


def _counts(results: Iterable[tuple[Household, rules.MonthResult]], on: date) -> MonthCounts:
    tally = dict.fromkeys(
        (
            "persons_private",
            "persons_municipal",
            "households_private",
            "households_municipal",
            "leefgeld_private",
            "leefgeld_municipal",
            "leefgeld_pension_age",
            "paying",
        ),
        0,
    )
    for household, result in results:
        kind = "private" if stay_on(household, on).reception_type == rules.ReceptionType.PRIVATE else "municipal"  # type: ignore[union-attr]
        tally[f"persons_{kind}"] += result.household_size
        tally[f"households_{kind}"] += 1
        if result.receives_leefgeld:
            tally[f"leefgeld_{kind}"] += 1
            tally["leefgeld_pension_age"] += composition(household, on).pension_age
        tally["paying"] += result.pays_contribution
    return MonthCounts(on=on, **tally)


def _present(municipality: Municipality, first: date) -> QuerySet[Household]:
    """The municipality's households in reception on ``first`` (as stay_on), with their details when read."""
    present = Q(stays__start__lte=first) & (Q(stays__end__isnull=True) | Q(stays__end__gt=first))
    return with_details(Household.objects.filter(present, municipality=municipality).distinct().order_by("reference"))


def _results(households: Iterable[Household], first: date) -> list[tuple[Household, rules.MonthResult]]:
    table = rates()
    results = []
    for household in households:
        result = household_month(household, first, table)
        if result is not None:
            results.append((household, result))
    return results


def _month_results(municipality: Municipality, first: date) -> list[tuple[Household, rules.MonthResult]]:
    return _results(_present(municipality, first), first)


def _kept_month(municipality: Municipality, first: date) -> tuple[MonthCounts, Decimal, Decimal]:
    """The month's counts and leefgeld and contribution totals, computed once and kept until a write changes them
    (households.month_counts)."""

    def compute() -> dict[str, Any]:
        results = _month_results(municipality, first)
        counts = _counts(results, first)
        return {
            **{name: getattr(counts, name) for name in MonthCounts.__dataclass_fields__ if name != "on"},
            "leefgeld": str(sum((result.leefgeld for _, result in results), Decimal("0"))),
            "own_contribution": str(sum((result.own_contribution for _, result in results), Decimal("0"))),
        }

    values = dict(kept(municipality, first, compute))
    leefgeld, own_contribution = Decimal(values.pop("leefgeld")), Decimal(values.pop("own_contribution"))
    return MonthCounts(on=first, **values), leefgeld, own_contribution


def month_counts(*, municipality: Municipality, on: date) -> MonthCounts:
    """The counts of the council letter on the first day of ``on``'s month, for callers that checked access;
    computed once and kept until a write changes them (households.month_counts)."""
    return _kept_month(municipality, on.replace(day=1))[0]


def month_households(*, actor: Any, municipality: Municipality, month: date) -> QuerySet[Household]:
    """The households in reception on the first day of ``month``, for the municipality's own officers: a page of
    them goes to :func:`month_results`."""
    _require_households(actor, municipality)
    return _present(municipality, month.replace(day=1))


def month_results(households: Iterable[Household], month: date) -> list[tuple[Household, rules.MonthResult]]:
    """Leefgeld and contribution of each of ``households`` (from :func:`month_households`) for ``month``."""
    return _results(households, month.replace(day=1))


def _days(first: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range(calendar.monthrange(first.year, first.month)[1])]


def reimbursement_per_location(municipality: Municipality, first: date) -> list[LocationReimbursement]:
    """The State's reimbursement per Ukrainian location for the month: normbedrag × realised places × days (BooO)."""
    table = reimbursement_rates()
    rows = []
    ukrainian = Location.objects.filter(municipality=municipality, target_group=TargetGroup.UKRAINIAN)
    for location in with_lifecycle(ukrainian):  # places and status per day; no counts
        history = location_history(location)
        days = []
        for day in _days(first):
            figures = location_figures(history, day)
            days.append((day, figures.places if figures.status is LocationStatus.IN_USE else 0))
        place_days = sum(places for _, places in days)
        if place_days:
            rows.append(LocationReimbursement(location, place_days, rules.reimbursement_estimate(table, days)))
    return rows


def month_totals(*, actor: Any, municipality: Municipality, month: date, with_results: bool = True) -> MonthTotals:
    """Leefgeld and contribution totals of the month, the letter's counts and the reimbursement estimate.

    Per-household results are included only for the municipality's own officers, and only ``with_results`` (a
    page lists them a page at a time: month_households and month_results).
    """
    scope = scope_for(actor)
    if not scope.reads_municipality(municipality.pk):
        raise NotFound(f"Gemeente {municipality.code} niet gevonden.")
    first = month.replace(day=1)
    counts, leefgeld, own_contribution = _kept_month(municipality, first)
    listed = with_results and scope.reads_households(municipality.pk)
    return MonthTotals(
        month=first,
        counts=counts,
        leefgeld=leefgeld,
        own_contribution=own_contribution,
        reimbursement=reimbursement_per_location(municipality, first),
        results=_month_results(municipality, first) if listed else [],
    )


@dataclass(frozen=True, slots=True)
class WaitingRow:
    """One open request on the waiting list; ``reference`` only for the municipality's own officers."""

    request: ReceptionRequest
    municipality: Municipality
    reference: str | None
    composition: Composition
    clock: Clock
    last_step: RequestStep | None


def _waiting(requests: QuerySet[ReceptionRequest], actor: Any, now: datetime) -> list[WaitingRow]:
    scope = scope_for(actor)
    queryset = (
        requests.filter(status=RequestStatus.OPEN)
        .select_related("municipality", "household")
        .prefetch_related("household__members", Prefetch("steps", queryset=RequestStep.objects.order_by("at", "pk")))
    )
    rows = []
    for request in queryset.order_by("received_at"):
        steps = list(request.steps.all())
        rows.append(
            WaitingRow(
                request=request,
                municipality=request.municipality,
                reference=request.household.reference if scope.reads_households(request.municipality_id) else None,
                composition=composition(request.household, timezone.localdate(now)),
                clock=clock(request.received_at, [(StepKind(s.kind), s.at) for s in steps], now),
                last_step=steps[-1] if steps else None,
            )
        )
    return rows


def waiting_list(*, actor: Any, municipality: Municipality, now: datetime) -> list[WaitingRow]:
    """The municipality's open requests, oldest first, with the 72-hour clock."""
    if not scope_for(actor).reads_municipality(municipality.pk):
        raise NotFound(f"Gemeente {municipality.code} niet gevonden.")
    return _waiting(ReceptionRequest.objects.filter(municipality=municipality), actor, now)


def open_request_counts(municipality_ids: Collection[int]) -> dict[int, int]:
    """Open requests per municipality now: a count, no personal data, so every reader of the area may see it."""
    counts = (
        ReceptionRequest.objects.filter(municipality_id__in=list(municipality_ids), status=RequestStatus.OPEN)
        .values("municipality_id")
        .annotate(n=Count("pk"))
    )
    return {row["municipality_id"]: row["n"] for row in counts}


def region_waiting_list(*, actor: Any, region: Region, now: datetime) -> list[WaitingRow]:
    """The open requests of the region's municipalities (the RCVS view), without references of others."""
    if not scope_for(actor).reads_region(region.pk):
        raise NotFound(f"Regio {region.name} niet gevonden.")
    return _waiting(ReceptionRequest.objects.filter(municipality__regions=region), actor, now)


def request_get(*, actor: Any, municipality: Municipality, request_id: int) -> ReceptionRequest:
    if not scope_for(actor).reads_households(municipality.pk):
        raise NotFound("Aanvraag niet gevonden.")
    request = (
        ReceptionRequest.objects.filter(municipality=municipality, pk=request_id)
        .select_related("household", "municipality")
        .prefetch_related(Prefetch("steps", queryset=RequestStep.objects.order_by("at", "pk")), "household__members")
        .first()
    )
    if request is None:
        raise NotFound("Aanvraag niet gevonden.")
    return request
