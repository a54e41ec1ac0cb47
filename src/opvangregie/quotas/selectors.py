"""Reads for the status-holder quota: ledgers per municipality, the province's supervision table and the
national ledger. A fixed number of queries whatever the number of municipalities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from opvangregie.areas.models import Municipality, Province
from opvangregie.core.errors import NotFound
from opvangregie.core.ledger import (
    LedgerLine,
    PaceStatus,
    PeriodFigures,
    Progress,
    StatusTally,
    ledger,
    periods_behind_in_a_row,
    progress,
    status_on,
)
from opvangregie.core.periods import HalfYear
from opvangregie.core.supervision import (
    DEFAULT_LADDER,
    FollowUp,
    LadderStage,
    follow_up,
    ladder_stage,
    past_due,
    reply_due,
)
from opvangregie.organisations.scope import require, scope_for
from opvangregie.quotas.models import (
    InterventionStage,
    LedgerOpening,
    MunicipalQuota,
    NationalTotal,
    QuotaArrangementLine,
    QuotaKind,
    QuotaPeriod,
    Realisation,
    ReplyMeasure,
    ReplyStatus,
    SupervisionLetter,
    SupervisionReply,
)
from opvangregie.ui import request_memo


@dataclass(frozen=True, slots=True)
class QuotaVersions:
    """The versions of one municipality's quota in one half-year; published wins over computed."""

    computed: int | None = None
    published: int | None = None
    arrangement_delta: int = 0
    computed_versions: int = 0

    @property
    def known(self) -> bool:
        """Whether the municipality has a quota in the half-year at all (without one: "geen gegevens")."""
        return self.computed is not None or self.published is not None

    @property
    def base(self) -> int:
        if self.published is not None:
            return self.published
        return self.computed or 0

    @property
    def effective(self) -> int:
        """The quota that counts: published (else computed) plus joint changes (art. 29(2))."""
        return self.base + self.arrangement_delta

    @property
    def published_difference(self) -> int | None:
        if self.published is None or self.computed is None:
            return None
        return self.published - self.computed


def _versions(
    period_ids: Sequence[int], municipality_ids: Iterable[int] | None
) -> dict[tuple[int, int], QuotaVersions]:
    quotas = MunicipalQuota.objects.filter(period_id__in=period_ids).order_by("created_at", "pk")
    lines = QuotaArrangementLine.objects.filter(arrangement__period_id__in=period_ids)
    if municipality_ids is not None:
        ids = list(municipality_ids)
        quotas, lines = quotas.filter(municipality_id__in=ids), lines.filter(municipality_id__in=ids)
    computed: dict[tuple[int, int], int] = {}
    counts: dict[tuple[int, int], int] = defaultdict(int)
    published: dict[tuple[int, int], int] = {}
    for period_id, municipality_id, kind, value in quotas.values_list("period_id", "municipality_id", "kind", "value"):
        key = (period_id, municipality_id)
        if kind == QuotaKind.PUBLISHED:
            published[key] = value
        else:
            computed[key] = value
            counts[key] += 1
    deltas: dict[tuple[int, int], int] = defaultdict(int)
    for period_id, municipality_id, delta in lines.values_list("arrangement__period_id", "municipality_id", "delta"):
        deltas[(period_id, municipality_id)] += delta
    return {
        key: QuotaVersions(computed.get(key), published.get(key), deltas.get(key, 0), counts.get(key, 0))
        for key in {*computed, *published, *deltas}
    }


def effective_quotas(quota_period: QuotaPeriod, municipality_ids: Iterable[int] | None = None) -> dict[int, int]:
    """The quota that counts per municipality id in one half-year."""
    return {mid: v.effective for (_, mid), v in _versions([quota_period.pk], municipality_ids).items()}


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One half-year of a municipality's ledger with its quota versions, status and pipeline."""

    line: LedgerLine
    versions: QuotaVersions
    status: PaceStatus
    planned: int


