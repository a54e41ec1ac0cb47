"""Writes for the status-holder quota: periods, national totals and their revisions, published quotas,
joint changes (art. 29(2)), opening balances and realisations. Validation, permission, transaction, audit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from opvangregie import clock
from opvangregie.areas.models import Municipality, MunicipalityYear
from opvangregie.audit import audited_delete, audited_save
from opvangregie.core.apportion import Method, apportion
from opvangregie.core.codes import MunicipalityCode
from opvangregie.core.errors import ValidationError
from opvangregie.core.periods import HalfYear
from opvangregie.locations.models import Location
from opvangregie.locations.services import plausible_date
from opvangregie.organisations.scope import require, scope_for
from opvangregie.quotas.models import (
    LedgerOpening,
    MunicipalQuota,
    NationalTotal,
    QuotaArrangement,
    QuotaArrangementLine,
    QuotaKind,
    QuotaPeriod,
    Realisation,
    ReplyMeasure,
    ReplyStatus,
    SupervisionLetter,
    SupervisionReply,
)
from opvangregie.ui.imports import all_rows_or_none
from opvangregie.ui.tables import TableRow, cell_date, cell_int, quoted, read_table

NO_NATIONAL = "Alleen landelijke beheerders stellen het landelijke aantal statushouders vast."
NO_EDIT = "U mag de statushoudergegevens van deze gemeente niet wijzigen."


def _require_national(actor: Any) -> None:
    require(scope_for(actor).edits_national, NO_NATIONAL)


def population_for(period: HalfYear) -> dict[Municipality, int]:
    """CBS population per municipality on 1 January of the year before the half-year (art. 29(1): iG, iN)."""
    rows = MunicipalityYear.objects.filter(population_date=period.population_date).select_related("municipality")
    population = {row.municipality: row.population for row in rows}
    if not population:
        raise ValidationError(
            f"Er zijn geen CBS-inwonertallen van {period.population_date:%d-%m-%Y} geladen; die zijn nodig voor "
            f"de taakstelling {period} (Huisvestingswet art. 29: 1 januari van het voorgaande jaar)."
        )
    return population


def _compute_quotas(*, actor: Any, quota_period: QuotaPeriod, national: NationalTotal) -> int:
    """Computed quotas of every municipality from ``national`` (one new version each); returns the count."""
    population = population_for(quota_period.half_year)
    seats = apportion(population, national.total, Method(quota_period.rounding_method))
    national_population = sum(population.values())
    for municipality, value in seats.items():
        audited_save(
            MunicipalQuota(
                period=quota_period,
                municipality=municipality,
                kind=QuotaKind.COMPUTED,
                value=value,
                national_total=national,
                source=f"berekend: {national.total} × inwoners / {national_population}",
            ),
            actor=actor,
        )
    return len(seats)


@transaction.atomic
def period_open(
    *,
    actor: Any,
    period: HalfYear,
    national_total: int,
    published_on: date,
    source: str = "",
    method: Method = Method.STATUTORY_CEILING,
) -> QuotaPeriod:
    """Open a half-year with its national number and compute every municipality's quota (art. 29(1))."""
    _require_national(actor)
    if national_total <= 0:
        raise ValidationError("Het landelijke aantal moet groter zijn dan nul.")
    if method not in (Method.STATUTORY_CEILING, Method.HALF_UP, Method.HAMILTON):
        raise ValidationError("Kies wettelijk afronden naar boven, gewoon afronden of grootste overschot.")
    if QuotaPeriod.objects.filter(period=str(period)).exists():
        raise ValidationError(f"Het halfjaar {period} is al geopend; leg een wijziging vast als herziening.")
    quota_period = QuotaPeriod(period=str(period), rounding_method=method.value)
    audited_save(quota_period, actor=actor, reason="period opened")
    national = NationalTotal(period=quota_period, total=national_total, published_on=published_on, source=source)
    audited_save(national, actor=actor)
    _compute_quotas(actor=actor, quota_period=quota_period, national=national)
    return quota_period


