"""API for the status-holder quota: periods, quotas, realisations, ledgers and supervision."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from opvangregie import clock
from opvangregie.areas.models import Municipality, Province
from opvangregie.core.apportion import Method
from opvangregie.core.codes import MunicipalityCode
from opvangregie.core.errors import NotFound
from opvangregie.core.ledger import LedgerLine
from opvangregie.core.periods import HalfYear
from opvangregie.organisations.scope import municipality_readable, province_readable, scope_for
from opvangregie.quotas import selectors, services
from opvangregie.quotas.models import QuotaPeriod, Realisation, ReplyStatus, SupervisionReply
from opvangregie.ui.api_errors import errors
from opvangregie.ui.imports import upload_content

router = Router(tags=["status-holder quotas"])


class NationalTotalOut(Schema):
    total: int
    published_on: date
    source: str


class PeriodOut(Schema):
    period: str
    start: date
    end: date
    rounding_method: str
    population_date: date
    national_totals: list[NationalTotalOut]


class PeriodIn(Schema):
    period: str
    national_total: int
    published_on: date
    source: str = ""
    rounding_method: Method = Method.STATUTORY_CEILING


class RevisionIn(Schema):
    national_total: int
    published_on: date
    source: str = ""


def _period_out(quota_period: QuotaPeriod) -> PeriodOut:
    half_year = quota_period.half_year
    return PeriodOut(
        period=quota_period.period,
        start=half_year.start,
        end=half_year.end,
        rounding_method=quota_period.rounding_method,
        population_date=half_year.population_date,
        national_totals=[
            NationalTotalOut(total=t.total, published_on=t.published_on, source=t.source)
            for t in quota_period.national_totals.all()
        ],
    )


def _half_year(raw: str) -> HalfYear:
    return HalfYear.parse(raw)


@router.get("/periods", response={200: list[PeriodOut], **errors()})
def periods(request: HttpRequest) -> list[PeriodOut]:
    """The opened half-years with their national totals (the last one is current)."""
    return [_period_out(p) for p in QuotaPeriod.objects.prefetch_related("national_totals")]


@router.post("/periods", response={201: PeriodOut, **errors(400, 403, 422)})
def period_open(request: HttpRequest, payload: PeriodIn) -> Status[PeriodOut]:
    """Open a half-year and compute every municipality's quota (national editors only)."""
    quota_period = services.period_open(
        actor=request.user,
        period=_half_year(payload.period),
        national_total=payload.national_total,
        published_on=payload.published_on,
        source=payload.source,
        method=payload.rounding_method,
    )
    return Status(201, _period_out(quota_period))


@router.post("/periods/{period}/revisions", response={201: PeriodOut, **errors(400, 403, 404, 422)})
def period_revise(request: HttpRequest, period: str, payload: RevisionIn) -> Status[PeriodOut]:
    """Record a revised national total; computed quotas get a new version."""
    quota_period = selectors.quota_period_get(_half_year(period))
    services.national_total_revise(
        actor=request.user,
        quota_period=quota_period,
        national_total=payload.national_total,
        published_on=payload.published_on,
        source=payload.source,
    )
    return Status(201, _period_out(quota_period))


class QuotaDifferenceOut(Schema):
    code: str
    name: str
    computed: int | None
    published: int
    difference: int | None


@router.post("/periods/{period}/published", response={201: list[QuotaDifferenceOut], **errors(403, 404, 422)})
def published_import(
    request: HttpRequest, period: str, file: File[UploadedFile], source: str = ""
) -> Status[list[QuotaDifferenceOut]]:
    """Import published quotas (CSV/XLSX, columns gemeentecode, taakstelling); all rows or none.

    Answers with every imported row beside the computed quota; a refused file answers 422 with a
    report per row.
    """
    quota_period = selectors.quota_period_get(_half_year(period))
    differences = services.published_quotas_import(
        actor=request.user,
        quota_period=quota_period,
        file_name=file.name or "upload",
        content=upload_content(file),
        source=source,
    )
    return Status(
        201,
        [
            QuotaDifferenceOut(
                code=d.code, name=d.name, computed=d.computed, published=d.published, difference=d.difference
            )
            for d in differences
        ],
    )