@dataclass(frozen=True, slots=True)
class MunicipalityLedger:
    """A municipality's ledger up to a date: closed and running half-years, quota versions, pipeline."""

    municipality: Municipality
    on: date
    lines: list[LedgerLine]
    versions: dict[HalfYear, QuotaVersions]
    planned: dict[HalfYear, int]
    opening_source: str = ""
    opening_balance: int = 0

    @property
    def current(self) -> Progress | None:
        """The running half-year seen on ``on`` (None once the last kept half-year has ended)."""
        if not self.lines or self.lines[-1].period.is_closed_on(self.on):
            return None
        line = self.lines[-1]
        return progress(line, on=self.on, planned=self.planned.get(line.period, 0))

    @property
    def closed(self) -> list[LedgerLine]:
        return [line for line in self.lines if line.period.is_closed_on(self.on)]

    @property
    def periods_behind(self) -> int:
        """Closed half-years behind in a row on ``on``; a backlog in the opening balance counts as one."""
        return periods_behind_in_a_row(self.closed, opening_balance=self.opening_balance)

    @property
    def rows(self) -> list[LedgerRow]:
        return [
            LedgerRow(line, self.versions[line.period], self.status_of(line), self.planned.get(line.period, 0))
            for line in self.lines
        ]

    def status_of(self, line: LedgerLine | None) -> PaceStatus:
        """The status of one of this ledger's lines on ``on`` (:func:`core.ledger.status_on`)."""
        return status_on(line, on=self.on)

    def line_of(self, period: HalfYear) -> LedgerLine | None:
        return next((line for line in self.lines if line.period == period), None)

    def status_in(self, period: HalfYear) -> PaceStatus:
        """Ahead, on track, behind or no data in ``period`` seen on ``on``: the one place that decides."""
        return self.status_of(self.line_of(period))


def _ledgers(
    municipalities: Sequence[Municipality], *, on: date, until: HalfYear | None = None
) -> dict[int, MunicipalityLedger]:
    """The ledgers of ``municipalities`` over the opened half-years that started on or before ``on``; within one
    reading request read once (ui.request_memo): a dashboard's quota table, agenda and forward look all ask."""
    memo = request_memo.current()
    key = ("quota_ledgers", tuple(m.pk for m in municipalities), on, until)
    if memo is not None and key in memo:
        return dict(memo[key])
    result = _ledgers_read(municipalities, on=on, until=until)
    if memo is not None:
        memo[key] = result
    return dict(result)


def _ledgers_read(
    municipalities: Sequence[Municipality], *, on: date, until: HalfYear | None
) -> dict[int, MunicipalityLedger]:
    last = min(HalfYear.containing(on), until) if until else HalfYear.containing(on)
    periods = [p for p in QuotaPeriod.objects.order_by("period") if p.half_year <= last]
    ids = [m.pk for m in municipalities]
    versions = _versions([p.pk for p in periods], ids)
    openings = {o.municipality_id: o for o in LedgerOpening.objects.filter(municipality_id__in=ids)}
    realised: dict[tuple[int, HalfYear], int] = defaultdict(int)
    planned: dict[tuple[int, HalfYear], int] = defaultdict(int)
    first = periods[0].half_year.start if periods else on
    rows = Realisation.objects.filter(municipality_id__in=ids, date__gte=first, date__lte=max(on, last.end))
    for municipality_id, day, persons, is_planned in rows.values_list("municipality_id", "date", "persons", "planned"):
        key = (municipality_id, HalfYear.containing(day))
        if is_planned:
            planned[key] += persons
        elif day <= on:
            realised[key] += persons
    result = {}
    for municipality in municipalities:
        opening = openings.get(municipality.pk)
        start = HalfYear.parse(opening.period) if opening else None
        kept = [p for p in periods if start is None or p.half_year >= start]
        figures = [
            PeriodFigures(
                p.half_year,
                versions.get((p.pk, municipality.pk), QuotaVersions()).effective,
                realised[(municipality.pk, p.half_year)],
                versions.get((p.pk, municipality.pk), QuotaVersions()).known,
            )
            for p in kept
        ]
        result[municipality.pk] = MunicipalityLedger(
            municipality=municipality,
            on=on,
            lines=ledger(figures, opening_balance=opening.balance if opening else 0),
            versions={p.half_year: versions.get((p.pk, municipality.pk), QuotaVersions()) for p in kept},
            planned={p.half_year: planned[(municipality.pk, p.half_year)] for p in kept},
            opening_source=opening.source if opening else "",
            opening_balance=opening.balance if opening else 0,
        )
    return result


def default_half_year(on: date) -> HalfYear:
    """The half-year a page about the quota opens on when none is chosen: the one running on the reference date.

    One choice for the province's overview, its supervision, the key figures, the API and the municipality's
    page: every one of them shows the status "on" the reference date, and that is the half-year the date
    falls in (judged as running until its last day). When it has not been opened, the pages say "geen
    gegevens" for it rather than silently showing another half-year; an earlier, closed half-year (the one
    the letters are about) is chosen with ``?periode=``.
    """
    return HalfYear.containing(on)


def half_years_to_choose(current: HalfYear) -> list[HalfYear]:
    """The opened half-years to pick from, with ``current`` among them even when it is not opened."""
    return sorted({p.half_year for p in QuotaPeriod.objects.all()} | {current})


