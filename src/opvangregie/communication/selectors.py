"""Reads of the decision and communication log: per municipality, location and site, and per quarter for the
council letter. Who sees an entry: whoever reads the municipality or one of the locations it names, and only
when every candidate site it names is visible to them (a site not yet made public stays with its officers)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie.areas.models import Municipality
from opvangregie.communication.models import Communication, Decision
from opvangregie.communication.services import log_editable
from opvangregie.core.periods import Quarter
from opvangregie.locations.models import Location
from opvangregie.locations.timeline import TimelineEntry
from opvangregie.organisations.scope import Scope, scope_for
from opvangregie.sites.models import CandidateSite
from opvangregie.sites.selectors import site_filter


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related("municipality").prefetch_related("locations", "sites")


def _communications() -> QuerySet[Communication]:
    return Communication.objects.select_related("municipality", "decision").prefetch_related("locations", "sites")


def _visible(scope: Scope, entry: Decision | Communication, visible_sites: set[int]) -> bool:
    sites = entry.sites.all()
    if any(site.pk not in visible_sites for site in sites):
        return False
    if scope.reads_municipality(entry.municipality_id):
        return True
    return any(
        scope.reads_location(municipality_id=loc.municipality_id, target_group=loc.target_group)
        for loc in entry.locations.all()
    )


def _visible_site_ids(scope: Scope, municipality_ids: Iterable[int]) -> set[int]:
    return set(
        CandidateSite.objects.filter(site_filter(scope), municipality_id__in=list(municipality_ids)).values_list(
            "pk", flat=True
        )
    )


def decision_kind(decision: Decision) -> str:
    """ "Besluit college van B&W", "Bindend advies gevraagd gemeenteraad": what, and by whom."""
    kind = str(decision.get_kind_display())
    return f"{kind[:1].upper()}{kind[1:]} ({decision.get_body_display()})"


def decision_details(decision: Decision) -> tuple[str, ...]:
    lines = []
    if decision.made_public_on:
        lines.append(_("Made public on %(day)s") % {"day": _day(decision.made_public_on)})
    if decision.document_reference:
        lines.append(_("Document reference: %(reference)s") % {"reference": decision.document_reference})
    if decision.notes:
        lines.append(decision.notes)
    return tuple(lines)


def audience_text(communication: Communication) -> str:
    """ "buurtbewoners (Kerklaan, Ringlaan)": the audience and, when given, which streets or group."""
    audience = communication.get_audience_display()
    return f"{audience} ({communication.audience_detail})" if communication.audience_detail else audience


def participants_text(communication: Communication) -> str:
    count = communication.participants
    if count is None:
        return ""
    return ngettext("%(count)d participant", "%(count)d participants", count) % {"count": count}


def communication_details(communication: Communication) -> tuple[str, ...]:
    lines = [_("Audience: %(audience)s") % {"audience": audience_text(communication)}]
    if communication.delivery:
        lines.append(_("Delivery: %(status)s") % {"status": communication.get_delivery_display()})
    if communication.participants is not None:
        lines.append(participants_text(communication))
    if communication.decision_id is not None and communication.decision is not None:
        lines.append(_("About the decision: %(title)s") % {"title": communication.decision.title})
    if communication.notes:
        lines.append(communication.notes)
    return tuple(lines)


def _entries(decisions: Iterable[Decision], communications: Iterable[Communication]) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(d.decided_on, decision_kind(d), d.title, decision_details(d), link=_log_link(d.municipality))
        for d in decisions
    ] + [
        TimelineEntry(
            c.sent_on,
            c.get_channel_display(),
            c.subject,
            communication_details(c),
            until=c.sent_until,
            link=_log_link(c.municipality),
        )
        for c in communications
    ]
    return sorted(entries, key=lambda entry: entry.on)


def _log_link(municipality: Municipality) -> str:
    return reverse("communication:municipality", kwargs={"code": municipality.code})


def timeline_entries(actor: Any, subject: Location | CandidateSite) -> list[TimelineEntry]:
    """The decisions and communications naming ``subject`` (a location or a candidate site) that ``actor`` may
    see: a source of the timelines, registered in the app's ``ready``."""
    scope = scope_for(actor)
    sites = _visible_site_ids(scope, [subject.municipality_id])
    about: dict[str, Location | CandidateSite] = (
        {"sites": subject} if isinstance(subject, CandidateSite) else {"locations": subject}
    )
    decisions = [d for d in _decisions().filter(**about) if _visible(scope, d, sites)]
    communications = [c for c in _communications().filter(**about) if _visible(scope, c, sites)]
    return _entries(decisions, communications)