class ArrangementIn(Schema):
    agreed_on: date
    description: str
    changes: dict[str, int]


class ArrangementOut(Schema):
    id: int
    period: str
    agreed_on: date
    description: str
    changes: dict[str, int]


@router.post("/periods/{period}/arrangements", response={201: ArrangementOut, **errors(400, 403, 404, 422)})
def arrangement_record(request: HttpRequest, period: str, payload: ArrangementIn) -> Status[ArrangementOut]:
    """Municipalities jointly change their quotas (Huisvestingswet art. 29(2)); refused unless the sum holds."""
    quota_period = selectors.quota_period_get(_half_year(period))
    scope = scope_for(request.user)
    changes: dict[Municipality, int] = {}
    for raw_code, delta in payload.changes.items():
        changes[municipality_readable(scope, str(MunicipalityCode.parse(raw_code)))] = delta
    arrangement = services.arrangement_record(
        actor=request.user,
        quota_period=quota_period,
        agreed_on=payload.agreed_on,
        description=payload.description,
        changes=changes,
    )
    return Status(
        201,
        ArrangementOut(
            id=arrangement.pk,
            period=quota_period.period,
            agreed_on=arrangement.agreed_on,
            description=arrangement.description,
            changes={m.code: delta for m, delta in changes.items()},
        ),
    )


class LedgerLineOut(Schema):
    period: str
    quota: int
    computed_quota: int | None
    published_quota: int | None
    joint_change: int
    carried_in: int
    demand: int
    realised: int
    balance: int
    status: str
    planned: int


class ProgressOut(Schema):
    period: str
    on: date
    expected_to_date: float
    projected: float
    projected_shortfall: int
    planned: int
    still_to_find: int
    status: str


class LedgerOut(Schema):
    municipality: str
    name: str
    on: date
    lines: list[LedgerLineOut]
    current: ProgressOut | None
    periods_behind: int


def _line_out(book: selectors.MunicipalityLedger, line: LedgerLine) -> LedgerLineOut:
    versions = book.versions[line.period]
    return LedgerLineOut(
        period=str(line.period),
        quota=line.quota,
        computed_quota=versions.computed,
        published_quota=versions.published,
        joint_change=versions.arrangement_delta,
        carried_in=line.carried_in,
        demand=line.demand,
        realised=line.realised,
        balance=line.balance,
        status=book.status_of(line).value,
        planned=book.planned.get(line.period, 0),
    )


@router.get("/municipalities/{code}/ledger", response={200: LedgerOut, **errors(404, 422)})
def municipality_ledger(request: HttpRequest, code: str, on: date | None = None) -> LedgerOut:
    """The municipality's ledger on a date (default today): quota, backlog carried in, demand, realised, balance."""
    municipality = municipality_readable(scope_for(request.user), code)
    book = selectors.quota_ledger(actor=request.user, municipality=municipality, on=on or clock.today())
    current = book.current
    return LedgerOut(
        municipality=municipality.code,
        name=municipality.name,
        on=book.on,
        lines=[_line_out(book, line) for line in book.lines],
        current=ProgressOut(
            period=str(current.period),
            on=current.on,
            expected_to_date=float(current.expected_to_date),
            projected=float(current.projected),
            projected_shortfall=current.projected_shortfall,
            planned=current.planned,
            still_to_find=current.still_to_find,
            status=current.status.value,
        )
        if current
        else None,
        periods_behind=book.periods_behind,
    )


class RealisationIn(Schema):
    date: date
    persons: int
    household_ref: str = ""
    location_id: int | None = None
    planned: bool = False
    note: str = ""


class RealisationOut(Schema):
    id: int
    date: date
    persons: int
    household_ref: str
    location_id: int | None
    planned: bool
    note: str
    is_example: bool


def _realisation_out(r: Realisation) -> RealisationOut:
    return RealisationOut(
        id=r.pk,
        date=r.date,
        persons=r.persons,
        household_ref=r.household_ref,
        location_id=r.location_id,
        planned=r.planned,
        note=r.note,
        is_example=r.is_example,
    )


@router.get("/municipalities/{code}/realisations", response={200: list[RealisationOut], **errors(404, 422)})
def realisations(request: HttpRequest, code: str, period: str | None = None) -> list[RealisationOut]:
    municipality = municipality_readable(scope_for(request.user), code)
    rows = selectors.realisations_list(
        actor=request.user, municipality=municipality, period=_half_year(period) if period else None
    )
    return [_realisation_out(r) for r in rows]


