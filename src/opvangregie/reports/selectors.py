"""The council letter (raadsinformatiebericht) of a municipality and quarter, assembled from the data.

Every figure comes from the selectors of the other apps, each with its reference date; only the
narrative paragraphs are written by the officer (text blocks per section and quarter, carried over from
the previous quarter as a starting point). Sections follow Heemstede's letter of 11 November 2025.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import translation

from opvangregie import clock
from opvangregie.areas.models import Municipality
from opvangregie.communication.selectors import NewsLine, quarter_news
from opvangregie.core.ledger import LedgerLine
from opvangregie.core.periods import HalfYear, Quarter
from opvangregie.core.target_groups import TargetGroup
from opvangregie.households import selectors as household_selectors
from opvangregie.locations import selectors as location_selectors
from opvangregie.locations.models import Location, LocationEvent, StatusChange
from opvangregie.organisations.scope import municipality_readable, require, scope_for
from opvangregie.placement.usable_report import UsableReport, usable_report
from opvangregie.quotas import selectors as quota_selectors
from opvangregie.quotas.letters import dutch_date
from opvangregie.quotas.pipeline import pipeline_sentences
from opvangregie.reports.agenda import Agenda, area_agenda
from opvangregie.reports.forward import ForwardLook, forward_look
from opvangregie.reports.models import LetterAttachment, LetterHeader, LetterSettings, Section, TextBlock
from opvangregie.support.selectors import LetterSection, letter_sections


def year_before(on: date) -> date:
    return on.replace(year=on.year - 1, day=min(on.day, 28))


@dataclass(frozen=True, slots=True)
class LocationNews:
    location: Location
    status_changes: list[StatusChange]
    events: list[LocationEvent]
    log: list[NewsLine] = field(default_factory=list)  # decisions and communications of the quarter


@dataclass(frozen=True, slots=True)
class ProvinceContext:
    """The letter's "In het halfjaar X haalden N van de M gemeenten in <provincie> hun taakstelling niet":
    ``behind`` of the ``municipalities`` with data in the province's supervision of that closed half-year."""

    period: HalfYear
    behind: int
    municipalities: int


def _group_name(group: TargetGroup) -> str:
    """The target group's Dutch name at the start of a table cell: "Oekraïense ontheemden", "AMV"."""
    label = group.label_nl
    return label.upper() if len(label) <= 3 else label[:1].upper() + label[1:]