def quota_ledger(*, actor: Any, municipality: Municipality, on: date) -> MunicipalityLedger:
    """The municipality's status-holder ledger on ``on`` (readers of the municipality only)."""
    require(scope_for(actor).reads_municipality(municipality.pk))
    return _ledgers([municipality], on=on)[municipality.pk]


def quota_ledgers(*, actor: Any, municipalities: Sequence[Municipality], on: date) -> dict[int, MunicipalityLedger]:
    """The ledgers on ``on`` of those ``municipalities`` the actor may read (by municipality id)."""
    scope = scope_for(actor)
    return _ledgers([m for m in municipalities if scope.reads_municipality(m.pk)], on=on)


def realisations_list(*, actor: Any, municipality: Municipality, period: HalfYear | None = None) -> list[Realisation]:
    require(scope_for(actor).reads_municipality(municipality.pk))
    queryset = Realisation.objects.filter(municipality=municipality).select_related("location")
    if period is not None:
        queryset = queryset.filter(date__gte=period.start, date__lte=period.end)
    return list(queryset.order_by("-date", "-pk"))


def province_ladder(province: Province) -> tuple[LadderStage, ...]:
    """The province's own intervention ladder, or the default one."""
    own = [LadderStage(s.number, s.name, s.periods_behind) for s in InterventionStage.objects.filter(province=province)]
    return tuple(own) or DEFAULT_LADDER


@dataclass(frozen=True, slots=True)
class SupervisionRow:
    municipality: Municipality
    line: LedgerLine | None
    status: PaceStatus
    periods_behind: int
    stage: LadderStage | None
    projected_shortfall: int | None = None

    @property
    def backlog(self) -> int:
        return max(0, -self.line.balance) if self.line else 0


@dataclass(frozen=True, slots=True)
class Supervision:
    province: Province
    period: HalfYear
    on: date
    rows: list[SupervisionRow]
    ladder: tuple[LadderStage, ...] = field(default=DEFAULT_LADDER)

    @property
    def behind(self) -> list[SupervisionRow]:
        return [row for row in self.rows if row.status is PaceStatus.BEHIND]

    @property
    def tally(self) -> StatusTally:
        return StatusTally.of(row.status for row in self.rows)

    @property
    def closed(self) -> bool:
        """Whether the half-year is over on the view's date (only then do letters go out)."""
        return self.period.is_closed_on(self.on)

    @property
    def totals(self) -> tuple[int | None, int | None, int | None, int | None]:
        """Sum of quota, demand, realised and balance over the municipalities with data (None: no data)."""
        lines = [row.line for row in self.rows if row.line]
        if not lines:
            return (None, None, None, None)
        return (
            sum(line.quota for line in lines),
            sum(line.demand for line in lines),
            sum(line.realised for line in lines),
            sum(line.balance for line in lines),
        )


def _supervision_rows(
    municipalities: Sequence[Municipality], *, period: HalfYear, on: date, ladders: dict[int, tuple[LadderStage, ...]]
) -> list[SupervisionRow]:
    """Each municipality's line of ``period`` seen on ``on``, its status, half-years behind and ladder phase
    (the ladder of its own province, from ``ladders`` by province id)."""
    ledgers = _ledgers(municipalities, on=on, until=period)
    rows = []
    for municipality in municipalities:
        book = ledgers[municipality.pk]
        status = book.status_in(period)
        line = book.line_of(period) if status is not PaceStatus.NO_DATA else None  # no data: no figures either
        current = book.current if line is not None and book.current and book.current.line is line else None
        behind = book.periods_behind
        rows.append(
            SupervisionRow(
                municipality=municipality,
                line=line,
                status=status,
                periods_behind=behind,
                stage=ladder_stage(behind, ladders.get(municipality.province_id, DEFAULT_LADDER)),
                projected_shortfall=current.projected_shortfall if current else None,
            )
        )
    return rows


def province_supervision(*, actor: Any, province: Province, period: HalfYear, on: date) -> Supervision:
    """Every municipality of the province in ``period``: quota, demand, realised, balance, status,
    half-years behind in a row and the phase of the intervention ladder (Gemeentewet art. 124)."""
    scope = scope_for(actor)
    if not scope.reads_province(province.pk):
        raise NotFound("Provincie niet gevonden.")
    municipalities = list(Municipality.objects.filter(province=province).order_by("name"))
    view_on = min(on, period.end)
    ladder = province_ladder(province)
    rows = _supervision_rows(municipalities, period=period, on=view_on, ladders={province.pk: ladder})
    return Supervision(province=province, period=period, on=view_on, rows=rows, ladder=ladder)