@router.post("/municipalities/{code}/realisations", response={201: RealisationOut, **errors(400, 403, 404, 422)})
def realisation_record(request: HttpRequest, code: str, payload: RealisationIn) -> Status[RealisationOut]:
    """Record status holders housed (editors of the municipality only)."""
    municipality = municipality_readable(scope_for(request.user), code)
    realisation = services.realisation_record(
        actor=request.user,
        municipality=municipality,
        data=services.RealisationInput(
            on=payload.date,
            persons=payload.persons,
            household_ref=payload.household_ref,
            location_id=payload.location_id,
            planned=payload.planned,
            note=payload.note,
        ),
    )
    return Status(201, _realisation_out(realisation))


class SupervisionRowOut(Schema):
    code: str
    name: str
    quota: int | None
    carried_in: int | None
    demand: int | None
    realised: int | None
    balance: int | None
    status: str | None
    periods_behind: int
    ladder_phase: int | None
    ladder_name: str | None
    projected_shortfall: int | None


class SupervisionOut(Schema):
    province: str
    period: str
    on: date
    closed: bool
    behind: int | None = Field(description="Municipalities behind; null when no municipality has data.")
    with_data: int = Field(description="Municipalities with data in the half-year: 'behind of with_data'.")
    on_track: int | None
    ahead: int | None
    no_data: int = Field(description="Municipalities without data (no quota) in the half-year.")
    municipalities: int = Field(description="All municipalities of the province: behind + on_track + ahead + no_data.")
    rows: list[SupervisionRowOut]


@router.get("/provinces/{code}/supervision", response={200: SupervisionOut, **errors(404, 422)})
def supervision(request: HttpRequest, code: str, period: str | None = None, on: date | None = None) -> SupervisionOut:
    """Every municipality of the province in a half-year (default: the one running on ``on``, as on the pages),
    with status (ahead, on_track, behind, no_data) and phase of the intervention ladder."""
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise NotFound("Provincie niet gevonden.")
    day = on or clock.today()
    chosen = _half_year(period) if period else selectors.default_half_year(day)
    view = selectors.province_supervision(actor=request.user, province=province, period=chosen, on=day)
    tally = view.tally
    known = tally.judged > 0
    return SupervisionOut(
        province=province.name,
        period=str(view.period),
        on=view.on,
        closed=view.closed,
        behind=tally.behind if known else None,
        with_data=tally.judged,
        on_track=tally.on_track if known else None,
        ahead=tally.ahead if known else None,
        no_data=tally.no_data,
        municipalities=tally.total,
        rows=[
            SupervisionRowOut(
                code=row.municipality.code,
                name=row.municipality.name,
                quota=row.line.quota if row.line else None,
                carried_in=row.line.carried_in if row.line else None,
                demand=row.line.demand if row.line else None,
                realised=row.line.realised if row.line else None,
                balance=row.line.balance if row.line else None,
                status=row.status.value,
                periods_behind=row.periods_behind,
                ladder_phase=row.stage.number if row.stage else None,
                ladder_name=row.stage.name if row.stage else None,
                projected_shortfall=row.projected_shortfall,
            )
            for row in view.rows
        ],
    )


class NationalLineOut(Schema):
    period: str
    national_total: int | None
    quota: int
    realised: int
    balance: int


@router.get("/national/ledger", response={200: list[NationalLineOut], **errors(403, 422)})
def national_ledger(request: HttpRequest, on: date | None = None) -> list[NationalLineOut]:
    """The sum over all municipalities per half-year (national readers only)."""
    return [
        NationalLineOut(
            period=str(line.period),
            national_total=line.national_total,
            quota=line.quota,
            realised=line.realised,
            balance=line.balance,
        )
        for line in selectors.national_ledger(actor=request.user, on=on or clock.today())
    ]


# --- the follow-up of the province's letters (issue 18, item 4) -----------------------------------------------


class MeasureSchema(Schema):
    description: str
    target_date: date | None = None