@dataclass(frozen=True, slots=True)
class CouncilLetter:
    municipality: Municipality
    quarter: Quarter
    on: date
    settings: LetterSettings
    ukrainian: location_selectors.Overview
    asylum: location_selectors.Overview
    amv: location_selectors.Overview
    news: list[LocationNews]
    ledger: quota_selectors.MunicipalityLedger
    province: ProvinceContext | None
    texts: dict[str, str] = field(default_factory=dict)
    households: household_selectors.MonthCounts | None = None
    usable: UsableReport | None = None
    ukrainian_series: list[location_selectors.SeriesPoint] = field(default_factory=list)
    header: LetterHeader | None = None
    forward: ForwardLook | None = None
    agenda: Agenda | None = None
    attachments: list[LetterAttachment] = field(default_factory=list)
    support: list[LetterSection] = field(default_factory=list)  # the support programmes' figures in sentences
    pipeline: str = ""  # the status holders planned and still to be housed, in words

    FORWARD_HEADER = (
        "Doelgroep",
        "Kwartaal",
        "Plekken",
        "Waarvan verwacht",
        "Taakstelling",
        "Plekken min taakstelling",
    )

    @property
    def forward_rows(self) -> list[list[object]]:
        """ "Verwachting komende kwartalen": places per target group at each quarter's end against the target."""
        if self.forward is None:
            return []
        return [
            [
                _group_name(line.target_group),
                f"{line.period} (t/m {dutch_date(line.on)})",
                line.places,
                line.expected_places,
                "geen gegevens" if line.target is None else line.target,
                "–" if line.gap is None else f"{line.gap:+d}",
            ]
            for group in self.forward.base.target_groups
            for line in self.forward.rows(group)
        ]

    @property
    def forward_note(self) -> str:
        return (
            f"Verwachting vanaf {dutch_date(self.on)}: een locatie telt mee vanaf haar (verwachte) ingebruikname tot "
            "zij buiten gebruik gaat of haar vergunning afloopt. Verwachte datums zijn plannen, geen feiten."
        )

    @property
    def agenda_rows(self) -> list[tuple[str, str]]:
        """ "Agenda komende 90 dagen" from the reference date: the date and what happens (expected/overdue marked)."""
        if self.agenda is None:
            return []
        return [
            (
                dutch_date(item.day),
                item.title + (" (verwacht)" if item.is_expected else "") + (" (te laat)" if item.overdue else ""),
            )
            for item in self.agenda.upcoming()
        ]

    @property
    def header_rows(self) -> list[tuple[str, str]]:
        """The letter's header table, as in Heemstede's raadsinformatiebericht."""
        header = self.header or LetterHeader()
        return [
            ("Soort bericht", self.letter_types),
            ("Vergaderdatum", dutch_date(header.meeting_date) if header.meeting_date else "–"),
            ("Onderwerp", f"{self.settings.subject}, {self.quarter}"),
            ("Zaaknummer", header.case_number or "–"),
            ("Peildatum cijfers", dutch_date(self.on)),
            ("Team", self.settings.team or "–"),
            ("Portefeuillehouder(s)", self.settings.portfolio_holders or "–"),
            ("Openbaarheid", self.settings.publicity),
        ]

    SUPPORT_TITLES = (("work_income", "Werk en inkomen"), ("mental_wellbeing", "Mentaal welzijn"))

    @property
    def support_sections(self) -> list[tuple[str, str, tuple[str, ...], str]]:
        """ "Werk en inkomen" and "Mentaal welzijn": (id, title, the programmes' sentences, the officer's text),
        each section that has either."""
        lines = {section.kind: section.lines for section in self.support}
        return [
            (kind, title, lines.get(kind, ()), self.texts.get(kind, ""))
            for kind, title in self.SUPPORT_TITLES
            if lines.get(kind) or self.texts.get(kind)
        ]

    @property
    def letter_types(self) -> str:
        """The header's check boxes: "☒ Ter informatie/update ☐ Beantwoording schriftelijke vragen ..."."""
        header = self.header or LetterHeader()
        return "  ".join(
            f"{'☒' if getattr(header, name) else '☐'} {label}" for name, label in LetterHeader.LETTER_TYPES
        )

    @property
    def ukrainian_status(self) -> str:
        """The date of the Ukrainian table and its usable free places, in one sentence (one meaning of "vol")."""
        day = dutch_date(self.on)
        totals = self.ukrainian.totals
        if not totals.locations_in_use:
            return f"Stand per {day}."
        if totals.is_full:
            return (
                f"Stand per {day}. Er zijn op die datum geen bruikbare vrije plekken: hoeveel plekken werkelijk "
                "bezet kunnen worden, hangt af van de gezinssamenstelling per kamer."
            )
        places = "bruikbare vrije plek" if totals.free_places == 1 else "bruikbare vrije plekken"
        return f"Stand per {day}. Er zijn op die datum {totals.free_places} {places}."

    @property
    def usable_footnote(self) -> str:
        """Why free places are not usable places: the footnote to the Ukrainian table (room rules, EUAA)."""
        total = self.usable.total if self.usable else None
        if total is None or not total.rooms:
            return ""
        return (
            f"Op {dutch_date(self.on)}: van de {total.beds} bedden in de kamers zijn er {total.free_beds} vrij; "
            f"{total.unusable_beds} daarvan staan in kamers waar al een huishouden woont dat de kamer niet met "
            f"onbekenden deelt (één gezin per kamer). Bruikbare vrije plekken: {total.usable_beds}. Plaatsbaar: "
            f"{total.single_men} alleenstaande mannen, {total.single_women} alleenstaande vrouwen en "
            f"{total.empty_rooms} lege kamers voor gezinnen."
        )

    @property
    def households_paragraph(self) -> str:
        """The household counts on the first day of the quarter, from the household register (monthly run)."""
        counts = self.households
        if counts is None or not counts.persons:
            return ""
        return (
            f"Op {dutch_date(counts.on)} verblijven {counts.persons} Oekraïners in {self.municipality.name}: "
            f"{counts.persons_private} in particuliere en {counts.persons_municipal} in gemeentelijke opvang. "
            f"{counts.leefgeld} huishoudens ontvangen leefgeld ({counts.leefgeld_private} particulier, "
            f"{counts.leefgeld_municipal} gemeentelijk), van wie {counts.leefgeld_pension_age} met "
            f"pensioengerechtigde leeftijd. {counts.paying} huishoudens betalen een eigen bijdrage."
        )

    @property
    def ledger_rows(self) -> list[quota_selectors.LedgerRow]:
        """The half-years of the letter's year."""
        return [row for row in self.ledger.rows if row.line.period.year == self.quarter.year]

    @property
    def chart_since(self) -> date:
        """The occupancy chart covers the year up to the reference date."""
        return year_before(self.on)

    @property
    def quota_lines(self) -> list[LedgerLine]:
        """The half-years of the quota chart: the letter's year and the year before, as far as begun."""
        return [
            line
            for line in self.ledger.lines
            if self.quarter.year - 1 <= line.period.year <= self.quarter.year and line.period.start <= self.on
        ]


