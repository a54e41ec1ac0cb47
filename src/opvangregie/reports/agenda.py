"""The agenda of an area: every date that follows from the register, computed by the rules of
:mod:`opvangregie.core.agenda` (objection periods, irrevocability, evaluations, expected transitions,
planned ends, the end of temporary protection and the end of the quota half-year)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.conf import settings

from opvangregie.agreements.selectors import agreement_notices
from opvangregie.areas.models import Municipality
from opvangregie.core import agenda as rules
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.periods import HalfYear
from opvangregie.core.projection import LocationPlan, pending_expected
from opvangregie.locations.models import EventKind, Location, LocationEvent
from opvangregie.locations.selectors import locations_readable, plans_of
from opvangregie.organisations.scope import scope_for
from opvangregie.quotas.selectors import quota_ledgers

UPCOMING_DAYS = 90


def _subject(location: Location) -> rules.Subject:
    return rules.Subject(rules.SubjectKind.LOCATION, location.pk, location.name)


@dataclass(frozen=True, slots=True)
class _Event:
    kind: EventKind
    day: date
    title: str


def _events(ids: Sequence[int]) -> dict[int, list[_Event]]:
    """The permit and evaluation events of the locations' timelines in date order, as plain rows."""
    found: dict[int, list[_Event]] = defaultdict(list)
    for pk, kind, day, title in (
        LocationEvent.objects.filter(location_id__in=ids, kind__in=[EventKind.PERMIT_GRANTED, EventKind.EVALUATION])
        .order_by("date", "pk")
        .values_list("location_id", "kind", "date", "title")
    ):
        found[pk].append(_Event(EventKind(kind), day, title))
    return found


def _permits(location: Location, events: Sequence[_Event], plan: LocationPlan) -> list[rules.PermitDecision]:
    """Permit decisions made known (timeline events) and, while pending, the expected permit decision."""
    decisions = [
        rules.PermitDecision(_subject(location), event.day)
        for event in events
        if event.kind == EventKind.PERMIT_GRANTED
    ]
    if not decisions:
        decisions += [
            rules.PermitDecision(_subject(location), expected.expected, expected=True)
            for expected in pending_expected(plan)
            if expected.status is LocationStatus.PERMIT
        ]
    return decisions


def _notices(locations: Sequence[Location]) -> list[rules.NoticeRequired]:
    """The last days to announce a change that an agreement about the location requires notice of."""
    return [
        rules.NoticeRequired(_subject(notice.location), notice.change, notice.months, what="wijziging")
        for notice in agreement_notices(locations=locations)
    ]


def _evaluations(location: Location, events: Sequence[_Event]) -> list[rules.Evaluation]:
    return [
        rules.Evaluation(_subject(location), event.day, title=event.title, source="Tijdlijn van de locatie")
        for event in events
        if event.kind == EventKind.EVALUATION
    ]


def _quota_items(municipalities: Sequence[Municipality], *, actor: Any, today: date) -> list[rules.QuotaRemaining]:
    """The running half-year of every municipality with a quota: what is still to be housed."""
    period = HalfYear.containing(today)
    remaining = []
    for ledger in quota_ledgers(actor=actor, municipalities=municipalities, on=today).values():
        line = next((line for line in ledger.lines if line.period == period), None)
        if line is not None:
            subject = rules.Subject(rules.SubjectKind.MUNICIPALITY, ledger.municipality.code, ledger.municipality.name)
            remaining.append(rules.QuotaRemaining(subject, period, line.demand - line.realised))
    return remaining


def protection_end() -> date | None:
    """The last day of temporary protection (setting ``TEMPORARY_PROTECTION_END``), None when unset."""
    raw = settings.TEMPORARY_PROTECTION_END
    return date.fromisoformat(raw) if raw else None


@dataclass(frozen=True, slots=True)
class Agenda:
    today: date
    items: tuple[rules.AgendaItem, ...]

    def upcoming(self, days: int = UPCOMING_DAYS) -> tuple[rules.AgendaItem, ...]:
        """ "Komende 90 dagen", with overdue items first."""
        return rules.within(self.items, self.today, days, include_overdue=True)


def area_agenda(*, actor: Any, municipalities: Sequence[Municipality], today: date) -> Agenda:
    """The agenda of the municipalities: of the locations ``actor`` may read, the municipality's quota and
    the national end of temporary protection (setting ``TEMPORARY_PROTECTION_END``)."""
    ids = [m.pk for m in municipalities]
    queryset = locations_readable(scope_for(actor)).filter(municipality_id__in=ids)
    queryset = queryset.order_by("name", "pk")
    locations = list(queryset.only("pk", "name"))  # plans, events and notices are read as plain rows (issue 20)
    plans = {cast(int, plan.key): plan for plan in plans_of(queryset)}
    events = _events([location.pk for location in locations])
    items = rules.agenda(
        today=today,
        permits=[item for loc in locations for item in _permits(loc, events[loc.pk], plans[loc.pk])],
        notices_required=_notices(locations),
        evaluations=[item for loc in locations for item in _evaluations(loc, events[loc.pk])],
        plans=list(plans.values()),
        quotas=_quota_items(municipalities, actor=actor, today=today),
        protection_end=protection_end(),
    )
    return Agenda(today, items)
