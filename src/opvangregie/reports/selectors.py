"""The council letter (raadsinformatiebericht) of a municipality and quarter, assembled from the data.

Every figure comes from the selectors of the other apps, each with its reference date; only the
narrative paragraphs are written by the officer (text blocks per section and quarter, carried over from
the previous quarter as a starting point). Sections follow Heemstede's letter of 11 November 2025.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from opvangregie.areas.models import Municipality
from opvangregie.core.periods import HalfYear, Quarter
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations import selectors as location_selectors
from opvangregie.locations.models import Location, LocationEvent, StatusChange
from opvangregie.organisations.scope import require, scope_for
from opvangregie.placement import selectors as placement_selectors
from opvangregie.placement.usable_report import UsableReport, usable_report
from opvangregie.quotas import selectors as quota_selectors
from opvangregie.quotas.letters import dutch_date
from opvangregie.reports.models import LetterSettings, Section, TextBlock


@dataclass(frozen=True, slots=True)
class LocationNews:
    location: Location
    status_changes: list[StatusChange]
    events: list[LocationEvent]


@dataclass(frozen=True, slots=True)
class ProvinceContext:
    period: HalfYear
    behind: int
    municipalities: int


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
    households: placement_selectors.MonthCounts | None = None
    usable: UsableReport | None = None

    @property
    def usable_footnote(self) -> str:
        """Why free places are not usable places: the footnote to the Ukrainian table (room rules, EUAA)."""
        total = self.usable.total if self.usable else None
        if total is None or not total.rooms:
            return ""
        return (
            f"Van de {total.beds} bedden in de kamers zijn er {total.free_beds} vrij; {total.unusable_beds} daarvan "
            "staan in kamers waar al een huishouden woont dat de kamer niet met onbekenden deelt (één gezin per "
            f"kamer). Plaatsbaar: {total.single_men} alleenstaande mannen, {total.single_women} alleenstaande "
            f"vrouwen en {total.empty_rooms} lege kamers voor gezinnen."
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


def text_blocks(municipality: Municipality, quarter: Quarter) -> dict[str, str]:
    """The officer's text per section; a section not yet written starts from the previous quarter's text."""
    texts: dict[str, str] = {}
    blocks = TextBlock.objects.filter(municipality=municipality, quarter__in=[str(quarter), str(quarter.previous())])
    for block in sorted(blocks, key=lambda b: b.quarter):  # this quarter's text overrides the previous one
        texts[block.section] = block.text
    return {section: texts.get(section, "") for section in Section.values}


def council_letter(
    *, actor: Any, municipality: Municipality, quarter: Quarter, on: date | None = None
) -> CouncilLetter:
    """Assemble the letter: the municipality's own editors (the officers who write it) and administrators only."""
    require(
        scope_for(actor).edits_municipality(municipality.pk),
        "Alleen de eigen gemeente maakt haar raadsinformatiebericht; u heeft geen toegang.",
    )
    on = on or quarter.default_reference_date
    settings = LetterSettings.objects.filter(municipality=municipality).first() or LetterSettings(
        municipality=municipality
    )
    locations = Location.objects.filter(municipality=municipality).order_by("name")
    news = []
    for location in locations.prefetch_related("status_changes", "events"):
        changes = [c for c in location.status_changes.all() if quarter.start <= c.effective_date <= quarter.end]
        events = [e for e in location.events.all() if quarter.previous().start <= e.date <= quarter.end]
        if changes or events:
            news.append(LocationNews(location, changes, sorted(events, key=lambda e: e.date)))
    ledger = quota_selectors.quota_ledger(actor=actor, municipality=municipality, on=on)
    closed = [line.period for line in ledger.lines if line.period.end < on]
    province = None
    if closed:
        behind, total = quota_selectors.province_behind_count(province=municipality.province, period=closed[-1])
        province = ProvinceContext(closed[-1], behind, total)

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
        households=placement_selectors.month_counts(municipality=municipality, on=quarter.start),
        usable=usable_report(
            actor=actor, municipalities=[municipality], now=datetime.combine(on, time(12), tzinfo=UTC)
        ),
    )