def supervision_rows(
    *, actor: Any, municipalities: Sequence[Municipality], period: HalfYear, on: date
) -> list[SupervisionRow]:
    """The supervision lines of any set of readable municipalities (a region, the country), each on its own
    province's ladder (Huisvestingswet 2014 art. 28–30; Gemeentewet art. 124)."""
    scope = scope_for(actor)
    require(all(scope.reads_municipality(m.pk) for m in municipalities))
    provinces = {m.province_id for m in municipalities}
    own = defaultdict(list)
    for stage in InterventionStage.objects.filter(province_id__in=provinces):
        own[stage.province_id].append(LadderStage(stage.number, stage.name, stage.periods_behind))
    ladders = {province_id: tuple(own[province_id]) or DEFAULT_LADDER for province_id in provinces}
    return _supervision_rows(municipalities, period=period, on=min(on, period.end), ladders=ladders)


@dataclass(frozen=True, slots=True)
class NationalLine:
    period: HalfYear
    national_total: int | None
    quota: int
    realised: int
    balance: int


def national_ledger(*, actor: Any, on: date) -> list[NationalLine]:
    """The sum over all municipalities per half-year (readers of everything only)."""
    scope = scope_for(actor)
    require(scope.is_superuser or scope.reads_all, "Alleen landelijke gebruikers zien het landelijke overzicht.")
    municipalities = list(Municipality.objects.all())
    ledgers = _ledgers(municipalities, on=on)
    sums: dict[HalfYear, list[int]] = defaultdict(lambda: [0, 0, 0])
    for book in ledgers.values():
        for line in book.lines:
            sums[line.period][0] += line.quota
            sums[line.period][1] += line.realised
            sums[line.period][2] += line.balance
    latest_totals = {}
    for total in NationalTotal.objects.select_related("period").order_by("published_on", "pk"):
        latest_totals[total.period.half_year] = total.total
    return [NationalLine(period, latest_totals.get(period), *values) for period, values in sorted(sums.items())]


def quota_period_get(period: HalfYear) -> QuotaPeriod:
    quota_period = QuotaPeriod.objects.filter(period=str(period)).first()
    if quota_period is None:
        raise NotFound(f"Het halfjaar {period} is niet geopend.")
    return quota_period


def province_behind_count(*, province: Province, period: HalfYear, on: date) -> StatusTally:
    """The province's municipalities ahead, on track, behind and without data in ``period`` seen on ``on``
    (at most its last day), an aggregate that council letters quote ("36 of the 44 municipalities of
    Noord-Holland": ``behind`` of ``judged``). The same judgement as the supervision table's rows."""
    municipalities = list(Municipality.objects.filter(province=province))
    view_on = min(on, period.end)
    ledgers = _ledgers(municipalities, on=view_on, until=period)
    return StatusTally.of(book.status_in(period) for book in ledgers.values())


@dataclass(frozen=True, slots=True)
class HalfYearOutlook:
    """A half-year ahead for status holders: its quota when published, what is carried in, realised and
    planned, and the balance expected at its end (None while the quota is not known: "geen gegevens")."""

    period: HalfYear
    quota: int | None
    carried_in: int | None  # the balance carried in: negative is a backlog (None when it depends on an unknown)
    realised: int
    planned: int

    @property
    def expected_balance(self) -> int | None:
        """Realised plus planned minus the demand (quota minus what is carried in), carried into the next."""
        if self.quota is None or self.carried_in is None:
            return None
        return self.carried_in + self.realised + self.planned - self.quota


def quota_outlook(
    *, actor: Any, municipalities: Sequence[Municipality], on: date, half_years: int = 4
) -> list[HalfYearOutlook]:
    """The running and the next half-years of the municipalities together (Huisvestingswet 2014 art. 29: the
    backlog or surplus carries over), from the ledgers, published quotas and planned realisations."""
    ledgers = quota_ledgers(actor=actor, municipalities=municipalities, on=on)
    ids = list(ledgers)
    first = HalfYear.containing(on)
    periods = [first]
    while len(periods) < half_years:
        last = periods[-1]
        periods.append(HalfYear(last.year + 1, 1) if last.half == 2 else HalfYear(last.year, 2))
    published = {p.half_year: p for p in QuotaPeriod.objects.filter(period__in=[str(p) for p in periods])}
    planned: dict[HalfYear, int] = defaultdict(int)
    rows = Realisation.objects.filter(
        municipality_id__in=ids, planned=True, date__gte=first.start, date__lte=periods[-1].end
    )
    for day, persons in rows.values_list("date", "persons"):
        planned[HalfYear.containing(day)] += persons
    outlook: list[HalfYearOutlook] = []
    carried: int | None = None
    for period in periods:
        lines = [line for ledger in ledgers.values() for line in ledger.lines if line.period == period]
        if lines:
            item = HalfYearOutlook(
                period,
                sum(line.quota for line in lines),
                sum(line.carried_in for line in lines),
                sum(line.realised for line in lines),
                planned[period],
            )
        else:
            quotas = effective_quotas(published[period], ids) if period in published else {}
            item = HalfYearOutlook(period, sum(quotas.values()) if quotas else None, carried, 0, planned[period])
        outlook.append(item)
        carried = item.expected_balance
    return outlook