def text_blocks(municipality: Municipality, quarter: Quarter) -> dict[str, str]:
    """The officer's text per section; a section not yet written starts from the previous quarter's text."""
    texts: dict[str, str] = {}
    blocks = TextBlock.objects.filter(municipality=municipality, quarter__in=[str(quarter), str(quarter.previous())])
    for block in sorted(blocks, key=lambda b: b.quarter):  # this quarter's text overrides the previous one
        texts[block.section] = block.text
    return {section: texts.get(section, "") for section in Section.values}


def require_letter_editor(actor: Any, municipality: Municipality) -> None:
    """Only the municipality's own editors (and administrators) make, see and download its letters."""
    require(
        scope_for(actor).edits_municipality(municipality.pk),
        "Alleen de eigen gemeente maakt haar raadsinformatiebericht; u heeft geen toegang.",
    )


def letter_municipality(actor: Any, code: str) -> Municipality:
    """The municipality ``code`` when ``actor`` may write its letter: others get 403 (readers) or 404 (strangers)."""
    municipality = municipality_readable(scope_for(actor), code)
    require_letter_editor(actor, municipality)
    return municipality


def council_letter(
    *,
    actor: Any,
    municipality: Municipality,
    quarter: Quarter,
    on: date | None = None,
    shared: dict[Any, Any] | None = None,
) -> CouncilLetter:
    """Assemble the letter: the municipality's own editors (the officers who write it) and administrators only.

    ``shared``: figures the letters of one batch have in common (the province's tally), kept across its letters.
    """
    require_letter_editor(actor, municipality)
    on = on or quarter.default_reference_date
    settings = LetterSettings.objects.filter(municipality=municipality).first() or LetterSettings(
        municipality=municipality
    )
    locations = Location.objects.filter(municipality=municipality).order_by("name")
    with translation.override("nl"):  # the letter is Dutch whatever the officer's language
        logs = quarter_news(municipality=municipality, quarter=quarter)
    news = []
    for location in locations.prefetch_related("status_changes", "events"):
        changes = [c for c in location.status_changes.all() if quarter.start <= c.effective_date <= quarter.end]
        events = [e for e in location.events.all() if quarter.previous().start <= e.date <= quarter.end]
        log = logs.get(location.pk, [])
        if changes or events or log:
            news.append(LocationNews(location, changes, sorted(events, key=lambda e: e.date), log))
    ledger = quota_selectors.quota_ledger(actor=actor, municipality=municipality, on=on)
    attachments = list(LetterAttachment.objects.filter(municipality=municipality, quarter=str(quarter)))
    closed = ledger.closed
    province = None
    if closed:  # the province's municipalities in the last closed half-year, judged as its supervision does
        period = closed[-1].period
        key = ("province_behind_count", municipality.province_id, period, on)
        cache = {} if shared is None else shared
        if key not in cache:
            cache[key] = quota_selectors.province_behind_count(province=municipality.province, period=period, on=on)
        tally = cache[key]
        if tally.judged:  # without data: no sentence rather than "0 of 0"
            province = ProvinceContext(period, tally.behind, tally.judged)

    def overview(group: TargetGroup) -> location_selectors.Overview:
        return location_selectors.municipality_overview(
            actor=actor, municipality=municipality, on=on, target_group=group
        )

    return CouncilLetter(
        municipality=municipality,
        quarter=quarter,
        on=on,
        settings=settings,
        ukrainian=overview(TargetGroup.UKRAINIAN),
        asylum=overview(TargetGroup.ASYLUM),
        amv=overview(TargetGroup.AMV),
        news=news,
        ledger=ledger,
        province=province,
        texts=text_blocks(municipality, quarter),
        header=LetterHeader.objects.filter(municipality=municipality, quarter=str(quarter)).first(),
        households=household_selectors.month_counts(municipality=municipality, on=quarter.start),
        ukrainian_series=location_selectors.municipality_series(
            actor=actor,
            municipality=municipality,
            target_group=TargetGroup.UKRAINIAN,
            since=year_before(on),
            until=on,
        ),
        usable=usable_report(actor=actor, municipalities=[municipality], now=clock.midday(on)),
        forward=forward_look(actor=actor, municipality_ids=[municipality.pk], today=on),
        agenda=area_agenda(actor=actor, municipalities=[municipality], today=on),
        attachments=attachments,
        pipeline=pipeline_sentences(ledger),
        support=letter_sections(municipality=municipality, quarter=quarter),
    )
