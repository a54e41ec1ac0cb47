"""API for Ukrainian households: the register, requests and their steps, monthly totals and the calculator.

Household data answers only the municipality's own officers; others get 404 as if it did not exist.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field

from opvangregie import clock
from opvangregie.areas.models import Municipality
from opvangregie.core.contribution import HouseholdMonth, MonthResult, ReceptionType, month_calculate
from opvangregie.core.errors import NotFound, ValidationError
from opvangregie.core.reception_duty import StepKind
from opvangregie.households import importers, selectors, services
from opvangregie.households.models import MAX_MONEY, MONEY_DIGITS, MONEY_PLACES, Outcome
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.ui.api_errors import errors
from opvangregie.ui.imports import upload_content
from opvangregie.ui.paging import PageQuery, api_page

router = Router(tags=["Ukrainian households"])


Amount = Annotated[
    Decimal, Field(ge=0, le=MAX_MONEY, max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, allow_inf_nan=False)
]


class MemberIn(Schema):
    year_of_birth: int
    sex: str = ""
    income: Amount = Decimal(0)
    income_source: str = "work"


class HouseholdIn(Schema):
    registered_on: date
    members: list[MemberIn]
    reference: str = ""
    needs_accessible: bool = False
    needs_ground_floor: bool = False
    catering: bool = False
    reception: ReceptionType | None = None
    location: str = ""
    room: str = ""


class MonthOut(Schema):
    month: date
    leefgeld: str
    own_contribution: str
    explanation: list[str]


class HouseholdOut(Schema):
    reference: str
    size: int
    adults: int
    minors: int
    reception: str | None
    location: str | None
    room: str | None
    registered_on: date
    left_on: date | None
    month: MonthOut | None


class CountsOut(Schema):
    on: date
    persons_private: int
    persons_municipal: int
    leefgeld_private: int
    leefgeld_municipal: int
    leefgeld_pension_age: int
    paying: int


class ReimbursementOut(Schema):
    location: str
    realised_place_days: int
    estimate: str


class TotalsOut(Schema):
    month: date
    counts: CountsOut
    leefgeld: str
    own_contribution: str
    reimbursement: list[ReimbursementOut]
    reimbursement_total: str


class ClockOut(Schema):
    state: str
    deadline: datetime
    hours_left: float


class WaitingOut(Schema):
    id: int
    municipality: str
    reference: str | None
    size: int
    received_at: datetime
    clock: ClockOut


class StepIn(Schema):
    kind: StepKind
    at: datetime
    outcome: str = Outcome.PENDING
    note: str = ""


class CalculationIn(Schema):
    month: date
    adult_incomes: list[Amount]
    minors: int = 0
    catering: bool = False
    private: bool = False


def _month_out(result: MonthResult | None) -> MonthOut | None:
    if result is None:
        return None
    return MonthOut(
        month=result.month,
        leefgeld=f"{result.leefgeld:.2f}",
        own_contribution=f"{result.own_contribution:.2f}",
        explanation=list(result.explanation),
    )


def _officer_municipality(request: HttpRequest, code: str) -> Municipality:
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    if not scope.reads_households(municipality.pk):
        raise NotFound(f"Gemeente {code} niet gevonden.")
    return municipality


class HouseholdQuery(PageQuery):
    on: date | None = Field(None, description="reference date (default today)")


class HouseholdPage(Schema):
    """One page of the households, in the order of their reference; ``count`` is all of them."""

    count: int
    page: int
    page_size: int
    results: list[HouseholdOut]


@router.get("/{code}/households", response={200: HouseholdPage, **errors(404, 422)})
def households(request: HttpRequest, code: str, query: Query[HouseholdQuery]) -> HouseholdPage:
    """The municipality's households on ``on`` (default today) with the month's leefgeld and contribution, a page
    at a time (a city's thousands in one answer were 900 KB: issue 20)."""
    municipality = _officer_municipality(request, code)
    on = query.on or clock.today()
    count, page = api_page(selectors.households_on(actor=request.user, municipality=municipality, on=on), query)
    return HouseholdPage(
        count=count,
        page=query.page,
        page_size=query.page_size,
        results=households_out(selectors.household_rows(page, on)),
    )


@router.post("/{code}/households", response={201: HouseholdOut, **errors(400, 403, 404, 409, 422)})
def household_create(request: HttpRequest, code: str, data: HouseholdIn) -> Status[HouseholdOut]:
    """Register a household; without ``reception`` it waits for a place (then register its request)."""
    municipality = _officer_municipality(request, code)
    household = services.household_create(
        actor=request.user,
        municipality=municipality,
        data=services.HouseholdInput(
            members=[services.MemberInput(m.year_of_birth, m.sex, m.income, m.income_source) for m in data.members],
            registered_on=data.registered_on,
            reference=data.reference,
            needs_accessible=data.needs_accessible,
            needs_ground_floor=data.needs_ground_floor,
            catering=data.catering,
            placement=None
            if data.reception is None
            else services.placement_by_names(municipality, data.reception, data.location, data.room),
        ),
    )
    on = max(household.registered_on, clock.today())
    registered = selectors.households_on(actor=request.user, municipality=municipality, on=on).filter(pk=household.pk)
    return Status(201, households_out(selectors.household_rows(registered, on))[0])


def households_out(rows: list[selectors.HouseholdRow]) -> list[HouseholdOut]:
    return [
        HouseholdOut(
            reference=row.household.reference,
            size=row.composition.size,
            adults=row.composition.adults,
            minors=row.composition.minors,
            reception=row.stay.reception_type if row.stay else None,
            location=row.stay.location.name if row.stay and row.stay.location else None,
            room=row.stay.room.name if row.stay and row.stay.room else None,
            registered_on=row.household.registered_on,
            left_on=row.household.left_on,
            month=_month_out(row.month),
        )
        for row in rows
    ]


@router.post("/{code}/households/import", response={201: dict[str, int], **errors(403, 404, 409, 422)})
def households_import(request: HttpRequest, code: str, file: File[UploadedFile]) -> Status[dict[str, int]]:
    """Import households (one row per member); all households or none, with a report per row."""
    municipality = _officer_municipality(request, code)
    count = importers.households_import(
        actor=request.user, municipality=municipality, file_name=file.name or "upload", content=upload_content(file)
    )
    return Status(201, {"households": count})


@router.post("/{code}/incomes/import", response={201: dict[str, int], **errors(403, 404, 409, 422)})
def incomes_import(request: HttpRequest, code: str, file: File[UploadedFile]) -> Status[dict[str, int]]:
    """Import incomes (kenmerk, lid, inkomen, vanaf); all rows or none, with a report per row."""
    municipality = _officer_municipality(request, code)
    count = importers.incomes_import(
        actor=request.user, municipality=municipality, file_name=file.name or "upload", content=upload_content(file)
    )
    return Status(201, {"rows": count})


@router.get("/{code}/waiting-list", response={200: list[WaitingOut], **errors(404, 422)})
def waiting_list(request: HttpRequest, code: str) -> list[WaitingOut]:
    """Open requests with the 72-hour clock; references only for the municipality's own officers."""
    municipality = municipality_readable(scope_for(request.user), code)
    return [
        WaitingOut(
            id=row.request.pk,
            municipality=row.municipality.code,
            reference=row.reference,
            size=row.composition.size,
            received_at=row.request.received_at,
            clock=ClockOut(state=row.clock.state.value, deadline=row.clock.deadline, hours_left=row.clock.hours_left),
        )
        for row in selectors.waiting_list(actor=request.user, municipality=municipality, now=clock.now())
    ]


@router.post("/{code}/requests/{request_id}/steps", response={201: dict[str, int], **errors(400, 403, 404, 409, 422)})
def step_add(request: HttpRequest, code: str, request_id: int, data: StepIn) -> Status[dict[str, int]]:
    """Record an offer or escalation of the alternatives workflow."""
    municipality = _officer_municipality(request, code)
    item = selectors.request_get(actor=request.user, municipality=municipality, request_id=request_id)
    step = services.request_step_add(
        actor=request.user, request=item, kind=data.kind, at=data.at, outcome=data.outcome, note=data.note
    )
    return Status(201, {"id": step.pk})


@router.get("/{code}/months/{month}", response={200: TotalsOut, **errors(404, 422)})
def month_totals(request: HttpRequest, code: str, month: str) -> TotalsOut:
    """Leefgeld and contribution totals of a month (``2025-10``), the letter's counts and the reimbursement estimate."""
    try:
        first = date.fromisoformat(f"{month}-01")
    except ValueError:
        raise ValidationError(f"Ongeldige maand {month!r}: gebruik bijvoorbeeld 2025-10.") from None
    municipality = municipality_readable(scope_for(request.user), code)
    totals = selectors.month_totals(actor=request.user, municipality=municipality, month=first)
    counts = totals.counts
    return TotalsOut(
        month=totals.month,
        counts=CountsOut(
            on=counts.on,
            persons_private=counts.persons_private,
            persons_municipal=counts.persons_municipal,
            leefgeld_private=counts.leefgeld_private,
            leefgeld_municipal=counts.leefgeld_municipal,
            leefgeld_pension_age=counts.leefgeld_pension_age,
            paying=counts.paying,
        ),
        leefgeld=f"{totals.leefgeld:.2f}",
        own_contribution=f"{totals.own_contribution:.2f}",
        reimbursement=[
            ReimbursementOut(
                location=r.location.name, realised_place_days=r.realised_place_days, estimate=f"{r.estimate:.2f}"
            )
            for r in totals.reimbursement
        ],
        reimbursement_total=f"{totals.reimbursement_total:.2f}",
    )


@router.post("/contribution", response={200: MonthOut, **errors(400, 422)})
def contribution(request: HttpRequest, data: CalculationIn) -> MonthOut:
    """Leefgeld and own contribution of one household for a month, with the explanation."""
    result = month_calculate(
        selectors.rates(),
        HouseholdMonth(
            adult_incomes=tuple(data.adult_incomes),
            minors=data.minors,
            catering=data.catering,
            reception=ReceptionType.PRIVATE if data.private else ReceptionType.MUNICIPAL,
        ),
        data.month,
    )
    out = _month_out(result)
    assert out is not None
    return out