# --- the follow-up of the province's letters (issue 18, item 4) -----------------------------------------------


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """A municipality's letter about a half-year (None: none recorded), its reply and where it stands on ``on``."""

    municipality: Municipality
    period: HalfYear
    on: date
    letter: SupervisionLetter | None
    reply: SupervisionReply | None

    @property
    def status(self) -> FollowUp:
        return follow_up(
            sent_on=self.letter.sent_on if self.letter else None,
            received_on=self.reply.received_on if self.reply else None,
            in_preparation=self.reply is not None and self.reply.status == ReplyStatus.IN_PREPARATION,
            on=self.on,
        )

    @property
    def reply_due(self) -> date | None:
        return reply_due(self.letter.sent_on) if self.letter else None

    @property
    def past_due(self) -> bool:
        return past_due(
            sent_on=self.letter.sent_on if self.letter else None,
            received_on=self.reply.received_on if self.reply else None,
            on=self.on,
        )

    @property
    def measures(self) -> list[ReplyMeasure]:
        return list(self.reply.measures.all()) if self.reply else []


def _letters(municipality_ids: Iterable[int], period: HalfYear | None = None) -> list[SupervisionLetter]:
    letters = SupervisionLetter.objects.filter(municipality_id__in=list(municipality_ids)).select_related(
        "municipality", "reply"
    )
    if period is not None:
        letters = letters.filter(period=str(period))
    return list(letters.prefetch_related("reply__measures").order_by("municipality__name", "period"))


def _reply(letter: SupervisionLetter) -> SupervisionReply | None:
    try:
        return letter.reply
    except SupervisionReply.DoesNotExist:
        return None


def supervision_follow_up(*, actor: Any, province: Province, period: HalfYear, on: date) -> dict[int, FollowUpRow]:
    """Per municipality id of the province: its letter about ``period``, the reply, and the status on ``on`` (the
    reference date itself, not the half-year's end the ledger figures are capped to). Readers of the province."""
    if not scope_for(actor).reads_province(province.pk):
        raise NotFound("Provincie niet gevonden.")
    municipalities = list(Municipality.objects.filter(province=province).order_by("name"))
    letters = {letter.municipality_id: letter for letter in _letters([m.pk for m in municipalities], period)}
    return {
        m.pk: FollowUpRow(m, period, on, letters.get(m.pk), _reply(letters[m.pk]) if m.pk in letters else None)
        for m in municipalities
    }


def letters_list(*, actor: Any, province: Province, period: HalfYear | None, on: date) -> list[FollowUpRow]:
    """The letters the province recorded (of one half-year, or all), each with its reply and status on ``on``."""
    if not scope_for(actor).reads_province(province.pk):
        raise NotFound("Provincie niet gevonden.")
    ids = Municipality.objects.filter(province=province).values_list("pk", flat=True)
    return [
        FollowUpRow(letter.municipality, HalfYear.parse(letter.period), on, letter, _reply(letter))
        for letter in _letters(ids, period)
    ]


def municipality_follow_up(*, actor: Any, municipality: Municipality, on: date) -> list[FollowUpRow]:
    """The province's letters to the municipality, the latest half-year first, each with the reply and status on
    ``on`` (readers of the municipality)."""
    require(scope_for(actor).reads_municipality(municipality.pk))
    letters = _letters([municipality.pk])
    return [
        FollowUpRow(municipality, HalfYear.parse(letter.period), on, letter, _reply(letter))
        for letter in sorted(letters, key=lambda letter: letter.period, reverse=True)
    ]


def letter_follow_up(*, actor: Any, municipality: Municipality, period: HalfYear, on: date) -> FollowUpRow:
    """The municipality's letter about ``period`` (None when not recorded) with its reply (readers)."""
    require(scope_for(actor).reads_municipality(municipality.pk))
    letter = next(iter(_letters([municipality.pk], period)), None)
    return FollowUpRow(municipality, period, on, letter, _reply(letter) if letter else None)