@transaction.atomic
def national_total_revise(
    *, actor: Any, quota_period: QuotaPeriod, national_total: int, published_on: date, source: str = ""
) -> NationalTotal:
    """Record a revised national number mid-period; every computed quota gets a new version."""
    _require_national(actor)
    if national_total <= 0:
        raise ValidationError("Het landelijke aantal moet groter zijn dan nul.")
    latest = quota_period.national_totals.order_by("-published_on", "-pk").first()
    if latest is not None and published_on < latest.published_on:
        raise ValidationError(
            f"Een herziening kan niet eerder zijn dan de vorige publicatie ({latest.published_on:%d-%m-%Y})."
        )
    national = NationalTotal(period=quota_period, total=national_total, published_on=published_on, source=source)
    audited_save(national, actor=actor, reason="national total revised")
    _compute_quotas(actor=actor, quota_period=quota_period, national=national)
    return national


@dataclass(frozen=True, slots=True)
class QuotaDifference:
    """A published quota beside the computed one."""

    code: str
    name: str
    computed: int | None
    published: int

    @property
    def difference(self) -> int | None:
        return None if self.computed is None else self.published - self.computed


def _latest_computed(quota_period: QuotaPeriod) -> dict[int, int]:
    latest: dict[int, int] = {}
    for municipality_id, value in (
        quota_period.quotas.filter(kind=QuotaKind.COMPUTED)
        .order_by("created_at", "pk")
        .values_list("municipality_id", "value")
    ):
        latest[municipality_id] = value
    return latest


def published_quotas_import(
    *, actor: Any, quota_period: QuotaPeriod, file_name: str, content: bytes, source: str = ""
) -> list[QuotaDifference]:
    """Import published quotas (columns ``gemeentecode``, ``taakstelling``); they win over computed ones.

    All rows or none: an unknown code, a duplicate or a negative number refuses the file with a report
    per row. Returns every imported row with the computed quota beside it.
    """
    _require_national(actor)
    rows = read_table(
        file_name=file_name,
        content=content,
        required=("gemeentecode", "taakstelling"),
        optional=("gemeente", "opmerking"),
        aliases={"code": "gemeentecode", "quota": "taakstelling", "name": "gemeente", "gemeentenaam": "gemeente"},
    )
    municipalities = {m.code: m for m in Municipality.objects.all()}
    computed = _latest_computed(quota_period)
    seen: dict[str, int] = {}
    differences: list[QuotaDifference] = []

    def record(row: TableRow) -> None:
        code = str(MunicipalityCode.parse(str(row.values["gemeentecode"] or "")))
        municipality = municipalities.get(code)
        if municipality is None:
            raise ValidationError(f"onbekende gemeentecode {code}.")
        if code in seen:
            raise ValidationError(f"{code} staat ook op regel {seen[code]}.")
        seen[code] = row.line
        value = cell_int(row.values["taakstelling"], "taakstelling")
        if value is None or value < 0:
            raise ValidationError("de taakstelling moet een geheel getal van 0 of meer zijn.")
        audited_save(
            MunicipalQuota(
                period=quota_period,
                municipality=municipality,
                kind=QuotaKind.PUBLISHED,
                value=value,
                source=source or f"gepubliceerd ({file_name})",
            ),
            actor=actor,
        )
        differences.append(QuotaDifference(code, municipality.name, computed.get(municipality.pk), value))

    all_rows_or_none(rows, record)
    return differences


@transaction.atomic
def quota_publish(
    *,
    actor: Any,
    quota_period: QuotaPeriod,
    municipality: Municipality,
    value: int,
    source: str,
    is_example: bool = False,
) -> MunicipalQuota:
    """Record one published quota (e.g. from the circular's Bijlage A or a council letter)."""
    _require_national(actor)
    if value < 0:
        raise ValidationError("Een taakstelling kan niet negatief zijn.")
    quota = MunicipalQuota(
        period=quota_period,
        municipality=municipality,
        kind=QuotaKind.PUBLISHED,
        value=value,
        source=source,
        is_example=is_example,
    )
    audited_save(quota, actor=actor)
    return quota