class ReplyOut(Schema):
    status: ReplyStatus
    received_on: date | None
    summary: str
    document_reference: str
    measures: list[MeasureSchema]


class LetterOut(Schema):
    municipality: str
    name: str
    period: str
    sent_on: date
    document_reference: str
    reply_due: date = Field(description="The last day of the reply period (six weeks; no law fixes it).")
    follow_up: str = Field(description="awaiting, overdue, in_preparation or received, on the reference date.")
    past_due: bool = Field(description="The reply period has passed without a reply received.")
    reply: ReplyOut | None


class LetterIn(Schema):
    municipality: str
    period: str
    sent_on: date
    document_reference: str = ""


class ReplyIn(Schema):
    status: ReplyStatus
    received_on: date | None = None
    summary: str = ""
    document_reference: str = ""
    measures: list[MeasureSchema] = []


def _reply_out(reply: SupervisionReply | None) -> ReplyOut | None:
    if reply is None:
        return None
    return ReplyOut(
        status=ReplyStatus(reply.status),
        received_on=reply.received_on,
        summary=reply.summary,
        document_reference=reply.document_reference,
        measures=[MeasureSchema(description=m.description, target_date=m.target_date) for m in reply.measures.all()],
    )


def _letter_out(row: selectors.FollowUpRow) -> LetterOut:
    letter = row.letter
    assert letter is not None
    assert row.reply_due is not None
    return LetterOut(
        municipality=row.municipality.code,
        name=row.municipality.name,
        period=str(row.period),
        sent_on=letter.sent_on,
        document_reference=letter.document_reference,
        reply_due=row.reply_due,
        follow_up=row.status.value,
        past_due=row.past_due,
        reply=_reply_out(row.reply),
    )


@router.get("/provinces/{code}/supervision/letters", response={200: list[LetterOut], **errors(404, 422)})
def supervision_letters(
    request: HttpRequest, code: str, period: str | None = None, on: date | None = None
) -> list[LetterOut]:
    """The letters the province recorded as sent (of one half-year, or all), each with the municipality's reply
    and where the follow-up stands on ``on`` (default today)."""
    province = province_readable(scope_for(request.user), code)
    rows = selectors.letters_list(
        actor=request.user, province=province, period=_half_year(period) if period else None, on=on or clock.today()
    )
    return [_letter_out(row) for row in rows]


@router.post("/provinces/{code}/supervision/letters", response={201: LetterOut, **errors(400, 403, 404, 422)})
def supervision_letter_record(request: HttpRequest, code: str, payload: LetterIn) -> Status[LetterOut]:
    """Record (or correct) that the province sent its letter about a half-year to one of its municipalities
    (the province's editors only; downloading a letter records nothing)."""
    scope = scope_for(request.user)
    province = province_readable(scope, code)
    municipality = Municipality.objects.filter(code=str(MunicipalityCode.parse(payload.municipality))).first()
    if municipality is None or municipality.province_id != province.pk:
        raise NotFound(f"Gemeente {payload.municipality} hoort niet bij {province.name}.")
    period = _half_year(payload.period)
    services.letter_record(
        actor=request.user,
        municipality=municipality,
        period=period,
        sent_on=payload.sent_on,
        document_reference=payload.document_reference,
    )
    row = selectors.letter_follow_up(actor=request.user, municipality=municipality, period=period, on=clock.today())
    return Status(201, _letter_out(row))


@router.put(
    "/municipalities/{code}/supervision-replies/{period}", response={200: ReplyOut, **errors(400, 403, 404, 422)}
)
def supervision_reply_record(request: HttpRequest, code: str, period: str, payload: ReplyIn) -> ReplyOut:
    """Record (or correct) the municipality's reply to the province's letter about ``period``, with its planned
    measures (they replace the ones before). The municipality's own editors only; its province may not."""
    municipality = municipality_readable(scope_for(request.user), code)
    reply = services.reply_record(
        actor=request.user,
        municipality=municipality,
        period=_half_year(period),
        data=services.ReplyInput(
            status=payload.status,
            received_on=payload.received_on,
            summary=payload.summary,
            document_reference=payload.document_reference,
            measures=tuple(services.MeasureInput(m.description, m.target_date) for m in payload.measures),
        ),
    )
    result = _reply_out(reply)
    assert result is not None
    return result