@dataclass(frozen=True, slots=True)
class MunicipalityLog:
    """The municipality's log as its page shows it: newest first, with what each entry is about."""

    municipality: Municipality
    decisions: list[Decision]
    communications: list[Communication]
    can_edit: bool

    @property
    def sounding_board_members(self) -> int | None:
        """The members of the sounding board as last counted (a meeting or sign-up with that audience)."""
        counted = [c for c in self.communications if c.audience == "sounding_board" and c.participants is not None]
        return max(counted, key=lambda c: (c.sent_on, c.pk)).participants if counted else None


def municipality_log(*, actor: Any, municipality: Municipality) -> MunicipalityLog:
    """Every decision and communication of ``municipality`` that ``actor`` may see, newest first."""
    scope = scope_for(actor)
    sites = _visible_site_ids(scope, [municipality.pk])
    decisions = [
        d
        for d in _decisions().filter(municipality=municipality).order_by("-decided_on", "-pk")
        if _visible(scope, d, sites)
    ]
    communications = [
        c
        for c in _communications().filter(municipality=municipality).order_by("-sent_on", "-pk")
        if _visible(scope, c, sites)
    ]
    return MunicipalityLog(
        municipality=municipality,
        decisions=decisions,
        communications=communications,
        can_edit=log_editable(actor=actor, municipality=municipality),
    )


@dataclass(frozen=True, slots=True)
class NewsLine:
    """One line of a location's news in the council letter: a date (or two) and a Dutch sentence."""

    on: date
    text: str
    until: date | None = None


def _decision_line(decision: Decision) -> NewsLine:
    text = f"{decision_kind(decision)}: {decision.title}"
    if decision.made_public_on and decision.made_public_on != decision.decided_on:
        public = _("made public on %(day)s") % {"day": _day(decision.made_public_on)}
        text += f"; {public}"
    return NewsLine(decision.decided_on, text)


def _communication_line(communication: Communication) -> NewsLine:
    to = _("to %(audience)s") % {"audience": audience_text(communication)}
    text = f"{communication.get_channel_display()} — {communication.subject}, {to}"
    if communication.delivery:
        text += f" ({communication.get_delivery_display()})"
    if communication.participants is not None:
        text += f"; {participants_text(communication)}"
    return NewsLine(communication.sent_on, text, communication.sent_until)


def quarter_news(*, municipality: Municipality, quarter: Quarter) -> dict[int, list[NewsLine]]:
    """Per location id: the decisions and communications of ``quarter`` naming it, in date order, for the
    council letter's location news (the letter is made by the municipality's own officers, who see all)."""
    news: dict[int, list[NewsLine]] = {}
    within = (quarter.start, quarter.end)
    decisions = _decisions().filter(
        Q(decided_on__range=within) | Q(made_public_on__range=within), municipality=municipality
    )
    communications = _communications().filter(municipality=municipality, sent_on__range=(quarter.start, quarter.end))
    for entry, line in [(d, _decision_line(d)) for d in decisions] + [
        (c, _communication_line(c)) for c in communications
    ]:
        for location in entry.locations.all():
            news.setdefault(location.pk, []).append(line)
    return {pk: sorted(lines, key=lambda line: line.on) for pk, lines in news.items()}