@transaction.atomic
def arrangement_record(
    *, actor: Any, quota_period: QuotaPeriod, agreed_on: date, description: str, changes: Mapping[Municipality, int]
) -> QuotaArrangement:
    """Two or more municipalities jointly change their quotas; refused unless the sum stays the same (art. 29(2))."""
    scope = scope_for(actor)
    if len([m for m, delta in changes.items() if delta]) < 2:
        raise ValidationError("Een gezamenlijke wijziging gaat over minstens twee gemeenten.")
    for municipality in changes:
        require(
            scope.edits_municipality(municipality.pk),
            f"U mag de taakstelling van {municipality.name} niet wijzigen; elke betrokken gemeente moet instemmen.",
        )
    balance = sum(changes.values())
    if balance:
        raise ValidationError(
            f"De wijzigingen tellen op tot {balance:+d}: bij een gezamenlijke wijziging moet de som van de "
            "taakstellingen gelijk blijven (Huisvestingswet 2014 art. 29 lid 2)."
        )
    if not description.strip():
        raise ValidationError("Beschrijf de afspraak.")
    from opvangregie.quotas.selectors import effective_quotas

    current = effective_quotas(quota_period, [m.pk for m in changes])
    for municipality, delta in changes.items():
        if current.get(municipality.pk, 0) + delta < 0:
            raise ValidationError(f"De taakstelling van {municipality.name} zou negatief worden.")
    arrangement = QuotaArrangement(period=quota_period, agreed_on=agreed_on, description=description.strip())
    audited_save(arrangement, actor=actor)
    for municipality, delta in changes.items():
        audited_save(QuotaArrangementLine(arrangement=arrangement, municipality=municipality, delta=delta), actor=actor)
    return arrangement


@transaction.atomic
def ledger_opening_set(
    *, actor: Any, municipality: Municipality, period: HalfYear, balance: int, source: str = ""
) -> LedgerOpening:
    """The balance carried into ``period``, the first half-year this ledger keeps (backlog negative)."""
    require(scope_for(actor).edits_municipality(municipality.pk), NO_EDIT)
    opening = LedgerOpening.objects.filter(municipality=municipality).first() or LedgerOpening(
        municipality=municipality
    )
    opening.period, opening.balance, opening.source = str(period), balance, source
    audited_save(opening, actor=actor)
    return opening


@dataclass(frozen=True, slots=True)
class RealisationInput:
    """Persons of one household housed on a date (or planned, when matched but not yet housed)."""

    on: date
    persons: int
    household_ref: str = ""
    location_id: int | None = None
    planned: bool = False
    note: str = ""
    is_example: bool = False


def _validate_realisation(municipality: Municipality, data: RealisationInput) -> Location | None:
    if data.persons < 1:
        raise ValidationError("Een realisatie betreft minstens één persoon.")
    if data.persons > 30:
        raise ValidationError("Meer dan 30 personen in één realisatie is niet aannemelijk; registreer per huishouden.")
    today = clock.today()
    if not data.planned and data.on > today:
        raise ValidationError(f"De datum {data.on:%d-%m-%Y} ligt in de toekomst; registreer dit als gepland.")
    if data.location_id is None:
        return None
    location = Location.objects.filter(pk=data.location_id, municipality=municipality).first()
    if location is None:
        raise ValidationError(f"Die locatie hoort niet bij {municipality.name}.")
    return location


@transaction.atomic
def realisation_record(*, actor: Any, municipality: Municipality, data: RealisationInput) -> Realisation:
    """Record status holders housed (Huisvestingswet art. 28) by the municipality's own editors."""
    require(scope_for(actor).edits_municipality(municipality.pk), NO_EDIT)
    location = _validate_realisation(municipality, data)
    realisation = Realisation(
        municipality=municipality,
        date=data.on,
        persons=data.persons,
        household_ref=data.household_ref.strip(),
        location=location,
        planned=data.planned,
        note=data.note,
        is_example=data.is_example,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audited_save(realisation, actor=actor)
    return realisation


TRUE_WORDS = {"ja", "j", "yes", "y", "1", "true", "waar", "x", "gepland"}


REALISATION_COLUMNS = ("datum", "personen")
REALISATION_OPTIONAL = ("huishouden", "locatie", "gepland", "opmerking")


def realisations_import(*, actor: Any, municipality: Municipality, file_name: str, content: bytes) -> int:
    """Import realisations (columns ``datum``, ``personen``; optional ``huishouden``, ``locatie``,
    ``gepland``, ``opmerking``): all rows or none, with a report per row."""
    require(scope_for(actor).edits_municipality(municipality.pk), NO_EDIT)
    rows = read_table(
        file_name=file_name,
        content=content,
        required=REALISATION_COLUMNS,
        optional=REALISATION_OPTIONAL,
        aliases={"date": "datum", "persons": "personen", "household": "huishouden", "location": "locatie"},
    )
    locations = {loc.name.casefold(): loc.pk for loc in Location.objects.filter(municipality=municipality)}
    seen: dict[str, int] = {}

    def record(row: TableRow) -> None:
        on = cell_date(row.values.get("datum"), "datum")
        persons = cell_int(row.values.get("personen"), "personen")
        if on is None or persons is None:
            raise ValidationError("datum en personen zijn verplicht.")
        household = str(row.values.get("huishouden") or "").strip()
        if household:
            if household in seen:
                raise ValidationError(f"huishouden {household} staat ook op regel {seen[household]}.")
            seen[household] = row.line
        location_name = str(row.values.get("locatie") or "").strip()
        location_id = None
        if location_name:
            location_id = locations.get(location_name.casefold())
            if location_id is None:
                raise ValidationError(f"onbekende locatie {quoted(location_name)} in {municipality.name}.")
        realisation_record(
            actor=actor,
            municipality=municipality,
            data=RealisationInput(
                on=on,
                persons=persons,
                household_ref=household,
                location_id=location_id,
                planned=str(row.values.get("gepland") or "").strip().lower() in TRUE_WORDS,
                note=str(row.values.get("opmerking") or "")[:300],
            ),
        )

    all_rows_or_none(rows, record)
    return len(rows)


# --- the follow-up of the province's letters (issue 18, item 4) -----------------------------------------------

NO_LETTER_EDIT = "Alleen de provincie van deze gemeente registreert haar brieven."
NO_REPLY_EDIT = "Alleen de gemeente zelf legt haar reactie op de brief van de provincie vast."
MAX_MEASURES = 10


def letters_editable(*, actor: Any, province_id: int) -> bool:
    """The province's editors (and administrators) record the letters it sent to its municipalities."""
    scope = scope_for(actor)
    return scope.is_superuser or province_id in scope.editable_province_ids


def letter_editable(*, actor: Any, municipality: Municipality) -> bool:
    """Whether ``actor`` records the letters of the municipality's province (a municipality never does)."""
    return letters_editable(actor=actor, province_id=municipality.province_id)


def reply_editable(*, actor: Any, municipality: Municipality) -> bool:
    """Only the municipality's own editors (and administrators) record its reply; its province may not."""
    return scope_for(actor).edits_municipality(municipality.pk)


@transaction.atomic
def letter_record(
    *, actor: Any, municipality: Municipality, period: HalfYear, sent_on: date, document_reference: str = ""
) -> SupervisionLetter:
    """Record (or correct) that the province sent its letter about ``period`` to ``municipality`` on
    ``sent_on``: after the half-year ended and not later than today."""
    require(letter_editable(actor=actor, municipality=municipality), NO_LETTER_EDIT)
    plausible_date(sent_on, "De verzenddatum")
    if sent_on <= period.end:
        raise ValidationError(
            f"De brief over {period} gaat na afloop van het halfjaar ({period.end:%d-%m-%Y}) uit; "
            f"{sent_on:%d-%m-%Y} ligt daarvoor."
        )
    if sent_on > clock.today():
        raise ValidationError(
            f"De verzenddatum {sent_on:%d-%m-%Y} ligt in de toekomst; registreer een verzonden brief."
        )
    letter = SupervisionLetter.objects.filter(municipality=municipality, period=str(period)).first()
    reply = SupervisionReply.objects.filter(letter=letter).first() if letter else None
    if reply is not None and reply.received_on is not None and reply.received_on < sent_on:
        raise ValidationError("De reactie van de gemeente is ontvangen vóór deze verzenddatum.")
    record = letter or SupervisionLetter(municipality=municipality, period=str(period))
    record.province_id = municipality.province_id
    record.sent_on, record.document_reference = sent_on, document_reference.strip()
    audited_save(record, actor=actor, reason="letter corrected" if letter else "letter sent")
    return record


@dataclass(frozen=True, slots=True)
class MeasureInput:
    description: str
    target_date: date | None = None


@dataclass(frozen=True, slots=True)
class ReplyInput:
    """The municipality's reply: received on a date, or in preparation; what it says and what it plans."""

    status: ReplyStatus
    received_on: date | None = None
    summary: str = ""
    document_reference: str = ""
    measures: tuple[MeasureInput, ...] = ()


def _validate_reply(letter: SupervisionLetter, data: ReplyInput) -> None:
    status = ReplyStatus(data.status)
    if status is ReplyStatus.RECEIVED:
        if data.received_on is None:
            raise ValidationError("Vul de datum in waarop de reactie is verstuurd of ontvangen.")
        plausible_date(data.received_on, "De datum van de reactie")
        if data.received_on < letter.sent_on:
            raise ValidationError(
                f"De reactie kan niet vóór de brief van de provincie ({letter.sent_on:%d-%m-%Y}) zijn ontvangen."
            )
        if data.received_on > clock.today():
            raise ValidationError(f"De datum {data.received_on:%d-%m-%Y} ligt in de toekomst.")
    elif data.received_on is not None:
        raise ValidationError("Een reactie in voorbereiding heeft nog geen ontvangstdatum.")
    if len(data.measures) > MAX_MEASURES:
        raise ValidationError(f"Leg ten hoogste {MAX_MEASURES} maatregelen vast.")
    for measure in data.measures:
        if not measure.description.strip():
            raise ValidationError("Beschrijf elke maatregel.")
        plausible_date(measure.target_date, "De streefdatum")


@transaction.atomic
def reply_record(*, actor: Any, municipality: Municipality, period: HalfYear, data: ReplyInput) -> SupervisionReply:
    """Record (or correct) the municipality's reply to the province's letter about ``period``, with its planned
    measures (they replace the ones recorded before). The municipality's own editors only."""
    require(reply_editable(actor=actor, municipality=municipality), NO_REPLY_EDIT)
    letter = SupervisionLetter.objects.filter(municipality=municipality, period=str(period)).first()
    if letter is None:
        raise ValidationError(f"Er is geen brief van de provincie over {period} geregistreerd om op te reageren.")
    _validate_reply(letter, data)
    reply = SupervisionReply.objects.filter(letter=letter).first()
    record = reply or SupervisionReply(letter=letter)
    record.status = ReplyStatus(data.status).value
    record.received_on = data.received_on
    record.summary, record.document_reference = data.summary, data.document_reference.strip()
    audited_save(record, actor=actor, reason="reply corrected" if reply else "reply recorded")
    for old in list(record.measures.all()):
        audited_delete(old, actor=actor, reason="measures replaced")
    for measure in data.measures:
        audited_save(
            ReplyMeasure(reply=record, description=measure.description.strip(), target_date=measure.target_date),
            actor=actor,
        )
    return record
